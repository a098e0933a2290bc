package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.connectors.stdin.StdinSource;
import io.isowatch.core.feed.FeedName;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile lines on standard input through the real pipeline: every line is counted once, accepted
 * or rejected, in the metrics and in the dead letters; feeds that only ever sent rejected records
 * take no place under the feed cap; a future-dated record does not poison its feed; and broken feed
 * names (too long, control characters, bytes that are not UTF-8) are refused, not merged.
 */
class CountingInvariantTest {
  private static final Instant NOW =
      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final Instant T0 = NOW.minus(Duration.ofDays(1));

  private static RealModel model;

  @TempDir Path dir;

  @BeforeAll
  static void openModel() {
    model = RealModel.open();
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  private static String line(String feed, Instant time, String value) {
    return "{\"feed\":\"" + feed + "\",\"time\":\"" + time + "\",\"value\":" + value + "}\n";
  }

  @Test
  void everyLineIsAcceptedOrRejectedOnceAndRejectedFeedsTakeNoPlace() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    int sent = 0;
    int goodPerFeed = 40;
    // Feeds whose every record is refused come first: before the fix they filled the cap of two.
    for (int i = 0; i < 5; i++) {
      in.writeBytes(line("nan-only", T0.plusSeconds(i), "NaN").getBytes(StandardCharsets.UTF_8));
      in.writeBytes(
          line("future-only", Instant.parse("9999-12-31T23:59:59Z"), "1")
              .getBytes(StandardCharsets.UTF_8));
      sent += 2;
    }
    in.writeBytes(line("x".repeat(200_000), T0, "1").getBytes(StandardCharsets.UTF_8));
    in.writeBytes(line("two\\nlines", T0, "1").getBytes(StandardCharsets.UTF_8));
    sent += 2;
    // Two different names that are not UTF-8: decoded, both would read "bad\uFFFD".
    for (int b : new int[] {0xFF, 0xFE}) {
      in.writeBytes("{\"feed\":\"bad".getBytes(StandardCharsets.UTF_8));
      in.write(b);
      in.writeBytes(("\",\"time\":\"" + T0 + "\",\"value\":1}\n").getBytes(StandardCharsets.UTF_8));
      sent++;
    }
    for (int i = 0; i < goodPerFeed; i++) {
      for (String feed : List.of("a", "b")) {
        in.writeBytes(
            line(feed, T0.plusSeconds(60L * i), "" + (i % 7)).getBytes(StandardCharsets.UTF_8));
        sent++;
      }
      if (i == 10) {
        in.writeBytes(
            line("a", Instant.parse("9999-12-31T23:59:59Z"), "1").getBytes(StandardCharsets.UTF_8));
        in.writeBytes(line("a", T0.plusSeconds(60L * i), "5").getBytes(StandardCharsets.UTF_8));
        in.writeBytes(
            line("b", T0.plusSeconds(60L * i - 30), "5").getBytes(StandardCharsets.UTF_8));
        in.writeBytes("not json\n".getBytes(StandardCharsets.UTF_8));
        sent += 4;
      }
    }
    Path deadLetters = dir.resolve("dead-letters.jsonl");
    PrometheusRegistry registry = new PrometheusRegistry();

    try (MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0);
        DeadLetterFileSink deadLetterSink = DeadLetterFileSink.open(deadLetters);
        EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(StdinSource.builder(new ByteArrayInputStream(in.toByteArray())).build())
                .encoder(model.encoder)
                .embedder(model.embedder)
                .monitorSettings(
                    MonitorSettings.builder()
                        .window(WindowSpec.builder().length(16).stride(4).build())
                        .width(BundledModels.HIDDEN_WIDTH)
                        .windowCloudCapacity(4)
                        .build())
                .deadLetterSink(deadLetterSink)
                .listener(new PrometheusPipelineMetrics(registry))
                .settings(
                    PipelineSettings.builder()
                        .limits(PipelineLimits.builder().maxFeeds(2).build())
                        .build())
                .build()) {
      pipeline.run();

      List<Rejection> rejections =
          Files.readAllLines(deadLetters).stream().map(RejectionJson::fromLine).toList();
      Scrape scrape = Scrape.of(endpoint.port());
      double accepted = scrape.sum("isowatch_observations_total");
      double rejected = scrape.sum("isowatch_records_rejected_total");

      assertThat(accepted + rejected).as("accepted + rejected = sent").isEqualTo(sent);
      assertThat(rejections).as("dead letters").hasSize((int) rejected);
      assertThat(scrape.valueOrZero("isowatch_observations_total{feed=\"a\"}"))
          .isEqualTo(goodPerFeed);
      assertThat(scrape.valueOrZero("isowatch_observations_total{feed=\"b\"}"))
          .isEqualTo(goodPerFeed);
      assertThat(scrape.valueOrZero("isowatch_feeds")).isEqualTo(2);
      assertThat(rejections)
          .extracting(Rejection::reason)
          .doesNotContain(RejectionReason.FEED_LIMIT);
      assertThat(rejections)
          .filteredOn(r -> r.reason() == RejectionReason.INVALID_FEED_NAME)
          .hasSize(4)
          .allSatisfy(r -> assertThat(r.feedId()).isEmpty());
      assertThat(scrape.valueOrZero("isowatch_records_rejected_total{reason=\"too_far_ahead\"}"))
          .isEqualTo(6);
      assertThat(scrape.valueOrZero("isowatch_records_rejected_total{reason=\"not_finite\"}"))
          .isEqualTo(5);
      assertThat(scrape.valueOrZero("isowatch_records_rejected_total{reason=\"duplicate\"}"))
          .isEqualTo(1);
      assertThat(scrape.valueOrZero("isowatch_records_rejected_total{reason=\"too_late\"}"))
          .isEqualTo(1);
      assertThat(scrape.toString().length())
          .as("the scrape holds no 200,000-character name")
          .isLessThan(100 * FeedName.MAX_LENGTH * 10);
    }
  }
}
