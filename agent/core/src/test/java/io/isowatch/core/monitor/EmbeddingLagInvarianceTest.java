package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.realized.RealizedError;
import io.isowatch.core.trust.TrustSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Engines embed a feed's windows late and in batches: the windower runs ahead while windows wait
 * for their embedding call. A monitor's verdicts must not depend on that lag (up to {@link
 * MonitorSettings#maxEmbeddingLag()} windows), or the same observations would raise different
 * alerts on different engines, batch sizes or machine loads. Each case runs one monitor that embeds
 * every window as soon as it is complete and one that lets {@code lag} windows wait, and compares
 * every verdict.
 */
class EmbeddingLagInvarianceTest {
  private static final int WIDTH = 8;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static MonitorSettings settings(
      int stride, int horizon, int evaluateEvery, int maxEmbeddingLag) {
    return MonitorSettings.builder()
        .width(WIDTH)
        .window(
            WindowSpec.builder()
                .length(16)
                .stride(stride)
                .maxGap(Duration.ofMinutes(10))
                .allowedLateness(Duration.ofMinutes(2))
                .build())
        .windowCloudCapacity(6)
        .evaluateEvery(evaluateEvery)
        .horizon(horizon)
        .maxEmbeddingLag(maxEmbeddingLag)
        // touchy, so that a few hundred values raise alerts to compare
        .trust(new TrustSettings(0.2, 4, 16, 1, 8, 8, 4, 2, 1, 1, 0, 32))
        .build();
  }

