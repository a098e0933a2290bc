package io.isowatch.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server playing a price API with ETags. */
class HttpPollingSourceTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private HttpServer server;
  private volatile String document;
  private volatile String etag;
  private volatile String lastModified;
  private final List<String> ifModifiedSince = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToServe = new AtomicInteger();
  private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/prices", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String conditional = exchange.getRequestHeaders().getFirst("If-None-Match");
      if (conditional != null) {
        ifNoneMatch.add(conditional);
      }
      String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
      if (since != null) {
        ifModifiedSince.add(since);
      }
      if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      if (etag != null && etag.equals(conditional)
          || lastModified != null && lastModified.equals(since)) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      served.incrementAndGet();
      byte[] body = document.getBytes(StandardCharsets.UTF_8);
      if (etag != null) {
        exchange.getResponseHeaders().set("ETag", etag);
      }
      if (lastModified != null) {
        exchange.getResponseHeaders().set("Last-Modified", lastModified);
      }
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prices");
  }

  private HttpPollingSource.Builder source() {
    return HttpPollingSource.builder(uri())
        .interval(Duration.ofMillis(30))
        .maxBackoff(Duration.ofMillis(200))
        .records("$.data[*]")
        .feedPath("$.zone")
        .timePath("$.ts")
        .valuePath("$.price.eur");
  }

  private static String record(String zone, String ts, String price) {
    return "{\"zone\": \""
        + zone
        + "\", \"ts\": \""
        + ts
        + "\", \"price\": {\"eur\": "
        + price
        + "}}";
  }

  @Test
  void selectsFieldsSendsItsETagAndEmitsEachRecordOnce() throws Exception {
    String fr1 = record("FR", "2025-06-01T12:00:00Z", "81.2");
    String de1 = record("DE", "2025-06-01T12:00:00Z", "\"n/a\"");
    document = "{\"data\": [" + fr1 + ", " + de1 + "]}";
    etag = "\"v1\"";
    HttpPollingSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until(
          "two 304s",
          PATIENCE,
          () -> source.stats().notModified() >= 2,
          () -> source.stats().toString());
      assertThat(ifNoneMatch).contains("\"v1\"");
      assertThat(running.observations())
          .containsExactly(new Observation("FR", Instant.parse("2025-06-01T12:00:00Z"), 81.2));
      Rejection bad = running.rejections().get(0);
      assertThat(running.rejections()).hasSize(1);
      assertThat(bad.reason()).isEqualTo(RejectionReason.UNPARSABLE);
      assertThat(bad.feedId()).contains("DE");
      assertThat(bad.detail()).startsWith("GET " + uri() + ": value $.price.eur: ");
      assertThat(bad.original()).contains("\"n/a\"");

      // the document grows: only the new record is emitted
      String fr2 = record("FR", "2025-06-01T12:15:00Z", "79.9");
      document = "{\"data\": [" + fr1 + ", " + fr2 + "]}";
      etag = "\"v2\"";
      Await.until(
          "the new record", PATIENCE, () -> running.observations().size() == 2, running::state);
      assertThat(running.observations().get(1))
          .isEqualTo(new Observation("FR", Instant.parse("2025-06-01T12:15:00Z"), 79.9));
      assertThat(source.stats().alreadySeen()).isGreaterThanOrEqualTo(1);
      assertThat(served.get()).isEqualTo(2);
    }
  }

  @Test
  void sendsLastModifiedBackWhenThereIsNoETag() throws Exception {
    document = "{\"data\": [" + record("FR", "2025-06-01T12:00:00Z", "1") + "]}";
    lastModified = "Sun, 01 Jun 2025 12:00:00 GMT";
    HttpPollingSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until(
          "two 304s",
          PATIENCE,
          () -> source.stats().notModified() >= 2,
          () -> source.stats().toString());
      assertThat(ifModifiedSince).contains(lastModified);
      assertThat(ifNoneMatch).isEmpty();
      assertThat(served.get()).isEqualTo(1);
      assertThat(running.observations()).hasSize(1);
    }
  }

  @Test
  void backsOffOnErrorsAndRecovers() throws Exception {
    document = "{\"data\": [" + record("FR", "2025-06-01T12:00:00Z", "1") + "]}";
    failuresToServe.set(4);
    HttpPollingSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until(
          "recovery",
          PATIENCE,
          () -> running.observations().size() == 1,
          () -> source.stats().toString());
      assertThat(source.stats().errors()).isEqualTo(4);
      assertThat(running.rejections()).isEmpty();
      assertThat(running.alive()).isTrue();
    }
  }

  @Test
  void anAnswerThatIsNotJsonIsSetAside() throws Exception {
    document = "<html>maintenance</html>";
    HttpPollingSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("a rejection", PATIENCE, () -> !running.rejections().isEmpty());
      Rejection rejection = running.rejections().get(0);
      assertThat(rejection.original()).isEqualTo("<html>maintenance</html>");
      assertThat(rejection.detail()).startsWith("GET " + uri() + ": answer is not JSON");
    }
  }

  @Test
  void aFixedFeedAndArrivalTimes() throws Exception {
    document = "{\"value\": 42.5}";
    HttpPollingSource source =
        HttpPollingSource.builder(uri())
            .interval(Duration.ofSeconds(30))
            .feed("spot")
            .timeOfArrival()
            .build();
    Instant before = Instant.now();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("one", PATIENCE, () -> running.observations().size() == 1);
      Observation observation = running.observations().get(0);
      assertThat(observation.feedId()).isEqualTo("spot");
      assertThat(observation.value()).isEqualTo(42.5);
      assertThat(observation.eventTime()).isBetween(before, Instant.now());
    }
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> source().valuePath("price").build())
        .hasMessage("valuePath: JSON path must start with $, got \"price\"");
    assertThatThrownBy(() -> source().interval(Duration.ZERO).build())
        .hasMessage("interval must be at least 1ms, got PT0S");
  }
}
