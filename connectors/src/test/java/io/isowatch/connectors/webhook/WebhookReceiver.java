package io.isowatch.connectors.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver on loopback that records every request and checks its HMAC signature with
 * its own computation (javax.crypto, not the sink's code). It can be stopped and started again on
 * the same port, to play a receiver that is down for a while.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as received. */
  record Received(String idempotencyKey, String body, boolean signatureValid) {}

  private final int port;
  private final byte[] key;
  private final List<Received> received = new ArrayList<>();
  private volatile Function<String, Integer> statusOf = body -> 200;
  private HttpServer server;

  WebhookReceiver(int port, String hmacKey) {
    this.port = port;
    this.key = hmacKey.getBytes(StandardCharsets.UTF_8);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port + "/hook");
  }

  /** Chooses the status answered to each body (200 by default). */
  void answer(Function<String, Integer> statusOf) {
    this.statusOf = statusOf;
  }

  synchronized void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext("/hook", this::handle);
    server.start();
  }

  synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** The requests answered 2xx, in arrival order. */
  List<Received> accepted() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String timestamp = exchange.getRequestHeaders().getFirst("X-Isowatch-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Isowatch-Signature");
    boolean valid =
        signature != null && timestamp != null && signature.equals(expected(timestamp, body));
    int status = statusOf.apply(body);
    if (status / 100 == 2) {
      synchronized (received) {
        received.add(
            new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, valid));
      }
    }
    byte[] answer = (status / 100 == 2 ? "ok" : "no: test receiver refuses").getBytes();
    exchange.sendResponseHeaders(status, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  private String expected(String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return "sha256="
          + HexFormat.of()
              .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
