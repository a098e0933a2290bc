package io.isowatch.runtime.metrics;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.trust.SignalScore;
import io.isowatch.runtime.PipelineListener;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The pipeline's Prometheus metrics. Names carry the {@code isowatch_} prefix and base units;
 * counters end in {@code _total}. Label values are bounded: {@code feed} by the pipeline's feed
 * cap, {@code reason}, {@code severity} and {@code state} by their enums, and every signal has its
 * own gauge named after it ({@code isowatch_window_isoscore{feed="..."}}).
 */
public final class PrometheusPipelineMetrics implements PipelineListener {
  private final Counter observations;
  private final Counter rejections;
  private final Counter restarts;
  private final Counter windows;
  private final Counter alerts;
  private final Histogram latency;
  private final Histogram batchSize;
  private final Gauge feeds;
  private final Map<MonitorSignal, Gauge> signals = new EnumMap<>(MonitorSignal.class);
  private final Gauge lastEventTime;
  private final Gauge realizedError;
  private final Gauge coverage;
  private final Gauge pendingForecasts;
  private final Gauge predictiveness;
  private final Gauge weight;
  private final Gauge firing;
  private final Gauge active;
  private final Gauge warmUpValuesLeft;

  public PrometheusPipelineMetrics(PrometheusRegistry registry) {
    observations =
        Counter.builder()
            .name("isowatch_observations_total")
            .help(
                "Records accepted by their feed's windower; with isowatch_records_rejected_total"
                    + " they add up to the records the sources read")
            .labelNames("feed")
            .register(registry);
    rejections =
        Counter.builder()
            .name("isowatch_records_rejected_total")
            .help("Records refused and set aside to the dead-letter sink, by reason")
            .labelNames("reason")
            .register(registry);
    restarts =
        Counter.builder()
            .name("isowatch_window_restarts_total")
            .help("Windows restarted after a gap longer than max-gap (the record after it is kept)")
            .labelNames("feed")
            .register(registry);
    windows =
        Counter.builder()
            .name("isowatch_windows_embedded_total")
            .help("Windows embedded and measured")
            .labelNames("feed")
            .register(registry);
    alerts =
        Counter.builder()
            .name("isowatch_alerts_total")
            .help("Alert messages produced, by feed, rule, severity and state (firing or resolved)")
            .labelNames("feed", "rule", "severity", "state")
            .register(registry);
    latency =
        Histogram.builder()
            .name("isowatch_embedding_latency_seconds")
            .help("Wall time of one embedding call (a whole batch)")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    batchSize =
        Histogram.builder()
            .name("isowatch_embedding_batch_size")
            .help("Windows per embedding call")
            .classicOnly()
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128)
            .register(registry);
    feeds =
        Gauge.builder().name("isowatch_feeds").help("Feeds currently tracked").register(registry);
    lastEventTime =
        Gauge.builder()
            .name("isowatch_feed_last_event_timestamp_seconds")
            .help("Event time of the newest embedded window's last value, Unix seconds")
            .labelNames("feed")
            .register(registry);
    realizedError =
        Gauge.builder()
            .name("isowatch_realized_error")
            .help("Realized error of the feed's recent forecasts: measure nmse or mase")
            .labelNames("feed", "measure")
            .register(registry);
    coverage =
        Gauge.builder()
            .name("isowatch_interval_coverage")
            .help("Share of recent actuals inside their forecast intervals")
            .labelNames("feed")
            .register(registry);
    pendingForecasts =
        Gauge.builder()
            .name("isowatch_forecasts_pending")
            .help("Forecasts waiting for their actuals")
            .labelNames("feed")
            .register(registry);
    predictiveness =
        Gauge.builder()
            .name("isowatch_signal_predictiveness")
            .help("Spearman rho of a signal with the realized error that followed it")
            .labelNames("feed", "signal")
            .register(registry);
    weight =
        Gauge.builder()
            .name("isowatch_signal_weight")
            .help("A signal's weight in the trust score: confidence bound on its |rho|")
            .labelNames("feed", "signal")
            .register(registry);
    firing =
        Gauge.builder()
            .name("isowatch_alerts_firing")
            .help("1 while an alert of this rule is open on the feed, else 0")
            .labelNames("feed", "rule")
            .register(registry);
    active =
        Gauge.builder()
            .name("isowatch_feed_active")
            .help(
                "1 once every forecast rule of the feed can alert, 0 while it warms up (its"
                    + " silence then says nothing about its health)")
            .labelNames("feed")
            .register(registry);
    warmUpValuesLeft =
        Gauge.builder()
            .name("isowatch_feed_warmup_values_left")
            .help(
                "Values the feed still needs before every forecast rule can alert (0 when active)")
            .labelNames("feed")
            .register(registry);
    for (MonitorSignal signal : MonitorSignal.values()) {
      signals.put(
          signal,
          Gauge.builder()
              .name("isowatch_" + signal.label())
              .help(signal.help())
              .labelNames("feed")
              .register(registry));
    }
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
    String feed = verdict.window().feedId();
    Instant last = verdict.window().lastEventTime();
    lastEventTime.labelValues(feed).set(last.getEpochSecond() + last.getNano() / 1e9);
    pendingForecasts.labelValues(feed).set(verdict.pendingForecasts());
    verdict
        .realizedError()
        .ifPresent(
            error -> {
              setIfFinite(realizedError.labelValues(feed, "nmse"), error.nmse());
              setIfFinite(realizedError.labelValues(feed, "mase"), error.mase());
              setIfFinite(coverage.labelValues(feed), error.coverage());
            });
    verdict
        .warmUp()
        .ifPresent(
            warmUp -> {
              active.labelValues(feed).set(warmUp.active() ? 1 : 0);
              warmUpValuesLeft.labelValues(feed).set(warmUp.valuesLeft());
            });
    verdict
        .trust()
        .ifPresent(
            reading -> {
              for (SignalScore score : reading.signals()) {
                setIfFinite(
                    predictiveness.labelValues(feed, score.signal()), score.predictiveness());
                weight.labelValues(feed, score.signal()).set(score.weight());
              }
            });
  }

  private static void setIfFinite(GaugeDataPoint gauge, double value) {
    if (Double.isFinite(value)) {
      gauge.set(value);
    }
  }

  @Override
  public void alert(Alert alert) {
    String state = alert.state().name().toLowerCase(Locale.ROOT);
    alerts.labelValues(alert.feedId(), alert.rule(), alert.severity().label(), state).inc();
    firing
        .labelValues(alert.feedId(), alert.rule())
        .set(alert.state() == AlertState.FIRING ? 1 : 0);
  }

  @Override
  public void feeds(int count) {
    feeds.set(count);
  }
}
