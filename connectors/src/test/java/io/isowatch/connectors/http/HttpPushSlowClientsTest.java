package io.isowatch.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.FreePort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Raw sockets that hold connections open half-sent, and a real HTTP client that must still be
 * served. The attackers never finish on their own: before the fix, each valid POST hung until the
 * server gave up on them.
 */
class HttpPushSlowClientsTest {
  private static final String TOKEN = "push-token-5150";

  /** Far above a loopback POST's latency, far below the ~60 s the attackers used to stall it. */
  private static final Duration VALID_CLIENT_PATIENCE = Duration.ofSeconds(15);

  private final HttpClient client = HttpClient.newHttpClient();
  private final int port = FreePort.pick();
  private final List<Socket> attackers = new ArrayList<>();

  @AfterEach
  void closeAttackers() throws IOException {
    for (Socket socket : attackers) {
      socket.close();
    }
  }

  private HttpPushSource.Builder source() {
    return HttpPushSource.builder(port).token(Secret.of(TOKEN, "test"));
  }

  private Socket attacker(String sent) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    attackers.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(sent.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static String halfHeaders() {
    return "POST /observations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n";
  }

  private static String halfBody(String authorization) {
    return "POST /observations?feed=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + authorization
        + "Content-Length: 100000\r\n\r\n1\n2\n3\n";
  }

  private int validPost(int i) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observations?feed=ok"))
            .timeout(VALID_CLIENT_PATIENCE)
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(i + "\n"))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private void assertValidClientsServed(RunningSource running, int posts) throws Exception {
    for (int i = 0; i < posts; i++) {
      assertThat(validPost(i)).as("valid POST %d", i).isEqualTo(200);
    }
    Await.until(
        "the valid observations",
        Duration.ofSeconds(30),
        () -> running.observations().size() == posts,
        running::state);
  }

  @Test
  void halfSentHeadersWithoutATokenDoNotStallValidClients() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      for (int i = 0; i < 8; i++) {
        attacker(halfHeaders());
      }
      assertValidClientsServed(running, 5);
    }
  }

  @Test
  void halfSentBodiesWithoutATokenDoNotStallValidClients() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      for (int i = 0; i < 8; i++) {
        attacker(halfBody(""));
      }
      assertValidClientsServed(running, 5);
    }
  }

  @Test
  void halfSentBodiesWithATokenDoNotStallOtherClients() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      for (int i = 0; i < 8; i++) {
        attacker(halfBody("Authorization: Bearer " + TOKEN + "\r\n"));
      }
      assertValidClientsServed(running, 5);
    }
  }

  /** Everything the server sends until it closes the connection. */
  private static String readUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis()); // a failure, not a wait
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void aConnectionThatDoesNotAuthenticateInTimeIsClosed() throws Exception {
    HttpPushSource source = source().headerTimeout(Duration.ofMillis(300)).build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      Socket slow = attacker(halfHeaders());
      assertThat(readUntilClosed(slow)).isEmpty();
      assertThat(source.stats().slowConnectionsDropped()).isEqualTo(1);
      assertValidClientsServed(running, 2);
    }
  }

  @Test
  void beyondTheCapTheOldestUnauthenticatedConnectionIsClosed() throws Exception {
    HttpPushSource source = source().maxUnauthenticatedConnections(3).build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      // one at a time: connections opened together reach the server in no set order
      Socket oldest = attacker(halfHeaders());
      for (int open = 2; open <= 4; open++) {
        int previous = open - 1;
        Await.until("pending", Duration.ofSeconds(30), () -> pending(source) == previous);
        attacker(halfHeaders());
      }
      assertThat(readUntilClosed(oldest)).isEmpty();
      // each valid client's new connection makes room by closing the oldest attacker in turn
      assertValidClientsServed(running, 2);
      assertThat(source.stats().slowConnectionsDropped()).isGreaterThanOrEqualTo(2);
    }
  }

  private static int pending(HttpPushSource source) {
    return source.unauthenticatedConnections();
  }

  @Test
  void aBodyWithoutATokenIsRefusedBeforeItIsRead() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      String answer = readUntilClosed(attacker(halfBody("")));
      assertThat(answer).startsWith("HTTP/1.1 401");
      assertThat(source.stats().unauthorized()).isEqualTo(1);
      assertThat(running.observations()).isEmpty();
    }
  }

  @Test
  void aBodyNotReceivedInTimeIsAnswered408AndNothingTaken() throws Exception {
    HttpPushSource source = source().bodyTimeout(Duration.ofMillis(300)).build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", Duration.ofSeconds(30), source::listening);
      String answer =
          readUntilClosed(attacker(halfBody("Authorization: Bearer " + TOKEN + "\r\n")));
      assertThat(answer).startsWith("HTTP/1.1 408").contains("nothing taken");
      assertThat(source.stats().slowConnectionsDropped()).isEqualTo(1);
      assertValidClientsServed(running, 1);
    }
  }
}
