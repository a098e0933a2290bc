package io.isowatch.engine.report;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.monitor.MonitorSignal;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code isowatch_*} metric an engine exposes, named once: the in-process engine registers
 * them with Prometheus, Flink with its metric groups (labels become key-value groups, which its
 * Prometheus reporter turns back into labels), so dashboards and alert rules work on either. Names
 * carry base units; counters end in {@code _total}. Each signal's gauge is {@link #signal}.
 */
public enum Metric {
  OBSERVATIONS(
      "isowatch_observations_total",
      "Records accepted by their feed's windower; with isowatch_records_rejected_total they add up"
          + " to the records the sources read",
      "feed"),
  REJECTED(
      "isowatch_records_rejected_total",
      "Records refused and set aside to the dead-letter sink, by reason",
      "reason"),
  RESTARTS(
      "isowatch_window_restarts_total",
      "Windows restarted after a gap longer than max-gap (the record after it is kept)",
      "feed"),
  WINDOWS("isowatch_windows_embedded_total", "Windows embedded and measured", "feed"),
  ALERTS(
      "isowatch_alerts_total",
      "Alert messages produced, by feed, rule, severity and state (firing or resolved)",
      "feed",
      "rule",
      "severity",
      "state"),
  LATENCY("isowatch_embedding_latency_seconds", "Wall time of one embedding call (a whole batch)"),
  BATCH_SIZE("isowatch_embedding_batch_size", "Windows per embedding call"),
  FEEDS("isowatch_feeds", "Feeds currently tracked"),
  LAST_EVENT_TIME(
      "isowatch_feed_last_event_timestamp_seconds",
      "Event time of the newest embedded window's last value, Unix seconds",
      "feed"),
  REALIZED_ERROR(
      "isowatch_realized_error",
      "Realized error of the feed's recent forecasts: measure nmse or mase",
      "feed",
      "measure"),
  COVERAGE(
      "isowatch_interval_coverage",
      "Share of recent actuals inside their forecast intervals",
      "feed"),
  FORECASTS_PENDING("isowatch_forecasts_pending", "Forecasts waiting for their actuals", "feed"),
  PREDICTIVENESS(
      "isowatch_signal_predictiveness",
      "How much the risk model leans on a feature of the signal vector, the same on every feed"
          + " (the trees' share of loss reduction)",
      "feed",
      "signal"),
  CONTRIBUTION(
      "isowatch_signal_contribution",
      "A feature's push on the feed's current risk, in log-odds (the model's bias plus every"
          + " feature's contribution is the risk)",
      "feed",
      "signal"),
  FIRING(
      "isowatch_alerts_firing",
      "1 while an alert of this rule is open on the feed, else 0",
      "feed",
      "rule"),
  ACTIVE(
      "isowatch_feed_active",
      "1 once every forecast rule of the feed can alert, 0 while it warms up (its silence then"
          + " says nothing about its health)",
      "feed"),
  WARMUP_VALUES_LEFT(
      "isowatch_feed_warmup_values_left",
      "Values the feed still needs before every forecast rule can alert (0 when active)",
      "feed");

  private final String metricName;
  private final String help;
  private final List<String> labels;

  Metric(String metricName, String help, String... labels) {
    this.metricName = metricName;
    this.help = help;
    this.labels = List.of(labels);
  }

  /** The exposed name, e.g. {@code isowatch_observations_total}. */
  public String metricName() {
    return metricName;
  }

  public String help() {
    return help;
  }

  /** The label names, in the order {@link VerdictGauges} passes their values. */
  public List<String> labels() {
    return labels;
  }

  /** The label values of {@link #ALERTS} for an alert: feed, rule, severity, state. */
  public static String[] alertLabels(Alert alert) {
    return new String[] {
      alert.feedId(),
      alert.rule(),
      alert.severity().label(),
      alert.state().name().toLowerCase(Locale.ROOT)
    };
  }

  /** The name of a signal's gauge (label {@code feed}), e.g. {@code isowatch_window_isoscore}. */
  public static String signal(MonitorSignal signal) {
    return "isowatch_" + signal.label();
  }
}
