package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.trust.TrustPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The user's forecaster breaks at record 3000: from then on it forecasts 1.3 v + 3 instead of the
 * last value. The realized-error alert must stay open while it stays broken, and resolve only once
 * its error is back at its healthy level, saying so.
 */
class BrokenForecasterTest {
  private static final int WIDTH = 8;
  private static final int BREAKS_AT = 3000;
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final MonitorSettings SETTINGS = MonitorSettings.builder().width(WIDTH).build();

  @Test
  void theAlertStaysOpenWhileTheForecasterStaysBroken() {
    List<Alert> alerts = replay(9000, Integer.MAX_VALUE);

    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).state()).isEqualTo(AlertState.FIRING);
    // an evaluation starts at the first value of its first window, up to 88 values back
    assertThat(alerts.get(0).from()).isAfter(time(BREAKS_AT - 100));
    // the last value's MASE is about 1: that is the healthy reference, however long it stays open
    assertThat(alerts.get(alerts.size() - 1).evidence().get(0).baseline()).isBetween(0.9, 1.1);
    assertThat(alerts).extracting(Alert::state).doesNotContain(AlertState.RESOLVED);
    assertThat(alerts).extracting(Alert::id).containsOnly(alerts.get(0).id());
  }

  @Test
  void itResolvesOnceTheErrorIsBackAtItsHealthyLevelAndSaysSo() {
    int repairedAt = 5000;
    List<Alert> alerts = replay(7000, repairedAt);

    assertThat(alerts.get(0).state()).isEqualTo(AlertState.FIRING);
    List<Alert> resolved =
        alerts.stream().filter(alert -> alert.state() == AlertState.RESOLVED).toList();
    assertThat(resolved).hasSize(1);
    Alert last = resolved.get(0);
    assertThat(last.to()).isAfter(time(repairedAt));
    assertThat(last.summary()).contains("back to its healthy level").doesNotContain("unusually");
    assertThat(last.evidence().get(0).value()).isLessThan(1.5 * last.evidence().get(0).baseline());
  }

  /** Realized-error alerts of a replay whose forecaster is broken from 3000 to {@code repaired}. */
  private static List<Alert> replay(int records, int repairedAt) {
    FeedMonitor monitor = FeedMonitor.create("orders", SETTINGS);
    Random random = new Random(18);
    List<Alert> alerts = new ArrayList<>();
    double level = 100;
    for (int i = 0; i < records; i++) {
      level += random.nextGaussian();
      double value = level + 5 * Math.sin(i / 30.0);
      boolean broken = i >= BREAKS_AT && i < repairedAt;
      double forecast = broken ? 1.3 * value + 3 : value; // healthy: the last value
      Observation record =
          new Observation(
              "orders", time(i), value, Optional.of(Forecast.point(time(i + 1), forecast)));
      for (Window window : monitor.accept(record).windows()) {
        for (Alert alert : monitor.onEmbedded(window, embedding(window)).alerts()) {
          if (alert.rule().equals(TrustPolicy.REALIZED_ERROR)) {
            alerts.add(alert);
          }
        }
      }
    }
    return alerts;
  }

  private static Instant time(int record) {
    return T0.plusSeconds(60L * record);
  }

  /** A vector of the window's last values: enough for the monitor to measure and learn. */
  private static Embedding embedding(Window window) {
    float[] pooled = new float[WIDTH];
    for (int j = 0; j < WIDTH; j++) {
      pooled[j] = (float) (window.value(window.length() - 1 - j) - window.value(0));
    }
    return new Embedding(pooled, new float[][] {pooled, pooled.clone()}, Optional.empty());
  }
}
