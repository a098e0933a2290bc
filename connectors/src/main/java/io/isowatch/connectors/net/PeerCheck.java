package io.isowatch.connectors.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks at start that a peer (a Kafka cluster, an MQTT broker) answers on TCP, so that a wrong
 * address or a broker that is down fails in a few seconds with one line naming the address and what
 * to check, not after a minute of client retries and a stack trace. A TCP connect says nothing
 * about TLS or credentials; the client's own errors cover those.
 */
public final class PeerCheck {
  /** How long each address may take to accept a connection. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  private PeerCheck() {}

  /**
   * Returns when at least one of {@code addresses} (host:port, comma-separated, as Kafka's
   * bootstrap servers are written) accepts a TCP connection within {@code timeout}.
   *
   * @param peer what the addresses are, for the message ("Kafka", "the MQTT broker")
   * @param check what the operator should check, ending the message
   * @throws UnreachablePeerException naming every address tried and why it failed
   */
  public static void requireReachable(
      String peer, String addresses, Duration timeout, String check) {
    List<String> failures = new ArrayList<>();
    for (String address : addresses.split(",")) {
      String trimmed = address.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String failure = tryConnect(trimmed, timeout);
      if (failure == null) {
        return;
      }
      failures.add(trimmed + " (" + failure + ")");
    }
    throw new UnreachablePeerException(
        "cannot reach "
            + peer
            + " at "
            + (failures.isEmpty() ? "'" + addresses + "'" : String.join(", ", failures))
            + ": "
            + check);
  }

  /** Null when {@code address} accepts a connection, else why not, in a few words. */
  private static String tryConnect(String address, Duration timeout) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      return "not host:port";
    }
    String host = address.substring(0, colon).replaceAll("^\\[|\\]$", "");
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      return "not host:port";
    }
    if (port < 1 || port > 65535) {
      return "port out of range";
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return null;
    } catch (UnknownHostException e) {
      return "unknown host";
    } catch (ConnectException e) {
      return "connection refused";
    } catch (SocketTimeoutException e) {
      return String.format(Locale.ROOT, "no answer within %d s", timeout.toSeconds());
    } catch (IllegalArgumentException e) {
      return "unknown host"; // an unresolved address
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
