package io.isowatch.evaluation;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of an {@link Evaluation}: corpus metrics per detector and one row per series, as JSON
 * ({@code {"detectors": {"<name>": {"<metric>": value}}, "series": [...]}}, undefined values as
 * null) and as a markdown table.
 *
 * @param datasets the dataset arguments
 * @param seed the run's seed
 * @param far the false-alarm rate of precision at FAR
 * @param stride the long-series stride
 * @param trustScore whether isowatch's score was its trust score (else the stand-in)
 * @param detectors detector name to corpus metric to value
 * @param series the per-series rows
 * @param seconds wall time of the run
 * @param windowsEmbedded windows the model embedded
 */
public record EvaluationResult(
    List<String> datasets,
    long seed,
    double far,
    int stride,
    boolean trustScore,
    Map<String, Map<String, Double>> detectors,
    List<SeriesResult> series,
    double seconds,
    long windowsEmbedded) {

  /** The table's columns, in order, where some detector has them. */
  static final List<String> TABLE_METRICS =
      List.of(
          "nab_score",
          "tcpd_f1",
          "tcpd_cover",
          "skab_f1",
          "csv_auroc",
          "csv_precision_at_far",
          "csv_median_lead");

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** The JSON document. */
  public ObjectNode toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode run = root.putObject("run");
    datasets.forEach(run.putArray("datasets")::add);
    run.put("seed", seed);
    run.put("far", far);
    run.put("stride", stride);
    run.put("isowatch_score", trustScore ? "1 - trust_score" : "stand-in: max |robust z|");
    run.put("seconds", Math.round(seconds * 10) / 10.0);
    run.put("windows_embedded", windowsEmbedded);
    ObjectNode detectorsNode = root.putObject("detectors");
    detectors.forEach((name, metrics) -> putMetrics(detectorsNode.putObject(name), metrics));
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
      profile.put("cloud", row.profile().cloudCapacity());
      profile.put("warm_up_evaluations", row.profile().warmUpEvaluations());
      profile.put("judged_from", row.profile().judgedFrom());
      ObjectNode perDetector = node.putObject("detectors");
      row.detectors()
          .forEach(
              (name, result) -> {
                ObjectNode d = perDetector.putObject(name);
                d.put("alarms", result.alarms());
                putMetrics(d, result.metrics());
              });
    }
    return root;
  }

  private static void putMetrics(ObjectNode node, Map<String, Double> metrics) {
    new java.util.TreeMap<>(metrics)
        .forEach(
            (metric, value) -> {
              if (value == null || !Double.isFinite(value)) {
                node.putNull(metric);
              } else {
                node.put(metric, value);
              }
            });
  }

  /** Writes the JSON document to {@code file}. */
  public void writeJson(Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), toJson());
  }

  /** A markdown table: one row per detector, one column per corpus metric present. */
  public String markdownTable() {
    Set<String> present = new LinkedHashSet<>();
    for (String metric : TABLE_METRICS) {
      for (Map<String, Double> metrics : detectors.values()) {
        if (metrics.containsKey(metric)) {
          present.add(metric);
        }
      }
    }
    List<String> columns = new ArrayList<>(present);
    StringBuilder out = new StringBuilder("| detector |");
    columns.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append("\n|---|");
    columns.forEach(c -> out.append("---:|"));
    out.append('\n');
    detectors.forEach(
        (name, metrics) -> {
          out.append("| ").append(name).append(" |");
          for (String column : columns) {
            Double value = metrics.get(column);
            out.append(' ').append(format(column, value)).append(" |");
          }
          out.append('\n');
        });
    return out.toString();
  }

  private static String format(String metric, Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "–";
    }
    if (metric.equals("nab_score")) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (metric.equals("csv_median_lead")) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
