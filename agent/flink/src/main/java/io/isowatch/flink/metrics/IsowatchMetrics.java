package io.isowatch.flink.metrics;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.trust.SignalScore;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The agent's measures as Flink metrics of one operator subtask, under the names the in-process
 * engine gives them ({@code isowatch_observations_total}, {@code isowatch_window_isoscore}, ...);
 * labels are Flink key-value groups ({@code feed}, {@code reason}, {@code severity}, {@code
 * state}), which Flink's Prometheus reporter turns into labels. Each metric is registered on first
 * use, so an operator shows only its own. Per-feed metrics are held for the feeds this subtask has
 * seen: at most the feeds whose state it keeps.
 */
public final class IsowatchMetrics {
  public static final String OBSERVATIONS = "isowatch_observations_total";
  public static final String REJECTED = "isowatch_records_rejected_total";
  public static final String RESTARTS = "isowatch_window_restarts_total";
  public static final String WINDOWS = "isowatch_windows_embedded_total";
  public static final String ALERTS = "isowatch_alerts_total";
  public static final String LATENCY = "isowatch_embedding_latency_seconds";
  public static final String BATCH_SIZE = "isowatch_embedding_batch_size";
  public static final String FEEDS = "isowatch_feeds";
  public static final String LAST_EVENT_TIME = "isowatch_feed_last_event_timestamp_seconds";
  public static final String REALIZED_ERROR = "isowatch_realized_error";
  public static final String COVERAGE = "isowatch_interval_coverage";
  public static final String FORECASTS_PENDING = "isowatch_forecasts_pending";
  public static final String PREDICTIVENESS = "isowatch_signal_predictiveness";
  public static final String WEIGHT = "isowatch_signal_weight";
  public static final String FIRING = "isowatch_alerts_firing";
  public static final String ACTIVE = "isowatch_feed_active";
  public static final String WARMUP_VALUES_LEFT = "isowatch_feed_warmup_values_left";

  /** Samples the histograms summarize (Flink histograms slide over their last samples). */
  static final int HISTOGRAM_WINDOW = 1024;

  private final MetricGroup group;
  private final Map<String, Counter> observations = new HashMap<>();
  private final Map<String, Counter> windows = new HashMap<>();
  private final Map<String, Counter> rejections = new HashMap<>();
  private final Map<String, Counter> restarts = new HashMap<>();
  private final Map<String, Counter> alerts = new HashMap<>();
  private final Map<String, double[]> signals = new HashMap<>();
  private final Map<String, double[]> gauges = new HashMap<>();
  private Histogram latency;
  private Histogram batchSize;

  public IsowatchMetrics(MetricGroup group) {
    this.group = group;
  }

  /** The name of a signal's gauge, e.g. {@code isowatch_window_isoscore}. */
  public static String signalName(MonitorSignal signal) {
    return "isowatch_" + signal.label();
  }

  /** An observation was accepted by its feed's windower (each record is accepted or rejected). */
  public void observed(String feedId) {
    observations
        .computeIfAbsent(feedId, feed -> group.addGroup("feed", feed).counter(OBSERVATIONS))
        .inc();
  }

  /**
   * A record was set aside to the dead letters; a gap notice, about a record that was kept, counts
   * as a window restart instead.
   */
  public void rejected(Rejection rejection) {
    if (!rejection.reason().refusesRecord()) {
      restarts
          .computeIfAbsent(
              rejection.feedId().orElse(""), feed -> group.addGroup("feed", feed).counter(RESTARTS))
          .inc();
      return;
    }
    rejections
        .computeIfAbsent(
            rejection.reason().label(),
            reason -> group.addGroup("reason", reason).counter(REJECTED))
        .inc();
  }

