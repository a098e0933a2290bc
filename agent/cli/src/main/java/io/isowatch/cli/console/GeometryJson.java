package io.isowatch.cli.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.core.geometry.ClusterIsotropy;
import io.isowatch.core.geometry.GeometryReport;
import java.util.OptionalDouble;

/**
 * The JSON form of a {@link GeometryReport}: one object with snake_case keys in a fixed order.
 * Undefined measures (NaN) and infinite ones are written as {@code null}, never as a bare {@code
 * NaN} token that JSON parsers reject; the cluster keys are {@code null} when clusters were not
 * asked for.
 */
public final class GeometryJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GeometryJson() {}

  /**
   * The report as JSON, followed by {@code cluster_avg_cosine_given_labels} when {@code
   * givenLabels} is present.
   */
  public static ObjectNode of(GeometryReport report, OptionalDouble givenLabels) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("n", report.size());
    json.put("dim", report.dim());
    putDouble(json, "raw_avg_cosine", report.rawAverageCosine());
    putDouble(json, "centered_avg_cosine", report.centeredAverageCosine());
    putDouble(json, "isoscore", report.isoScore());
    putDouble(json, "partition_isotropy", report.partition().value());
    putDouble(json, "log_partition_isotropy", report.partition().log());
    putDouble(json, "centered_partition_isotropy", report.centeredPartition().value());
    json.put("effective_dim_80", report.effectiveDim80());
    putDouble(json, "participation_ratio", report.participationRatio());
    putDouble(json, "mean_norm_ratio", report.meanNormRatio());
    if (report.clusterIsotropy().isPresent()) {
      ClusterIsotropy clusters = report.clusterIsotropy().get();
      putDouble(json, "cluster_avg_cosine", clusters.averageCosine());
      json.put("clusters", clusters.clusters());
      putDouble(json, "silhouette", clusters.silhouette());
    } else {
      json.putNull("cluster_avg_cosine");
      json.putNull("clusters");
      json.putNull("silhouette");
    }
    if (givenLabels.isPresent()) {
      putDouble(json, "cluster_avg_cosine_given_labels", givenLabels.getAsDouble());
    }
    return json;
  }

  /** Pretty-printed text of {@code json}. */
  public static String format(ObjectNode json) throws JsonProcessingException {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
  }

  private static void putDouble(ObjectNode json, String key, double value) {
    if (Double.isFinite(value)) {
      json.put(key, value);
    } else {
      json.putNull(key);
    }
  }
}
