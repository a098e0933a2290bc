package io.isowatch.runtime.metrics;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.engine.report.Metric;
import io.isowatch.engine.report.VerdictGauges;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * An engine's Prometheus metrics, under the names of {@link Metric}. Label values are bounded:
 * {@code feed} by the engine's feed cap, {@code reason}, {@code severity} and {@code state} by
 * their enums, and every signal has its own gauge named after it ({@code
 * isowatch_window_isoscore{feed="..."}}).
 */
public final class PrometheusPipelineMetrics implements EngineListener {
  private final Counter observations;
  private final Counter rejections;
  private final Counter restarts;
  private final Counter windows;
  private final Counter alerts;
  private final Histogram latency;
  private final Histogram batchSize;
  private final Gauge feeds;
  private final Map<MonitorSignal, Gauge> signals = new EnumMap<>(MonitorSignal.class);
  private final Map<Metric, Gauge> gauges = new EnumMap<>(Metric.class);

  public PrometheusPipelineMetrics(PrometheusRegistry registry) {
    observations = counter(Metric.OBSERVATIONS, registry);
    rejections = counter(Metric.REJECTED, registry);
    restarts = counter(Metric.RESTARTS, registry);
    windows = counter(Metric.WINDOWS, registry);
    alerts = counter(Metric.ALERTS, registry);
    latency =
        Histogram.builder()
            .name(Metric.LATENCY.metricName())
            .help(Metric.LATENCY.help())
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    batchSize =
        Histogram.builder()
            .name(Metric.BATCH_SIZE.metricName())
            .help(Metric.BATCH_SIZE.help())
            .classicOnly()
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128)
            .register(registry);
    feeds = gauge(Metric.FEEDS, registry);
    for (Metric metric :
        new Metric[] {
          Metric.LAST_EVENT_TIME,
          Metric.REALIZED_ERROR,
          Metric.COVERAGE,
          Metric.FORECASTS_PENDING,
          Metric.PREDICTIVENESS,
          Metric.CONTRIBUTION,
          Metric.FIRING,
          Metric.ACTIVE,
          Metric.WARMUP_VALUES_LEFT
        }) {
      gauges.put(metric, gauge(metric, registry));
    }
    for (MonitorSignal signal : MonitorSignal.values()) {
      signals.put(
          signal,
          Gauge.builder()
              .name(Metric.signal(signal))
              .help(signal.help())
              .labelNames("feed")
              .register(registry));
    }
  }

  private static Counter counter(Metric metric, PrometheusRegistry registry) {
    return Counter.builder()
        .name(metric.metricName())
        .help(metric.help())
        .labelNames(metric.labels().toArray(String[]::new))
        .register(registry);
  }

  private static Gauge gauge(Metric metric, PrometheusRegistry registry) {
    return Gauge.builder()
        .name(metric.metricName())
        .help(metric.help())
        .labelNames(metric.labels().toArray(String[]::new))
        .register(registry);
  }

  private void set(Metric metric, double value, String... labelValues) {
    gauges.get(metric).labelValues(labelValues).set(value);
  }

  @Override
  public void observed(String feedId) {
    observations.labelValues(feedId).inc();
  }

  @Override
  public void rejected(Rejection rejection) {
    if (rejection.reason().refusesRecord()) {
      rejections.labelValues(rejection.reason().label()).inc();
    } else {
      restarts.labelValues(rejection.feedId().orElse("")).inc();
    }
  }

  @Override
  public void embedded(int size, long nanos) {
    latency.observe(nanos / 1e9);
    batchSize.observe(size);
  }

  @Override
  public void windowMeasured(String feedId) {
    windows.labelValues(feedId).inc();
  }

  @Override
  public void signals(String feedId, Map<MonitorSignal, Double> values) {
    values.forEach(
        (signal, value) -> {
          if (Double.isFinite(value)) {
            signals.get(signal).labelValues(feedId).set(value);
          }
        });
  }

  @Override
  public void verdict(WindowVerdict verdict) {
    VerdictGauges.of(verdict, this::set);
  }

  @Override
  public void alert(Alert alert) {
    alerts.labelValues(Metric.alertLabels(alert)).inc();
    VerdictGauges.of(alert, this::set);
  }

  @Override
  public void feeds(int count) {
    feeds.set(count);
  }
}
