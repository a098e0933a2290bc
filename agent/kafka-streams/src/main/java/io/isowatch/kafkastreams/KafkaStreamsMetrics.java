package io.isowatch.kafkastreams;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The Kafka Streams client's own metrics on the agent's Prometheus endpoint, read at each scrape
 * from {@code KafkaStreams.metrics()}: every numeric metric of the stream-thread, task and state
 * groups and of the consumer's fetch and coordinator groups (lag, process and commit rates,
 * rebalances), as a gauge named {@code isowatch_kafka_streams_<group>_<name>}, e.g. {@code
 * isowatch_kafka_streams_stream_thread_process_rate{thread_id="..."}} and {@code
 * isowatch_kafka_streams_consumer_fetch_manager_records_lag_max}. Tags become labels.
 */
public final class KafkaStreamsMetrics implements MultiCollector {
  static final String PREFIX = "isowatch_kafka_streams_";

  private static final Set<String> CLIENT_GROUPS =
      Set.of("consumer-fetch-manager-metrics", "consumer-coordinator-metrics");

  private final Supplier<Map<MetricName, ? extends Metric>> metrics;

  public KafkaStreamsMetrics(Supplier<Map<MetricName, ? extends Metric>> metrics) {
    this.metrics = metrics;
  }

  static boolean exported(MetricName name) {
    return name.group().startsWith("stream-") || CLIENT_GROUPS.contains(name.group());
  }

  static String prometheusName(MetricName name) {
    String group = name.group().replaceFirst("-metrics$", "");
    return PrometheusNaming.sanitizeMetricName(
        PREFIX + (group + "_" + name.name()).replace('-', '_').toLowerCase(Locale.ROOT));
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, Family> families = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
      MetricName name = entry.getKey();
      if (!exported(name) || !(entry.getValue().metricValue() instanceof Number value)) {
        continue;
      }
      Family family =
          families.computeIfAbsent(prometheusName(name), n -> new Family(name.description()));
      family.points.put(labels(name.tags()), value.doubleValue());
    }
    List<MetricSnapshot> snapshots = new ArrayList<>(families.size());
    families.forEach(
        (prometheusName, family) -> {
          GaugeSnapshot.Builder gauge =
              GaugeSnapshot.builder().name(prometheusName).help(family.help);
          family.points.forEach(
              (labels, value) ->
                  gauge.dataPoint(
                      GaugeSnapshot.GaugeDataPointSnapshot.builder()
                          .labels(labels)
                          .value(value)
                          .build()));
          snapshots.add(gauge.build());
        });
    return new MetricSnapshots(snapshots);
  }

  private static Labels labels(Map<String, String> tags) {
    Labels.Builder labels = Labels.builder();
    new TreeMap<>(tags)
        .forEach(
            (key, value) ->
                labels.label(PrometheusNaming.sanitizeLabelName(key.replace('-', '_')), value));
    return labels.build();
  }

  private static final class Family {
    final String help;
    final Map<Labels, Double> points = new LinkedHashMap<>();

    Family(String help) {
      this.help = help == null || help.isBlank() ? "Kafka Streams client metric" : help;
    }
  }
}
