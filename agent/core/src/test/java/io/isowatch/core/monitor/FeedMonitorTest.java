package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.geometry.AverageCosine;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.core.geometry.GeometryAnalyzer;
import io.isowatch.core.geometry.GeometryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeedMonitorTest {
  private static final int WIDTH = 8;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final MonitorSettings SETTINGS =
      MonitorSettings.builder()
          .width(WIDTH)
          .windowCloudCapacity(16)
          .evaluateEvery(4)
          .rule(AlertRuleSettings.defaults().withWarmUp(24))
          .build();

  /** Token states around a direction: spread 1 per axis plus {@code offset} on axis 0. */
  private static Embedding embedding(Random random, double offset) {
    float[][] tokens = new float[6][WIDTH];
    float[] pooled = new float[WIDTH];
    for (float[] token : tokens) {
      for (int j = 0; j < WIDTH; j++) {
        token[j] = (float) (random.nextGaussian() + (j == 0 ? offset : 0));
        pooled[j] += token[j] / tokens.length;
      }
    }
    return new Embedding(pooled, tokens, Optional.empty());
  }

  private static Window window(long sequence) {
    Instant start = T0.plus(Duration.ofMinutes(sequence));
    return new Window("feed-a", sequence, start, start.plusSeconds(30), new double[] {1, 2, 3});
  }

  private static double[][] toDoubles(float[][] values) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new double[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        out[i][j] = values[i][j];
      }
    }
    return out;
  }

  @Test
  void evaluatesEveryKWindowsWithSignalsRecomputedIndependently() {
    FeedMonitor monitor = FeedMonitor.create("feed-a", SETTINGS);
    Random random = new Random(3);
    List<float[]> pooled = new ArrayList<>();
    double tokenCosineSum = 0;

    for (int w = 0; w < 28; w++) {
      Embedding embedding = embedding(random, 0.5);
      pooled.add(embedding.pooled());
      tokenCosineSum += AverageCosine.raw(Cloud.of(toDoubles(embedding.tokenStates())));
      WindowVerdict verdict = monitor.onEmbedded(window(w), embedding);

      assertThat(verdict.evaluated()).isEqualTo((w + 1) % 4 == 0);
      if (verdict.evaluated()) {
        assertThat(verdict.signals().get(MonitorSignal.TOKEN_RAW_AVG_COSINE))
            .isCloseTo(tokenCosineSum / 4, within(1e-6));
        tokenCosineSum = 0;
      }
      if (verdict.evaluated() && pooled.size() < 16) {
        assertThat(verdict.signals().get(MonitorSignal.WINDOW_ISOSCORE)).isNaN();
      } else if (verdict.evaluated()) {
        List<float[]> recent = pooled.subList(Math.max(0, pooled.size() - 16), pooled.size());
        GeometryReport expected =
            GeometryAnalyzer.withoutClusters()
                .analyze(Cloud.of(toDoubles(recent.toArray(float[][]::new))));
        assertThat(verdict.signals().get(MonitorSignal.WINDOW_ISOSCORE))
            .isCloseTo(expected.isoScore(), within(1e-9));
        assertThat(verdict.signals().get(MonitorSignal.WINDOW_LOG_PARTITION_ISOTROPY))
            .isCloseTo(expected.partition().log(), within(1e-9));
        assertThat(verdict.signals()).containsOnlyKeys(MonitorSignal.values());
      }
    }
  }

  @Test
  void aShiftOfTheEmbeddingsAfterWarmUpFires() {
    FeedMonitor monitor = FeedMonitor.create("feed-a", SETTINGS);
    Random random = new Random(5);
    List<Alert> alerts = new ArrayList<>();
    int window = 0;
    for (; window < 4 * 40; window++) { // 40 evaluations: 24 of warm-up, 16 more quiet ones
      alerts.addAll(monitor.onEmbedded(window(window), embedding(random, 0.0)).alerts());
    }
    assertThat(alerts).isEmpty();

    for (; window < 4 * 46; window++) { // the token clouds move into a narrow cone
      alerts.addAll(monitor.onEmbedded(window(window), embedding(random, 6.0)).alerts());
    }

    assertThat(alerts).isNotEmpty();
    Alert first = alerts.get(0);
    assertThat(first.state()).isEqualTo(AlertState.FIRING);
    assertThat(first.feedId()).isEqualTo("feed-a");
    assertThat(first.evidence()).isNotEmpty();
    // Token states pushed along one axis form a narrow cone: their raw cosine leaves its baseline.
    assertThat(first.evidence())
        .extracting(evidence -> evidence.signal())
        .contains(MonitorSignal.TOKEN_RAW_AVG_COSINE.label());
  }

  @Test
  void restoredMonitorContinuesExactly() {
    FeedMonitor original = FeedMonitor.create("feed-a", SETTINGS);
    Random random = new Random(9);
    List<Embedding> stream = new ArrayList<>();
    for (int w = 0; w < 120; w++) {
      stream.add(embedding(random, w < 70 ? 0.0 : 5.0));
    }
    for (int w = 0; w < 50; w++) {
      original.onEmbedded(window(w), stream.get(w));
    }

    FeedMonitor restored = FeedMonitor.restore(original.snapshot(), SETTINGS);

    for (int w = 50; w < 120; w++) {
      WindowVerdict expected = original.onEmbedded(window(w), stream.get(w));
      WindowVerdict actual = restored.onEmbedded(window(w), stream.get(w));
      assertThat(actual.signals()).isEqualTo(expected.signals());
      assertThat(actual.alerts())
          .usingRecursiveComparison()
          .ignoringFields("raisedAt")
          .isEqualTo(expected.alerts());
    }
    assertThat(restored.snapshot()).isEqualTo(original.snapshot());
  }

  @Test
  void windowsComeFromTheObservations() {
    MonitorSettings settings =
        MonitorSettings.builder()
            .width(WIDTH)
            .window(WindowSpec.builder().length(4).stride(2).build())
            .build();
    FeedMonitor monitor = FeedMonitor.create("feed-a", settings);
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      WindowerOutput out =
          monitor.accept(new Observation("feed-a", T0.plusSeconds(60L * i), i * 1.5));
      windows.addAll(out.windows());
    }

    // Length 4, stride 2 over 8 values: windows end at values 4, 6 and 8.
    assertThat(windows).hasSize(3);
    assertThat(windows.get(2).values()).containsExactly(6, 7.5, 9, 10.5);
  }

  @Test
  void refusesAnotherFeedsWindow() {
    FeedMonitor monitor = FeedMonitor.create("feed-b", SETTINGS);

    assertThatThrownBy(() -> monitor.onEmbedded(window(0), embedding(new Random(1), 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window of feed feed-a given to the monitor of feed-b");
  }
}
