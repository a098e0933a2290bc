package io.isowatch.runtime.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Exports the trust policy's false-alarm rate α ({@code trust.false-alarm-rate}) as the gauge
 * {@value #NAME}, so that alert rules and dashboards compare the trust score with the α the agent
 * runs with (its {@code forecast-trust} rule fires at trust ≤ α) instead of a number copied into
 * them.
 */
public final class FalseAlarmRateMetric {
  public static final String NAME = "isowatch_false_alarm_rate";

  private FalseAlarmRateMetric() {}

  /** Registers the gauge with {@code registry}, set to {@code alpha}. */
  public static void register(PrometheusRegistry registry, double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
    }
    Gauge.builder()
        .name(NAME)
        .help(
            "False-alarm rate alpha of the trust policy: the forecast-trust rule fires when a"
                + " feed's trust score is at or below it")
        .register(registry)
        .set(alpha);
  }
}
