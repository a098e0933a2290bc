package io.isowatch.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A real HTTP client pushing to the endpoint. */
class HttpPushSourceTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String TOKEN = "push-token-5150";
  private static final JsonMapper MAPPER = new JsonMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final int port = FreePort.pick();

  private HttpPushSource.Builder source() {
    return HttpPushSource.builder(port).token(Secret.of(TOKEN, "test")).maxBodyBytes(4096);
  }

  private HttpResponse<String> post(String query, String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observations" + query))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitListening(HttpPushSource source) throws InterruptedException {
    Await.until("listening", PATIENCE, source::listening);
  }

  @Test
  void takesJsonLinesAndBareNumbersAndSetsBadLinesAside() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      awaitListening(source);
      HttpResponse<String> response =
          post(
              "",
              TOKEN,
              "{\"feed\": \"load\", \"time\": \"2025-01-01T00:00:00Z\", \"value\": 7}\n"
                  + "\n"
                  + "{\"feed\": \"load\", \"time\": \"yesterday\", \"value\": 8}\n"
                  + "{\"feed\": \"load\", \"time\": 1735689660000, \"value\": 9}\n");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode answer = MAPPER.readTree(response.body());
      assertThat(answer.get("accepted").asInt()).isEqualTo(2);
      assertThat(answer.get("rejected").asInt()).isEqualTo(1);
      assertThat(answer.get("errors").get(0).asText()).startsWith("line 3: field time");

      HttpResponse<String> numbers = post("?feed=meter%2F1", TOKEN, "1.5\n2.5\n");
      assertThat(MAPPER.readTree(numbers.body()).get("accepted").asInt()).isEqualTo(2);

      Await.until(
          "4 observations", PATIENCE, () -> running.observations().size() == 4, running::state);
      assertThat(running.observations().subList(0, 2))
          .containsExactly(
              new Observation("load", Instant.parse("2025-01-01T00:00:00Z"), 7),
              new Observation("load", Instant.ofEpochMilli(1735689660000L), 9));
      assertThat(running.observations().subList(2, 4))
          .extracting(Observation::feedId, Observation::value)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("meter/1", 1.5),
              org.assertj.core.groups.Tuple.tuple("meter/1", 2.5));
      assertThat(running.rejections())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.reason()).isEqualTo(RejectionReason.UNPARSABLE);
                assertThat(r.original()).contains("yesterday");
              });
    }
  }

  @Test
  void refusesWrongTokensMethodsAndSizes() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      awaitListening(source);
      String line = "{\"feed\": \"a\", \"time\": 0, \"value\": 1}";
      assertThat(post("", null, line).statusCode()).isEqualTo(401);
      assertThat(post("", "wrong", line).statusCode()).isEqualTo(401);
      assertThat(post("", TOKEN + "x", line).statusCode()).isEqualTo(401);
      HttpResponse<String> get =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observations"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      HttpResponse<String> big = post("", TOKEN, (line + "\n").repeat(200));
      assertThat(big.statusCode()).isEqualTo(413);
      assertThat(big.body()).contains("over the limit of 4096 bytes");
      assertThat(source.stats().unauthorized()).isEqualTo(3);
      assertThat(source.stats().tooLarge()).isEqualTo(1);
      assertThat(running.observations()).isEmpty();
    }
  }

  @Test
  void aFullBufferAnswers503WithWhatWasTakenAndLosesNothingTaken() throws Exception {
    HttpPushSource source = source().bufferCapacity(2).offerTimeout(Duration.ofMillis(200)).build();
    CountDownLatch release = new CountDownLatch(1);
    List<Observation> received = new CopyOnWriteArrayList<>();
    Thread engine =
        new Thread(
            () -> {
              try {
                source.run(
                    event -> {
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      received.add(((SourceEvent.Parsed) event).observation());
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    engine.start();
    try {
      awaitListening(source);
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        body.append("{\"feed\": \"f\", \"time\": ")
            .append(i)
            .append(", \"value\": ")
            .append(i)
            .append("}\n");
      }
      HttpResponse<String> response = post("", TOKEN, body.toString());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("1");
      int taken = MAPPER.readTree(response.body()).get("accepted").asInt();
      // the engine holds one event, the buffer two more: nothing beyond what fits is taken
      assertThat(taken).isBetween(2, 3);
      release.countDown();
      Await.until("the taken lines", PATIENCE, () -> received.size() == taken);
      assertThat(received)
          .extracting(Observation::value)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, taken).mapToObj(i -> (double) i).toList());
    } finally {
      release.countDown();
      source.close();
      engine.join(10_000);
    }
  }

  @Test
  void linesAcceptedBeforeCloseAreStillHandedOver() throws Exception {
    HttpPushSource source = source().build();
    CountDownLatch release = new CountDownLatch(1);
    List<Observation> received = new CopyOnWriteArrayList<>();
    Thread engine =
        new Thread(
            () -> {
              try {
                source.run(
                    event -> {
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      received.add(((SourceEvent.Parsed) event).observation());
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    engine.start();
    try {
      awaitListening(source);
      HttpResponse<String> response = post("?feed=f", TOKEN, "1\n2\n3\n4\n");
      assertThat(MAPPER.readTree(response.body()).get("accepted").asInt()).isEqualTo(4);
      source.close();
    } finally {
      release.countDown();
      engine.join(10_000);
    }
    assertThat(engine.isAlive()).isFalse();
    assertThat(received).extracting(Observation::value).containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(source.listening()).isFalse();
  }

  @Test
  void bareNumbersInOneBodyEachGetTheirOwnArrivalTime() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      awaitListening(source);
      StringBuilder seq = new StringBuilder();
      for (int i = 1; i <= 100; i++) {
        seq.append(i).append('\n');
      }
      HttpResponse<String> response = post("?feed=cpu", TOKEN, seq.toString());
      assertThat(MAPPER.readTree(response.body()).get("accepted").asInt()).isEqualTo(100);
      Await.until(
          "100 observations", PATIENCE, () -> running.observations().size() == 100, running::state);
      List<Instant> times = running.observations().stream().map(Observation::eventTime).toList();
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i)).as("time of line %d", i + 1).isAfter(times.get(i - 1));
      }
      // a second body goes on after the first, never back to one of its times
      post("?feed=cpu", TOKEN, "101\n");
      Await.until(
          "101 observations", PATIENCE, () -> running.observations().size() == 101, running::state);
      assertThat(running.observations().get(100).eventTime()).isAfter(times.get(99));
    }
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      awaitListening(source);
      for (String scheme : List.of("bearer", "BEARER", "Bearer", "bEaReR")) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/observations?feed=f"))
                    .header("Authorization", scheme + " " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("1\n"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(scheme).isEqualTo(200);
      }
      assertThat(post("", "Basic " + TOKEN, "1\n").statusCode()).isEqualTo(401);
      assertThat(source.stats().unauthorized()).isEqualTo(1);
    }
  }

  @Test
  void anEngineThatFallsBehindGets503RatherThanAHeldRequest() throws Exception {
    // The engine takes one event every 20 ms, so the buffer never stays full for a whole
    // offerTimeout: waiting per line would hold this request for 200 x 20 ms and answer 200.
    HttpPushSource source =
        source().bufferCapacity(10).offerTimeout(Duration.ofMillis(300)).build();
    List<Observation> received = new CopyOnWriteArrayList<>();
    Thread engine =
        new Thread(
            () -> {
              try {
                source.run(
                    event -> {
                      try {
                        Thread.sleep(20);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      received.add(((SourceEvent.Parsed) event).observation());
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    engine.start();
    try {
      awaitListening(source);
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        body.append(i).append('\n');
      }
      HttpResponse<String> response = post("?feed=f", TOKEN, body.toString());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      JsonNode answer = MAPPER.readTree(response.body());
      int taken = answer.get("accepted").asInt();
      assertThat(taken).isLessThan(200);
      assertThat(answer.get("error").asText()).contains("from line " + (taken + 1) + " on");
      Await.until("the taken lines", PATIENCE, () -> received.size() == taken);
      assertThat(received)
          .extracting(Observation::value)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, taken).mapToObj(i -> (double) i).toList());
    } finally {
      source.close();
      engine.join(30_000);
    }
  }

  @Test
  void aClientThatWaitsFor100ContinueIsRefusedBeforeItSendsTheBody() throws Exception {
    // curl sends "Expect: 100-continue" for bodies over 1 KiB: the token decides before the body.
    // A raw socket, since the JDK 17 client hangs on a final answer to Expect (JDK-8286171).
    HttpPushSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      awaitListening(source); // before connecting: the server may not be bound yet
      String answer;
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
        socket.setSoTimeout(30_000); // a failure, not a wait
        socket
            .getOutputStream()
            .write(
                ("POST /observations?feed=c HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
                        + "Expect: 100-continue\r\nContent-Length: 2000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      }
      assertThat(answer).startsWith("HTTP/1.1 401").doesNotContain("100 Continue");
      assertThat(running.observations()).isEmpty();
    }
  }

  @Test
  void aTokenIsRequired() {
    assertThatThrownBy(() -> HttpPushSource.builder(port).build())
        .hasMessage("token is required: producers authenticate with it");
  }
}