  /** One embedding call: its batch size and how long it took. */
  public void embedded(int size, long nanos) {
    if (latency == null) {
      latency = group.histogram(LATENCY, new SecondsHistogram(HISTOGRAM_WINDOW));
      batchSize = group.histogram(BATCH_SIZE, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }
    latency.update(nanos);
    batchSize.update(size);
  }

  /**
   * A window of the feed was embedded and measured. {@value #FEEDS} counts the feeds this subtask
   * has measured a window of since it (re)started.
   */
  public void windowMeasured(String feedId) {
    if (windows.isEmpty()) {
      group.gauge(FEEDS, (Gauge<Integer>) windows::size);
    }
    windows.computeIfAbsent(feedId, feed -> group.addGroup("feed", feed).counter(WINDOWS)).inc();
  }

  /** New signal values of a feed; non-finite values leave the gauge as it was. */
  public void signals(String feedId, Map<MonitorSignal, Double> values) {
    double[] latest = signals.get(feedId);
    if (latest == null) {
      double[] created = new double[MonitorSignal.values().length];
      Arrays.fill(created, Double.NaN);
      MetricGroup feedGroup = group.addGroup("feed", feedId);
      for (MonitorSignal signal : MonitorSignal.values()) {
        feedGroup.gauge(signalName(signal), (Gauge<Double>) () -> created[signal.ordinal()]);
      }
      signals.put(feedId, created);
      latest = created;
    }
    for (Map.Entry<MonitorSignal, Double> entry : values.entrySet()) {
      if (Double.isFinite(entry.getValue())) {
        latest[entry.getKey().ordinal()] = entry.getValue();
      }
    }
  }

  /**
   * What the monitor made of one window: its feed's last event time, pending forecasts, realized
   * error ({@code measure} nmse and mase) and interval coverage, whether it is still warming up,
   * and each judged signal's predictiveness and weight. Non-finite values leave a gauge as it was.
   */
  public void verdict(WindowVerdict verdict) {
    String feed = verdict.window().feedId();
    Instant last = verdict.window().lastEventTime();
    set(LAST_EVENT_TIME, last.getEpochSecond() + last.getNano() / 1e9, "feed", feed);
    set(FORECASTS_PENDING, verdict.pendingForecasts(), "feed", feed);
    verdict
        .realizedError()
        .ifPresent(
            error -> {
              set(REALIZED_ERROR, error.nmse(), "feed", feed, "measure", "nmse");
              set(REALIZED_ERROR, error.mase(), "feed", feed, "measure", "mase");
              set(COVERAGE, error.coverage(), "feed", feed);
            });
    verdict
        .warmUp()
        .ifPresent(
            warmUp -> {
              set(ACTIVE, warmUp.active() ? 1 : 0, "feed", feed);
              set(WARMUP_VALUES_LEFT, warmUp.valuesLeft(), "feed", feed);
            });
    verdict
        .trust()
        .ifPresent(
            reading -> {
              for (SignalScore score : reading.signals()) {
                String signal = score.signal();
                set(PREDICTIVENESS, score.predictiveness(), "feed", feed, "signal", signal);
                set(WEIGHT, score.weight(), "feed", feed, "signal", signal);
              }
            });
  }

  /**
   * Sets the gauge {@code name} under the label groups {@code labels} (name, value pairs),
   * registering it on first use. Each feed has a bounded number of them: the signals are bounded by
   * the trust settings' {@code maxSignals}.
   */
  private void set(String name, double value, String... labels) {
    if (!Double.isFinite(value)) {
      return;
    }
    String key = name + "|" + String.join("|", labels);
    double[] holder = gauges.get(key);
    if (holder == null) {
      double[] created = {value};
      MetricGroup labelled = group;
      for (int i = 0; i < labels.length; i += 2) {
        labelled = labelled.addGroup(labels[i], labels[i + 1]);
      }
      labelled.gauge(name, (Gauge<Double>) () -> created[0]);
      gauges.put(key, created);
      return;
    }
    holder[0] = value;
  }

  /** An alert message was produced; {@value #FIRING} is 1 while its rule fires for the feed. */
  public void alert(Alert alert) {
    String feed = alert.feedId();
    String rule = alert.rule();
    String severity = alert.severity().label();
    String state = alert.state().name().toLowerCase(Locale.ROOT);
    alerts
        .computeIfAbsent(
            feed + "/" + rule + "/" + severity + "/" + state,
            key ->
                group
                    .addGroup("feed", feed)
                    .addGroup("rule", rule)
                    .addGroup("severity", severity)
                    .addGroup("state", state)
                    .counter(ALERTS))
        .inc();
    set(FIRING, alert.state() == AlertState.FIRING ? 1 : 0, "feed", feed, "rule", rule);
  }
}
