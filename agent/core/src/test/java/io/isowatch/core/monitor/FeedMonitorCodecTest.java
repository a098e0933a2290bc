package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.risk.LinearRiskModel;
import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import io.isowatch.core.trust.TrustSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monitor's snapshot nests every part's (windower, window cloud, head, drift, realized error,
 * trust scorer and policy) and holds its own: the signal-vector builder with its raw channels and
 * baselines, token sums, and the gaps and raw views of windows waiting for their embedding. The
 * seeded state has all of them filled, windows waiting and alerts raised.
 */
class FeedMonitorCodecTest {
  private static final int WIDTH = 8;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final MonitorSettings SETTINGS =
      MonitorSettings.builder()
          .width(WIDTH)
          .window(
              WindowSpec.builder()
                  .length(16)
                  .stride(4)
                  .maxGap(Duration.ofMinutes(10))
                  .allowedLateness(Duration.ofMinutes(2))
                  .build())
          .windowCloudCapacity(6)
          .evaluateEvery(2)
          .head(HeadSettings.defaults().withBins(8).withWarmup(16))
          .drift(16, 4)
          .maxEmbeddingLag(8)
          // touchy, so that the seeded stretch raises alerts
          .trust(new TrustSettings(0.2, 4, 16, 1, 8, 8, 4, 2, 1, 1, 0, 32))
          .build();
  private static final SoftmaxSources SOURCES = FeedMonitor.defaultSources(SETTINGS);
  private static final RiskModel MODEL = model(new SplittableRandom(7));

  /** Observations in the seeded state: past the gap and the level step, before the noise rises. */
  private static final int SEEDED = 303;

  /** Windows an engine lets wait before it embeds them all, as a batch would. */
  private static final int LAG = 5;

