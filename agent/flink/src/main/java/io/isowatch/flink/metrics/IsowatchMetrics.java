package io.isowatch.flink.metrics;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.engine.report.Metric;
import io.isowatch.engine.report.VerdictGauges;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The agent's measures as Flink metrics of one operator subtask, under the names every engine gives
 * them ({@link Metric}); labels are Flink key-value groups ({@code feed}, {@code reason}, {@code
 * severity}, {@code state}), which Flink's Prometheus reporter turns into labels. Each metric is
 * registered on first use, so an operator shows only its own. Per-feed metrics are held for the
 * feeds this subtask has seen: at most the feeds whose state it keeps.
 */
public final class IsowatchMetrics implements EngineListener {
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
  private long feeds;
  private boolean feedsRegistered;
  private Histogram latency;
  private Histogram batchSize;

  public IsowatchMetrics(MetricGroup group) {
    this.group = group;
  }

  /**
   * The name of the gauge of the trust policy's false-alarm rate, as the other engines export it
   * (the alert rule and dashboards compare trust scores with it).
   */
  public static final String FALSE_ALARM_RATE = "isowatch_false_alarm_rate";

  /** Exports the false-alarm rate α the monitors judge with. */
  public void falseAlarmRate(double alpha) {
    group.gauge(FALSE_ALARM_RATE, (Gauge<Double>) () -> alpha);
  }

  @Override
  public void observed(String feedId) {
    counter(observations, Metric.OBSERVATIONS, feedId).inc();
  }

  /** A gap notice, about a record that was kept, counts as a window restart. */
  @Override
  public void rejected(Rejection rejection) {
    if (!rejection.reason().refusesRecord()) {
      counter(restarts, Metric.RESTARTS, rejection.feedId().orElse("")).inc();
      return;
    }
    counter(rejections, Metric.REJECTED, rejection.reason().label()).inc();
  }

  @Override
  public void embedded(int size, long nanos) {
    if (latency == null) {
      latency =
          group.histogram(Metric.LATENCY.metricName(), new SecondsHistogram(HISTOGRAM_WINDOW));
      batchSize =
          group.histogram(
              Metric.BATCH_SIZE.metricName(), new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }
    latency.update(nanos);
    batchSize.update(size);
  }

  /** {@code isowatch_feeds}: the feeds whose state this subtask keeps. */
  @Override
  public void feeds(int count) {
    feeds = count;
    if (!feedsRegistered) {
      group.gauge(Metric.FEEDS.metricName(), (Gauge<Long>) () -> feeds);
      feedsRegistered = true;
    }
  }

  @Override
  public void windowMeasured(String feedId) {
    counter(windows, Metric.WINDOWS, feedId).inc();
  }

  /** Non-finite values leave the gauge as it was. */
  @Override
  public void signals(String feedId, Map<MonitorSignal, Double> values) {
    double[] latest = signals.get(feedId);
    if (latest == null) {
      double[] created = new double[MonitorSignal.values().length];
      Arrays.fill(created, Double.NaN);
      MetricGroup feedGroup = group.addGroup("feed", feedId);
      for (MonitorSignal signal : MonitorSignal.values()) {
        feedGroup.gauge(Metric.signal(signal), (Gauge<Double>) () -> created[signal.ordinal()]);
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

  @Override
  public void verdict(WindowVerdict verdict) {
    VerdictGauges.of(verdict, this::set);
  }

  @Override
  public void alert(Alert alert) {
    counter(alerts, Metric.ALERTS, Metric.alertLabels(alert)).inc();
    VerdictGauges.of(alert, this::set);
  }

  /** The counter of {@code metric} under its label groups, registered on first use. */
  private Counter counter(Map<String, Counter> counters, Metric metric, String... labelValues) {
    return counters.computeIfAbsent(
        String.join("/", labelValues),
        key -> labelled(metric, labelValues).counter(metric.metricName()));
  }

  /**
   * Sets the gauge of {@code metric} under its label groups, registering it on first use. Each feed
   * has a bounded number of them: the signals are bounded by the trust settings' {@code
   * maxSignals}.
   */
  private void set(Metric metric, double value, String... labelValues) {
    String key = metric.metricName() + "|" + String.join("|", labelValues);
    double[] holder = gauges.get(key);
    if (holder == null) {
      double[] created = {value};
      labelled(metric, labelValues).gauge(metric.metricName(), (Gauge<Double>) () -> created[0]);
      gauges.put(key, created);
      return;
    }
    holder[0] = value;
  }

  private MetricGroup labelled(Metric metric, String... labelValues) {
    List<String> names = metric.labels();
    MetricGroup labelled = group;
    for (int i = 0; i < labelValues.length; i++) {
      labelled = labelled.addGroup(names.get(i), labelValues[i]);
    }
    return labelled;
  }
}