  /**
   * A noisy seasonal feed whose level jumps at 40% and whose noise triples at 70%, with an hour of
   * silence (a gap) at 55%, and every 50th value a minute late.
   */
  private static List<Observation> observations(int count, long seed, boolean withForecasts) {
    Random random = new Random(seed);
    List<Observation> observations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double level = i < count * 4 / 10 ? 20 : 35;
      double noise = i < count * 7 / 10 ? 1 : 3;
      double value = level + 5 * Math.sin(i / 6.0) + noise * random.nextGaussian();
      Instant time = T0.plusSeconds(60L * (i < count * 55 / 100 ? i : i + 60));
      Optional<Forecast> forecast =
          withForecasts
              ? Optional.of(
                  new Forecast(time.plusSeconds(120), 20 + 5 * Math.sin((i + 2) / 6.0), 17, 23))
              : Optional.empty();
      observations.add(new Observation("feed", time, value, forecast));
    }
    for (int i = 50; i + 1 < count; i += 50) {
      observations.set(i, observations.set(i + 1, observations.get(i)));
    }
    return observations;
  }

  /** Window vectors that encode the window's shape, so the head has something to learn. */
  private static Embedding shapeEmbedding(Window window) {
    float[] pooled = new float[WIDTH];
    for (int j = 0; j < WIDTH; j++) {
      pooled[j] = (float) (window.value(window.length() - 1 - (j % window.length())) + 0.1 * j);
    }
    float[] shifted = pooled.clone();
    shifted[0] += (float) window.value(0);
    return new Embedding(pooled, new float[][] {pooled, shifted}, Optional.empty());
  }

  /**
   * Verdicts when each window waits until {@code lag} windows are waiting, then all are embedded.
   */
  private static List<Comparable> verdicts(
      List<Observation> observations, MonitorSettings settings, int lag) {
    return verdicts(observations, settings, lag, Integer.MAX_VALUE);
  }

  /** The same, the monitor replaced by its own snapshot before every {@code restoreEvery}-th. */
  private static List<Comparable> verdicts(
      List<Observation> observations, MonitorSettings settings, int lag, int restoreEvery) {
    FeedMonitor monitor = FeedMonitor.create("feed", settings);
    List<Window> waiting = new ArrayList<>();
    List<Comparable> verdicts = new ArrayList<>();
    int seen = 0;
    for (Observation observation : observations) {
      if (++seen % restoreEvery == 0) {
        monitor = FeedMonitor.restore(monitor.snapshot(), settings);
      }
      waiting.addAll(monitor.accept(observation).windows());
      if (waiting.size() >= lag) {
        for (Window w : waiting) {
          verdicts.add(Comparable.of(monitor.onEmbedded(w, shapeEmbedding(w))));
        }
        waiting.clear();
      }
    }
    waiting.addAll(monitor.flush().windows());
    for (Window w : waiting) {
      verdicts.add(Comparable.of(monitor.onEmbedded(w, shapeEmbedding(w))));
    }
    return verdicts;
  }

  @ParameterizedTest(
      name = "stride {0}, horizon {1}, lag {2}, production forecasts {3}, evaluate every {4}")
  @CsvSource({
    "4, 1, 8, false, 1",
    "4, 1, 32, false, 1",
    "4, 6, 32, false, 1",
    "1, 1, 32, false, 1",
    "8, 3, 64, false, 1",
    "4, 1, 32, true, 1",
    "8, 3, 64, true, 4",
  })
  void verdictsDoNotDependOnHowLongWindowsWaitForTheirEmbedding(
      int stride, int horizon, int lag, boolean withForecasts, int evaluateEvery) {
    // the tightest settings that cover the lag
    MonitorSettings settings = settings(stride, horizon, evaluateEvery, lag);
    List<Observation> observations = observations(900, 17, withForecasts);

    List<Comparable> immediate = verdicts(observations, settings, 1);
    List<Comparable> late = verdicts(observations, settings, lag);

    assertThat(immediate.stream().filter(v -> !v.alerts().isEmpty()))
        .as("the feed must raise alerts for the comparison to mean something")
        .isNotEmpty();
    assertThat(immediate.stream().filter(v -> v.forecast().isPresent()))
        .as("the head must forecast")
        .isNotEmpty();
    assertThat(immediate.stream().flatMap(v -> v.alerts().stream()))
        .as("the gap must be judged")
        .anyMatch(alert -> alert.contains("data-quality"));
    assertThat(late).hasSameSizeAs(immediate);
    for (int i = 0; i < immediate.size(); i++) {
      assertThat(late.get(i)).as("verdict of window %d", i).isEqualTo(immediate.get(i));
    }
  }

  /**
   * Engines keep a monitor as its snapshot and read it back at any point: after a restart, when a
   * task moves, or when a cache lets it go. A monitor restored from its snapshot, taken while
   * windows wait for their embedding, must continue exactly as the original.
   */
  @ParameterizedTest(name = "restored every {0} observations, lag {1}")
  @CsvSource({"13, 8", "7, 1", "29, 32"})
  void aMonitorRestoredFromItsSnapshotAnywhereContinuesExactly(int every, int lag) {
    MonitorSettings settings = settings(4, 1, 1, 64);
    List<Observation> observations = observations(900, 17, true);

    List<Comparable> uninterrupted = verdicts(observations, settings, lag, Integer.MAX_VALUE);
    List<Comparable> restored = verdicts(observations, settings, lag, every);

    assertThat(restored).hasSameSizeAs(uninterrupted);
    for (int i = 0; i < uninterrupted.size(); i++) {
      assertThat(restored.get(i)).as("verdict of window %d", i).isEqualTo(uninterrupted.get(i));
    }
  }

  /**
   * The bound is real: a feed whose windows wait longer than the settings cover loses forecasts.
   */
  @Test
  void beyondMaxEmbeddingLagForecastsGoMissing() {
    MonitorSettings settings = settings(1, 1, 1, 2).toBuilder().maxPendingForecasts(1).build();
    List<Observation> observations = observations(900, 17, false);

    Comparable immediate = last(verdicts(observations, settings, 1));
    Comparable late = last(verdicts(observations, settings, 64));

    // on time only the forecast made just before the gap is missed
    assertThat(late.realizedError().orElseThrow().missing())
        .isGreaterThan(immediate.realizedError().orElseThrow().missing());
  }

  private static Comparable last(List<Comparable> verdicts) {
    return verdicts.stream().filter(v -> v.realizedError().isPresent()).reduce((a, b) -> b).get();
  }

  /**
   * What a verdict says, less the wall-clock stamp of its alerts and the count of forecasts still
   * waiting (which is, by nature, the lag).
   */
  record Comparable(
      long window,
      String signals,
      List<String> alerts,
      Optional<AgentForecast> forecast,
      Optional<?> trust,
      Optional<RealizedError> realizedError) {
    static Comparable of(WindowVerdict verdict) {
      return new Comparable(
          verdict.window().sequence(),
          verdict.signals().toString(),
          verdict.alerts().stream().map(Alert::content).toList(),
          verdict.forecast(),
          verdict.trust(),
          verdict.realizedError());
    }
  }
}
