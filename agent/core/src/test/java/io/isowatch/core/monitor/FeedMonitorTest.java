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
import io.isowatch.core.risk.SignalVectorBuilder;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.core.trust.ValueChange;
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
          .trust(TrustSettings.defaults().withFalseAlarmRate(0.05).withCalibration(20, 64))
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

  /**
   * The wiring from embeddings to alert: a risk model that weighs only the token clouds' raw cosine
   * (as a z against the feed's own recent values) fires when the token states move into a narrow
   * cone, and its evidence names that feature with its contribution.
   */
  @Test
  void aShiftOfTheEmbeddingsFiresWhenTheRiskModelWeighsIt() {
    int n = io.isowatch.core.risk.RiskFeatures.count();
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    double[] weight = new double[n];
    String feature = MonitorSignal.TOKEN_RAW_AVG_COSINE.label() + "_z";
    weight[io.isowatch.core.risk.RiskFeatures.index(feature)] = 1;
    io.isowatch.core.risk.RiskModel model =
        new io.isowatch.core.risk.LinearRiskModel("token-only", new double[n], ones, weight, 0);
    FeedMonitor monitor =
        FeedMonitor.create("feed-a", SETTINGS, FeedMonitor.defaultSources(SETTINGS), model);
    Random random = new Random(5);
    List<Alert> alerts = new ArrayList<>();
    int window = 0;
    // 60 evaluations: 8 to fill the token baseline, 20 + 8 to calibrate the trust, quiet ones
    for (; window < 4 * 60; window++) {
      alerts.addAll(monitor.onEmbedded(window(window), embedding(random, 0.0)).alerts());
    }
    long quiet = alerts.size();

    for (; window < 4 * 66; window++) { // the token clouds move into a narrow cone
      alerts.addAll(monitor.onEmbedded(window(window), embedding(random, 6.0)).alerts());
    }

    assertThat(alerts).hasSizeGreaterThan((int) quiet);
    Alert first = alerts.get((int) quiet);
    assertThat(first.state()).isEqualTo(AlertState.FIRING);
    assertThat(first.feedId()).isEqualTo("feed-a");
    assertThat(first.evidence()).extracting(evidence -> evidence.signal()).containsExactly(feature);
    assertThat(first.summary()).contains("pushed by " + feature + " +");
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
          // the risk model's evidence carries NaN predictiveness: equal NaNs are equal here
          .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
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

  /** Window vectors that encode the window's shape, so that there is something to learn. */
  private static Embedding shapeEmbedding(Window window) {
    float[] pooled = new float[WIDTH];
    for (int j = 0; j < WIDTH; j++) {
      pooled[j] = (float) (window.value(window.length() - 1 - (j % window.length())) + 0.1 * j);
    }
    return new Embedding(pooled, new float[][] {pooled, pooled.clone()}, Optional.empty());
  }

  @Test
  void productionForecastsOnTheRecordsAreReconciledWithTheirActuals() {
    MonitorSettings settings =
        MonitorSettings.builder()
            .width(WIDTH)
            .window(WindowSpec.builder().length(6).stride(2).build())
            .windowCloudCapacity(4)
            .evaluateEvery(2)
            .build();
    FeedMonitor monitor = FeedMonitor.create("feed-a", settings);
    Random random = new Random(12);
    double[] values = new double[200];
    double[] forecasts = new double[200];
    WindowVerdict last = null;
    for (int i = 0; i < values.length; i++) {
      values[i] = 50 + 10 * Math.sin(i / 5.0) + random.nextGaussian();
      forecasts[i] = 50 + 10 * Math.sin((i + 1) / 5.0); // the user's forecast of the next value
      Instant time = T0.plusSeconds(60L * i);
      Observation observation =
          new Observation(
              "feed-a",
              time,
              values[i],
              Optional.of(
                  new io.isowatch.core.feed.Forecast(
                      time.plusSeconds(60), forecasts[i], forecasts[i] - 2, forecasts[i] + 2)));
      for (Window window : monitor.accept(observation).windows()) {
        last = monitor.onEmbedded(window, shapeEmbedding(window));
      }
    }
    // The last 64 forecasts whose actual arrived: made at values 135..198, for 136..199.
    double squaredErrors = 0;
    double squaredActuals = 0;
    int covered = 0;
    for (int i = 135; i < 199; i++) {
      double error = forecasts[i] - values[i + 1];
      squaredErrors += error * error;
      squaredActuals += values[i + 1] * values[i + 1];
      covered += Math.abs(error) <= 2 ? 1 : 0;
    }
    var error = last.realizedError().orElseThrow();
    assertThat(error.origin()).isEqualTo(io.isowatch.core.realized.ForecastOrigin.PRODUCTION);
    assertThat(error.reconciled()).isEqualTo(199);
    assertThat(error.nmse()).isCloseTo(squaredErrors / squaredActuals, within(1e-12));
    assertThat(error.coverage()).isCloseTo(covered / 64.0, within(1e-12));
    assertThat(last.signals().get(MonitorSignal.REALIZED_MASE)).isFinite();
  }

  @Test
  void theAgentForecastsOnceItsHeadIsWarmAndItsForecastsMeetTheirActuals() {
    MonitorSettings settings =
        MonitorSettings.builder()
            .width(WIDTH)
            .window(WindowSpec.builder().length(6).stride(1).build())
            .windowCloudCapacity(4)
            .evaluateEvery(4)
            .head(io.isowatch.core.predict.HeadSettings.defaults().withBins(8).withWarmup(16))
            .build();
    FeedMonitor monitor = FeedMonitor.create("feed-a", settings);
    int windows = 0;
    int forecasts = 0;
    WindowVerdict last = null;
    for (int i = 0; i < 120; i++) {
      double value = i % 10; // a sawtooth: the next value follows from the window's shape
      for (Window window :
          monitor.accept(new Observation("feed-a", T0.plusSeconds(60L * i), value)).windows()) {
        last = monitor.onEmbedded(window, shapeEmbedding(window));
        windows++;
        if (last.forecast().isPresent()) {
          forecasts++;
          assertThat(last.forecast().get().lower())
              .isLessThanOrEqualTo(last.forecast().get().median());
          assertThat(last.forecast().get().upper())
              .isGreaterThanOrEqualTo(last.forecast().get().median());
        }
      }
    }
    // 115 windows. The actual of each window's forecast is the value that completes the next
    // window, so when window k is embedded the head has learned from k targets: ready at k = 16.
    assertThat(windows).isEqualTo(115);
    assertThat(forecasts).isEqualTo(115 - 16);
    var error = last.realizedError().orElseThrow();
    assertThat(error.origin()).isEqualTo(io.isowatch.core.realized.ForecastOrigin.AGENT);
    // every ready forecast but the newest (its actual is still to come) has been reconciled
    assertThat(error.reconciled()).isEqualTo(forecasts - 1);
    assertThat(last.pendingForecasts()).isEqualTo(1);
  }

  /**
   * The change statistic judged at an evaluation is the largest of the peaks of every window since
   * the previous one, recomputed here from a builder fed the same values: a spike in the first of
   * four windows between evaluations counts at the next evaluation, though the evaluated window's
   * own view no longer spans it.
   */
  @Test
  void theChangeStatisticSpansEveryWindowSinceTheLastEvaluation() {
    MonitorSettings settings =
        MonitorSettings.builder()
            .width(WIDTH)
            .window(WindowSpec.builder().length(16).stride(8).build())
            .windowCloudCapacity(16)
            .evaluateEvery(4)
            .trust(TrustSettings.defaults().withFalseAlarmRate(0.05).withCalibration(20, 64))
            .build();
    int spikeWindow = 300; // the first window of an evaluation period: windows 300 to 303
    int spikeAt = 15 + 8 * spikeWindow; // window k ends at value 15 + 8k
    Random random = new Random(11);
    double[] values = new double[3000];
    SignalVectorBuilder independent = new SignalVectorBuilder();
    double[] peakAt = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + random.nextGaussian() + (i == spikeAt ? 50 : 0);
      independent.add(values[i]);
      peakAt[i] = independent.view().peakValueZ();
    }

    FeedMonitor monitor = FeedMonitor.create("feed-a", settings);
    double expected = Double.NaN;
    int compared = 0;
    Double peakAfterSpike = null;
    for (int i = 0; i < values.length; i++) {
      Observation observation = new Observation("feed-a", T0.plusSeconds(60L * i), values[i]);
      for (Window window : monitor.accept(observation).windows()) {
        int end = (int) Duration.between(T0, window.lastEventTime()).toMinutes();
        expected = Double.isNaN(expected) ? peakAt[end] : Math.max(expected, peakAt[end]);
        WindowVerdict verdict = monitor.onEmbedded(window, embedding(random, 0.5));
        if (!verdict.evaluated()) {
          continue;
        }
        Optional<ValueChange> change = verdict.trust().orElseThrow().change();
        if (change.isPresent()) {
          assertThat(change.get().peakValueZ())
              .as("window %d", window.sequence())
              .isEqualTo(expected);
          compared++;
          if (end > spikeAt && peakAfterSpike == null) {
            peakAfterSpike = change.get().peakValueZ();
            assertThat(peakAt[end]).as("the evaluated window's own peak").isLessThan(10);
          }
        }
        expected = Double.NaN;
      }
    }
    assertThat(compared).isGreaterThan(40);
    assertThat(peakAfterSpike).isGreaterThan(20);
  }
}
