package io.isowatch.engine.report;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.trust.SignalScore;
import java.time.Instant;

/**
 * Which gauge values a verdict or an alert sets, written once for every engine's metrics: each
 * engine only says how a gauge is set ({@link Gauges}). Non-finite values are not passed on, so a
 * gauge keeps its last meaningful value.
 */
public final class VerdictGauges {
  /** Sets one gauge of {@code metric} with its label values, in {@link Metric#labels()} order. */
  @FunctionalInterface
  public interface Gauges {
    void set(Metric metric, double value, String... labelValues);
  }

  private VerdictGauges() {}

  /**
   * The feed's last event time, pending forecasts, realized error ({@code measure} nmse and mase)
   * and interval coverage, whether it is still warming up, and each judged signal's predictiveness
   * and contribution to the risk.
   */
  public static void of(WindowVerdict verdict, Gauges gauges) {
    Gauges finite = finiteOnly(gauges);
    String feed = verdict.window().feedId();
    Instant last = verdict.window().lastEventTime();
    finite.set(Metric.LAST_EVENT_TIME, last.getEpochSecond() + last.getNano() / 1e9, feed);
    finite.set(Metric.FORECASTS_PENDING, verdict.pendingForecasts(), feed);
    verdict
        .realizedError()
        .ifPresent(
            error -> {
              finite.set(Metric.REALIZED_ERROR, error.nmse(), feed, "nmse");
              finite.set(Metric.REALIZED_ERROR, error.mase(), feed, "mase");
              finite.set(Metric.COVERAGE, error.coverage(), feed);
            });
    verdict
        .warmUp()
        .ifPresent(
            warmUp -> {
              finite.set(Metric.ACTIVE, warmUp.active() ? 1 : 0, feed);
              finite.set(Metric.WARMUP_VALUES_LEFT, warmUp.valuesLeft(), feed);
            });
    verdict
        .trust()
        .ifPresent(
            reading -> {
              for (SignalScore score : reading.signals()) {
                finite.set(Metric.PREDICTIVENESS, score.predictiveness(), feed, score.signal());
                finite.set(Metric.CONTRIBUTION, score.contribution(), feed, score.signal());
              }
            });
  }

  /** {@link Metric#FIRING}: 1 while the alert's rule fires for its feed. */
  public static void of(Alert alert, Gauges gauges) {
    gauges.set(
        Metric.FIRING, alert.state() == AlertState.FIRING ? 1 : 0, alert.feedId(), alert.rule());
  }

  private static Gauges finiteOnly(Gauges gauges) {
    return (metric, value, labels) -> {
      if (Double.isFinite(value)) {
        gauges.set(metric, value, labels);
      }
    };
  }
}
