package io.isowatch.evaluation;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.evaluation.label.LabelRule;
import io.isowatch.evaluation.metric.Bootstrap;
import io.isowatch.evaluation.metric.CorpusMetrics;
import io.isowatch.evaluation.metric.Estimate;
import io.isowatch.evaluation.metric.RulerCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outcome of an {@link Evaluation}: every detector's corpus metrics with bootstrap intervals,
 * pooled and per dataset, the paired comparison of isowatch with the best baseline, the metrics the
 * sanity detectors show to be broken, and one row per series; as JSON (undefined values as null)
 * and as markdown tables.
 *
 * @param datasets the dataset arguments
 * @param seed the run's seed
 * @param far the false-alarm rate of precision at FAR
 * @param stride the long-series stride
 * @param labelRule how forecast errors became labels
 * @param pooled estimates over every series
 * @param perDataset dataset kind to the estimates over its series
 * @param sanity the names of the sanity detectors
 * @param series the per-series rows
 * @param seconds wall time of the run
 * @param windowsEmbedded windows the model embedded
 */
public record EvaluationResult(
    List<String> datasets,
    long seed,
    double far,
    int stride,
    LabelRule labelRule,
    Bootstrap.Result pooled,
    Map<String, Bootstrap.Result> perDataset,
    List<String> sanity,
    List<SeriesResult> series,
    double seconds,
    long windowsEmbedded) {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Detector name to pooled metric to value. */
  public Map<String, Map<String, Double>> detectors() {
    return points(pooled);
  }

  /** The pooled metrics a sanity detector shows to be broken, with the reason. */
  public Map<String, String> broken() {
    return RulerCheck.broken(detectors(), sanity);
  }

  private static Map<String, Map<String, Double>> points(Bootstrap.Result result) {
    Map<String, Map<String, Double>> points = new LinkedHashMap<>();
    result
        .estimates()
        .forEach(
            (name, metrics) -> {
              Map<String, Double> row = new LinkedHashMap<>();
              metrics.forEach((metric, estimate) -> row.put(metric, estimate.value()));
              points.put(name, row);
            });
    return points;
  }

  /** The JSON document. */
  public ObjectNode toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode run = root.putObject("run");
    datasets.forEach(run.putArray("datasets")::add);
    run.put("seed", seed);
    run.put("far", far);
    run.put("stride", stride);
    run.put("isowatch_score", "1 - trust_score");
    ObjectNode rule = run.putObject("label_rule");
    rule.put("scale_window", labelRule.scaleWindow());
    rule.put("history", labelRule.history());
    rule.put("quantile", labelRule.quantile());
    run.put("seconds", Math.round(seconds * 10) / 10.0);
    run.put("windows_embedded", windowsEmbedded);
    putResult(root, pooled);
    ObjectNode datasetsNode = root.putObject("per_dataset");
    perDataset.forEach((dataset, result) -> putResult(datasetsNode.putObject(dataset), result));
    var rows = root.putArray("series");
    for (SeriesResult row : series) {
      ObjectNode node = rows.addObject();
      node.put("dataset", row.dataset());
      node.put("series", row.name());
      node.put("length", row.length());
      node.put("repaired", row.repaired());
      ObjectNode profile = node.putObject("profile");
      profile.put("window", row.profile().windowLength());
      profile.put("stride", row.profile().stride());
      profile.put("false_alarm_rate", row.profile().trust().falseAlarmRate());
      profile.put("cloud", row.profile().cloudCapacity());
      profile.put("warm_up_evaluations", row.profile().warmUpEvaluations());
      profile.put("judged_from", row.profile().judgedFrom());
      ObjectNode labels = node.putObject("labels");
      row.labels()
          .forEach(
              (name, summary) -> {
                ObjectNode label = labels.putObject(name);
                label.put("horizon", summary.horizon());
                label.put("judged", summary.judged());
                label.put("events", summary.events());
                label.put("scored", summary.scored());
              });
      ObjectNode perDetector = node.putObject("detectors");
      row.detectors()
          .forEach(
              (name, result) -> {
                ObjectNode d = perDetector.putObject(name);
                d.put("alarms", result.alarms());
                new TreeMap<>(result.metrics()).forEach((metric, value) -> put(d, metric, value));
              });
    }
    return root;
  }

  private void putResult(ObjectNode node, Bootstrap.Result result) {
    ObjectNode detectorsNode = node.putObject("detectors");
    result
        .estimates()
        .forEach(
            (name, metrics) -> {
              ObjectNode d = detectorsNode.putObject(name);
              new TreeMap<>(metrics)
                  .forEach((metric, estimate) -> putEstimate(d.putObject(metric), estimate));
            });
    ObjectNode paired = node.putObject("isowatch_vs_best_baseline");
    result
        .paired()
        .forEach(
            (metric, comparison) -> {
              ObjectNode c = paired.putObject(metric);
              c.put("baseline", comparison.baseline());
              putEstimate(c.putObject("difference"), comparison.difference());
            });
    ObjectNode broken = node.putObject("broken");
    RulerCheck.broken(points(result), sanity).forEach(broken::put);
  }

  private static void putEstimate(ObjectNode node, Estimate estimate) {
    put(node, "value", estimate.value());
    put(node, "low", estimate.low());
    put(node, "high", estimate.high());
  }

  private static void put(ObjectNode node, String key, Double value) {
    if (value == null || !Double.isFinite(value)) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }

  /** Writes the JSON document to {@code file}. */
  public void writeJson(Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), toJson());
  }

  /**
   * Markdown: the pooled table (one row per detector, each headline metric with its 90% interval,
   * broken metrics marked), the paired comparison, then one table per dataset.
   */
  public String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("All series (").append(series.size()).append(")\n\n");
    table(out, pooled);
    for (Map.Entry<String, Bootstrap.Result> entry : perDataset.entrySet()) {
      long count = series.stream().filter(s -> s.dataset().equals(entry.getKey())).count();
      out.append('\n').append(entry.getKey()).append(" (").append(count).append(" series)\n\n");
      table(out, entry.getValue());
    }
    return out.toString();
  }

  private void table(StringBuilder out, Bootstrap.Result result) {
    Map<String, Map<String, Double>> points = points(result);
    Map<String, String> broken = RulerCheck.broken(points, sanity);
    List<String> columns = columns(points);
    out.append("| detector |");
    columns.forEach(
        c ->
            out.append(' ')
                .append(c)
                .append(broken.containsKey(c) ? " **broken**" : "")
                .append(" |"));
    out.append("\n|---|");
    columns.forEach(c -> out.append("---:|"));
    out.append('\n');
    result
        .estimates()
        .forEach(
            (name, metrics) -> {
              out.append("| ").append(name).append(" |");
              for (String column : columns) {
                out.append(' ').append(format(column, metrics.get(column))).append(" |");
              }
              out.append('\n');
            });
    if (!result.paired().isEmpty()) {
      out.append(
          "\n| metric | best baseline | isowatch - baseline [90% interval] |\n|---|---|---:|\n");
      result
          .paired()
          .forEach(
              (metric, comparison) ->
                  out.append("| ")
                      .append(metric)
                      .append(" | ")
                      .append(comparison.baseline())
                      .append(" | ")
                      .append(format(metric, comparison.difference()))
                      .append(" |\n"));
    }
    broken.forEach(
        (metric, reason) -> out.append("\n**broken** ").append(metric).append(": ").append(reason));
    if (!broken.isEmpty()) {
      out.append('\n');
    }
  }

  /** The headline metrics present, dataset metrics first, then per label set. */
  private static List<String> columns(Map<String, Map<String, Double>> points) {
    Set<String> present = new LinkedHashSet<>();
    points.values().forEach(m -> present.addAll(m.keySet()));
    List<String> columns = new ArrayList<>();
    for (String metric :
        List.of(
            CorpusMetrics.NAB_SCORE,
            CorpusMetrics.TCPD_F1,
            CorpusMetrics.TCPD_COVER,
            CorpusMetrics.SKAB_F1)) {
      if (present.contains(metric)) {
        columns.add(metric);
      }
    }
    for (String label : io.isowatch.evaluation.label.LabelSets.names()) {
      for (String prefix :
          List.of(CorpusMetrics.AUROC, CorpusMetrics.PRECISION, CorpusMetrics.LEAD)) {
        if (present.contains(prefix + label)) {
          columns.add(prefix + label);
        }
      }
    }
    return columns;
  }

  private static String format(String metric, Estimate estimate) {
    if (estimate == null || !Double.isFinite(estimate.value())) {
      return "–";
    }
    String pattern =
        metric.equals(CorpusMetrics.NAB_SCORE)
            ? "%.1f"
            : metric.startsWith(CorpusMetrics.LEAD) ? "%.0f" : "%.3f";
    String value = String.format(Locale.ROOT, pattern, estimate.value());
    if (!Double.isFinite(estimate.low())) {
      return value;
    }
    return value
        + String.format(
            Locale.ROOT, " [" + pattern + ", " + pattern + "]", estimate.low(), estimate.high());
  }
}
