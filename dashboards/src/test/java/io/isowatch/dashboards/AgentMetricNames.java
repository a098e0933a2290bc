package io.isowatch.dashboards;

import io.isowatch.core.trust.TrustSettings;
import io.isowatch.runtime.metrics.FalseAlarmRateMetric;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric families the agent registers, and the families a query reads (through recording rules
 * too). Names are compared without the suffixes the exposition adds ({@code _total}, {@code
 * _bucket}, {@code _sum}, {@code _count}, {@code _created}).
 */
final class AgentMetricNames {
  private static final Pattern METRIC = Pattern.compile("\\bisowatch_[a-z0-9_]+");
  private static final Pattern RECORDING = Pattern.compile("isowatch:[a-z0-9_:]+");
  private static final Pattern SUFFIX = Pattern.compile("_(total|bucket|sum|count|created)$");

  private AgentMetricNames() {}

  /**
   * Families {@link PrometheusPipelineMetrics} and {@link FalseAlarmRateMetric} register, whether
   * or not they have data yet.
   */
  static Set<String> registered() {
    PrometheusRegistry registry = new PrometheusRegistry();
    new PrometheusPipelineMetrics(registry);
    FalseAlarmRateMetric.register(registry, TrustSettings.defaults().falseAlarmRate());
    Set<String> names = new TreeSet<>();
    for (MetricSnapshot snapshot : registry.scrape()) {
      names.add(family(snapshot.getMetadata().getPrometheusName()));
    }
    return names;
  }

  /** The isowatch_* families {@code expr} reads, recording rules replaced by their expressions. */
  static Set<String> read(String expr, Map<String, String> recordings) {
    Set<String> families = new LinkedHashSet<>();
    Matcher metric = METRIC.matcher(expr);
    while (metric.find()) {
      families.add(family(metric.group()));
    }
    Matcher recording = RECORDING.matcher(expr);
    while (recording.find()) {
      String definition = recordings.get(recording.group());
      if (definition != null) {
        families.addAll(read(definition, recordings));
      }
    }
    return families;
  }

  static String family(String name) {
    return SUFFIX.matcher(name).replaceFirst("");
  }
}
