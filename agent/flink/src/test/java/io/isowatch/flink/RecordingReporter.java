package io.isowatch.flink;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that remembers every metric registered with it, as Flink's Prometheus
 * reporter would see it: the metric, its name and its group's variables (which that reporter turns
 * into labels).
 */
public final class RecordingReporter implements MetricReporter {
  /** A registered metric. */
  record Registered(String name, Map<String, String> variables, Metric metric) {}

  static final List<Registered> REGISTERED = new CopyOnWriteArrayList<>();

  /** Configures a cluster to report to this reporter. */
  static void configure(org.apache.flink.configuration.Configuration config) {
    config.setString("metrics.reporter.recording.factory.class", Factory.class.getName());
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    REGISTERED.add(new Registered(name, group.getAllVariables(), metric));
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

  /** Instantiated by Flink from the configuration. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new RecordingReporter();
    }
  }
}
