package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.SinkSettings;
import io.isowatch.cli.run.AgentAssembly;
import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live source through the whole agent (engine, metrics, dead letters): observations pushed over
 * HTTP are counted, and the malformed ones are counted by reason and set aside with their line.
 */
class LiveSourcePipelineTest {
  private static final String TOKEN = "pipeline-token";

  @TempDir Path dir;

  @Test
  void pushedObservationsAreCountedAndBadLinesDeadLettered() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path deadLetters = dir.resolve("dead.jsonl");
    AgentSettings settings =
        AgentSettings.builder()
            .metricsPort(0)
            .sinks(new SinkSettings(false, Optional.empty(), deadLetters))
            .build();
    HttpPushSource push = HttpPushSource.builder(port).token(Secret.of(TOKEN, "test")).build();
    StringBuilder body = new StringBuilder();
    Instant start = Instant.parse("2025-03-01T00:00:00Z");
    for (int i = 0; i < 100; i++) {
      body.append("{\"feed\": \"pushed\", \"time\": \"")
          .append(start.plusSeconds(60L * i))
          .append("\", \"value\": ")
          .append(Math.sin(i / 7.0))
          .append("}\n");
      if (i % 40 == 0) {
        body.append("{\"feed\": \"pushed\", \"value\": 1}\n");
      }
    }
    body.append("nonsense\n");
    HttpClient client = HttpClient.newHttpClient();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    String metrics;
    try (AgentAssembly assembly =
        AgentAssembly.start(
            settings, List.of(push), new PrintWriter(new StringWriter()), List.of())) {
      Thread runner =
          new Thread(
              () -> {
                try {
                  assembly.run();
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      runner.start();
      try {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!push.listening() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observations"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"accepted\":100", "\"rejected\":4");
        while ((assembly.tally().observations() < 100 || assembly.tally().rejected() < 4)
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(assembly.tally().observations()).isEqualTo(100);
        assertThat(assembly.tally().rejected(RejectionReason.MISSING_FIELD)).isEqualTo(3);
        assertThat(assembly.tally().rejected(RejectionReason.UNPARSABLE)).isEqualTo(1);
        metrics =
            client
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + assembly.metricsPort() + "/metrics"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
      } finally {
        push.close(); // the source ends, so the engine drains and returns
        runner.join(60_000);
      }
    }
    assertThat(failure.get()).isNull();
    assertThat(metrics)
        .containsPattern(
            "isowatch_records_rejected_total\\{reason=\"missing_field\"\\} 3(\\.0)?\\b")
        .containsPattern("isowatch_records_rejected_total\\{reason=\"unparsable\"\\} 1(\\.0)?\\b");
    List<Rejection> setAside =
        Files.readAllLines(deadLetters).stream().map(RejectionJson::fromLine).toList();
    assertThat(setAside).hasSize(4);
    assertThat(setAside.get(0).detail()).isEqualTo("line 2: field time is missing");
    assertThat(setAside.get(3).detail()).isEqualTo("line 104: neither a JSON object nor a number");
    assertThat(setAside.get(3).original()).isEqualTo("nonsense");
  }
}
