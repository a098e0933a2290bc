package io.isowatch.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.sink.DeadLetterLimits;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused pushes and dead letters over budget, scraped from a real endpoint. */
class ConnectorMetricsTest {
  private static final String TOKEN = "push-token-5150";

  @TempDir Path dir;

  private final HttpClient client = HttpClient.newHttpClient();

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private int post(int port, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observations?feed=f"))
            .POST(HttpRequest.BodyPublishers.ofString("1\n"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private String scrape(int port) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void refusedPushesAndDroppedDeadLettersAreCounted() throws Exception {
    int port = freePort();
    HttpPushSource push = HttpPushSource.builder(port).token(Secret.of(TOKEN, "test")).build();
    Thread engine =
        new Thread(
            () -> {
              try {
                push.run(event -> {});
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    engine.start();
    PrometheusRegistry registry = new PrometheusRegistry();
    DeadLetterLimits tiny = new DeadLetterLimits(Duration.ofSeconds(1), 1 << 20, 1, 1024, 1, 64);
    try (DeadLetterFileSink deadLetters = DeadLetterFileSink.open(dir.resolve("dl.jsonl"), tiny);
        MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0)) {
      ConnectorMetrics.register(registry, List.of(push), deadLetters);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!push.listening() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(post(port, null)).isEqualTo(401);
      assertThat(post(port, "Bearer wrong")).isEqualTo(401);
      assertThat(post(port, "Basic " + TOKEN)).isEqualTo(401);
      assertThat(post(port, "bearer " + TOKEN)).isEqualTo(200);
      for (int i = 0; i < 100; i++) {
        deadLetters.accept(
            new Rejection(
                RejectionReason.UNPARSABLE,
                Optional.of("f"),
                "x",
                "line " + i + ": neither a JSON object nor a number",
                Instant.parse("2026-01-01T00:00:00Z")));
      }

      String scraped = scrape(endpoint.port());
      assertThat(scraped).contains("isowatch_push_auth_failures_total 3.0");
      assertThat(scraped).contains("isowatch_push_busy_total 0.0");
      assertThat(scraped).contains("isowatch_push_slow_connections_dropped_total 0.0");
      assertThat(scraped)
          .contains(
              "isowatch_dead_letters_dropped_total " + (double) deadLetters.stats().dropped());
      assertThat(deadLetters.stats().dropped()).isPositive();
    } finally {
      push.close();
      engine.join(30_000);
    }
  }
}