  private static RiskModel model(SplittableRandom random) {
    int n = RiskFeatures.count();
    double[] mean = new double[n];
    double[] scale = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = 0.2 * random.nextGaussian();
      scale[i] = 0.5 + random.nextDouble();
      weight[i] = random.nextGaussian();
    }
    return new LinearRiskModel("fixture", mean, scale, weight, -1);
  }

  /**
   * Observation {@code i}, each carrying a forecast two minutes ahead: a seasonal feed that steps
   * up at 250 and gets noisier at 330, an hour of silence (a gap) before 150; every 50th value 90
   * seconds out of order and every 97th ten minutes late (rejected).
   */
  private static Observation observation(int i) {
    SplittableRandom random = new SplittableRandom(1000 + i);
    double level = i < 250 ? 20 : 35;
    double noise = i < 330 ? 1 : 3;
    double value = level + 5 * Math.sin(i / 6.0) + noise * random.nextGaussian();
    Instant time = T0.plusSeconds(60L * i + (i >= 150 ? 3600 : 0));
    if (i % 50 == 25) {
      time = time.minusSeconds(90);
    } else if (i % 97 == 96) {
      time = time.minusSeconds(600);
    }
    double forecast = level + 5 * Math.sin((i + 2) / 6.0);
    return new Observation(
        "feed",
        time,
        value,
        Optional.of(new Forecast(time.plusSeconds(120), forecast, forecast - 3, forecast + 3)));
  }

  /** Window vectors that encode the window's shape, so that the head has something to learn. */
  private static Embedding embedding(Window window) {
    float[] pooled = new float[WIDTH];
    for (int j = 0; j < WIDTH; j++) {
      pooled[j] = (float) (window.value(window.length() - 1 - (j % window.length())) + 0.1 * j);
    }
    float[] shifted = pooled.clone();
    shifted[0] += (float) window.value(0);
    return new Embedding(pooled, new float[][] {pooled, shifted}, Optional.empty());
  }

  /** A monitor and the windows it completed that wait for their embedding. */
  private record Fed(FeedMonitor monitor, List<Window> waiting) {}

  private static Fed seeded() {
    Fed fed = new Fed(FeedMonitor.create("feed", SETTINGS, SOURCES, MODEL), new ArrayList<>());
    List<String> verdicts = feed(fed, 0, SEEDED);
    assertThat(verdicts).as("alerts in the seeded stretch").anyMatch(v -> v.contains("FIRING"));
    return fed;
  }

  /** Observations {@code from} until {@code to}, windows embedded in batches of {@link #LAG}. */
  private static List<String> feed(Fed fed, int from, int to) {
    List<String> verdicts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      fed.waiting().addAll(fed.monitor().accept(observation(i)).windows());
      if (fed.waiting().size() >= LAG) {
        embedWaiting(fed, verdicts);
      }
    }
    return verdicts;
  }

  private static void embedWaiting(Fed fed, List<String> verdicts) {
    for (Window window : fed.waiting()) {
      verdicts.add(describe(fed.monitor().onEmbedded(window, embedding(window))));
    }
    fed.waiting().clear();
  }

  /** 200 more observations, a flush, and the verdicts of every window they complete. */
  private static List<String> continuation(Fed fed) {
    List<String> verdicts = feed(fed, SEEDED, SEEDED + 200);
    fed.waiting().addAll(fed.monitor().flush().windows());
    embedWaiting(fed, verdicts);
    return verdicts;
  }

  /** What a verdict says, less the wall-clock stamp of its alerts. */
  private static String describe(WindowVerdict verdict) {
    return String.join(
        " | ",
        String.valueOf(verdict.window().sequence()),
        verdict.signals().toString(),
        verdict.alerts().stream().map(Alert::content).toList().toString(),
        verdict.forecast().toString(),
        verdict.trust().toString(),
        verdict.realizedError().toString(),
        String.valueOf(verdict.pendingForecasts()),
        verdict.warmUp().toString());
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        FeedMonitorCodec.KIND,
        FeedMonitorCodec.VERSION,
        FeedMonitorCodec.write(seeded().monitor()));
  }

  /** Version 11 differs only in its trust scorer's format, which did not name the risk model. */
  @ParameterizedTest
  @ValueSource(ints = {11, 12})
  void versionsFrom11ContinueLikeAFreshMonitorFedTheSameInput(int version) {
    Fed fresh = seeded();
    assertThat(fresh.waiting()).as("windows waiting in the seeded state").isNotEmpty();
    Fed restored = restore(version, fresh);
    assertThat(restored.monitor().warmUp()).isEqualTo(fresh.monitor().warmUp());

    List<String> expected = continuation(fresh);
    assertThat(expected).as("alerts to compare").anyMatch(v -> v.contains("FIRING"));
    assertThat(continuation(restored)).containsExactlyElementsOf(expected);
  }

  /**
   * Version 10 holds no surprise martingale, and its measures were computed with norms summed in
   * one running sum: read, the martingale starts empty and everything else continues like a fresh
   * monitor to the last bits (the same verdicts and alerts, every number within 1e-9).
   */
  @Test
  void version10ContinuesLikeAFreshMonitorButForItsMartingale() {
    Fed fresh = seeded();
    Fed restored = restore(10, fresh);
    assertThat(restored.monitor().warmUp()).isEqualTo(fresh.monitor().warmUp());
    assertThat(restored.monitor().martingale.observed()).isZero();
    assertThat(fresh.monitor().martingale.observed()).isPositive();

    List<String> expected = withoutMartingale(continuation(fresh));
    assertThat(expected).as("alerts to compare").anyMatch(v -> v.contains("FIRING"));
    SnapshotFixtures.assertSameUpToRounding(
        withoutMartingale(continuation(restored)), expected, 1e-9);
  }

  private static List<String> withoutMartingale(List<String> verdicts) {
    String martingale = MonitorSignal.REALIZED_SURPRISE_MARTINGALE.name() + "=[^,}]*(, )?";
    return verdicts.stream().map(v -> v.replaceAll(martingale, "")).toList();
  }

  private static Fed restore(int version, Fed fresh) {
    return new Fed(
        FeedMonitorCodec.read(
            SnapshotFixtures.load("feed-monitor", version), SETTINGS, SOURCES, MODEL),
        new ArrayList<>(fresh.waiting()));
  }

  /**
   * Versions 4 to 9, their released files included, are refused: version 5 added the
   * realized-surprise sums and two signal baselines, and versions 6 to 10 each changed the change
   * statistic, whose history the older snapshots hold, so none can continue as one of today's
   * monitors.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 8, 9})
  void anOlderVersionIsRefusedWithAdvice(int version) {
    byte[] bytes =
        version >= 4
            ? SnapshotFixtures.load("feed-monitor", version)
            : SnapshotFixtures.header("feed-monitor", version);
    assertThatThrownBy(() -> FeedMonitorCodec.read(bytes, SETTINGS, SOURCES, MODEL))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "feed-monitor snapshot of format "
                + version
                + " was written by an older isowatch; this build reads"
                + " formats 10 to 12: start this feed's state afresh (clear the engine's state store or"
                + " savepoint)");
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                FeedMonitorCodec.read(
                    SnapshotFixtures.header("feed-monitor", 13), SETTINGS, SOURCES, MODEL))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'feed-monitor' snapshot has format version 13, this build reads versions 1 to 12: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                FeedMonitorCodec.read(
                    SnapshotFixtures.header("feed-windower", 2), SETTINGS, SOURCES, MODEL))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'feed-windower' state, expected 'feed-monitor': "
                + SnapshotAdvice.MISMATCH);
  }
}
