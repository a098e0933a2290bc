package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A feed too short to alert says it is warming up, and what it still needs, until its rules can
 * alert; the settings say how long that takes.
 */
class WarmUpTest {
  private static final int WIDTH = 8;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Verdicts of evaluations, with the number of values the feed had at each. */
  private record Evaluated(long values, WindowVerdict verdict) {}

  @Test
  void aShortFeedSaysItIsWarmingUpAndWhatItStillNeeds() {
    MonitorSettings settings = MonitorSettings.builder().width(WIDTH).build();
    List<Evaluated> evaluations = replay(settings, 1000, Integer.MAX_VALUE, new ArrayList<>());

    WarmUp last = evaluations.get(evaluations.size() - 1).verdict().warmUp().orElseThrow();
    assertThat(last.active()).isFalse();
    assertThat(settings.valuesBeforeFirstAlert()).isGreaterThan(1000);
    assertThat(last.state()).isEqualTo(WarmUp.WARMING_UP);
    // the 29th evaluation (at value 984) of the 57 (calibration 49 + delay 8) before the trust
    // score can breach; 32 values between evaluations
    assertThat(evaluations).hasSize(29);
    assertThat(last.trustEvaluations()).isEqualTo(57 - 29);
    assertThat(last.valuesLeft()).isEqualTo((57 - 29) * 32);
    assertThat(last.describe())
        .startsWith("warming up: the trust score needs ")
        .contains("more evaluations (about ");
  }

  @Test
  void theFeedTurnsActiveExactlyWhenItsTrustScoreCanBreachAndTheSettingsSaySo() {
    MonitorSettings settings = MonitorSettings.builder().width(WIDTH).build();
    List<Evaluated> evaluations = replay(settings, 4000, Integer.MAX_VALUE, new ArrayList<>());

    int firstReady = -1;
    for (int i = 0; i < evaluations.size(); i++) {
      WindowVerdict verdict = evaluations.get(i).verdict();
      WarmUp warmUp = verdict.warmUp().orElseThrow();
      if (i > 0) {
        WarmUp before = evaluations.get(i - 1).verdict().warmUp().orElseThrow();
        // counts down one per evaluation, and the reading is ready once the count said so
        assertThat(warmUp.trustEvaluations()).isEqualTo(Math.max(0, before.trustEvaluations() - 1));
        assertThat(verdict.trust().orElseThrow().ready()).isEqualTo(before.trustEvaluations() == 0);
      }
      if (firstReady < 0 && verdict.trust().orElseThrow().ready()) {
        firstReady = i;
      }
    }
    assertThat(firstReady).isEqualTo(settings.trust().evaluationsBeforeReady());
    // it could fire after confirm breaching evaluations: the settings' figure
    long firstAlertAt = evaluations.get(firstReady + settings.trust().confirm() - 1).values();
    assertThat(firstAlertAt)
        .isEqualTo(settings.valuesBeforeFirstAlert())
        // a 64-value window, then (57 + 2 confirmations) evaluations of 4 windows of stride 8
        .isEqualTo(64 + 8 * ((57 + 2) * 4 - 1));
    assertThat(evaluations.get(evaluations.size() - 1).verdict().warmUp().orElseThrow().describe())
        .isEqualTo(WarmUp.ACTIVE);
  }

  @Test
  void aBrokenForecasterOnAFeedTooShortToAlertGoesUnnoticedButTheFeedSaysWhy() {
    MonitorSettings settings = MonitorSettings.builder().width(WIDTH).build();
    List<Alert> alerts = new ArrayList<>();
    List<Evaluated> evaluations = replay(settings, 1500, 500, alerts);

    assertThat(alerts).isEmpty();
    WarmUp last = evaluations.get(evaluations.size() - 1).verdict().warmUp().orElseThrow();
    assertThat(last.errorMeasured()).isTrue();
    assertThat(last.describe()).contains("the realized error needs");
  }

  /**
   * Replays {@code records} values carrying a last-value forecast (broken, 1.3 v + 3, from {@code
   * breaksAt}), collecting alerts into {@code alerts}.
   */
  private static List<Evaluated> replay(
      MonitorSettings settings, int records, int breaksAt, List<Alert> alerts) {
    FeedMonitor monitor = FeedMonitor.create("short", settings);
    Random random = new Random(11);
    List<Evaluated> evaluations = new ArrayList<>();
    double level = 100;
    for (int i = 0; i < records; i++) {
      level += random.nextGaussian();
      double forecast = i >= breaksAt ? 1.3 * level + 3 : level;
      Instant time = T0.plusSeconds(60L * i);
      Observation record =
          new Observation(
              "short", time, level, Optional.of(Forecast.point(time.plusSeconds(60), forecast)));
      for (Window window : monitor.accept(record).windows()) {
        WindowVerdict verdict = monitor.onEmbedded(window, embedding(window));
        alerts.addAll(verdict.alerts());
        if (verdict.evaluated()) {
          evaluations.add(new Evaluated(i + 1, verdict));
        }
      }
    }
    return evaluations;
  }

  private static Embedding embedding(Window window) {
    float[] pooled = new float[WIDTH];
    for (int j = 0; j < WIDTH; j++) {
      pooled[j] = (float) (window.value(window.length() - 1 - j) - window.value(0));
    }
    return new Embedding(pooled, new float[][] {pooled, pooled.clone()}, Optional.empty());
  }
}
