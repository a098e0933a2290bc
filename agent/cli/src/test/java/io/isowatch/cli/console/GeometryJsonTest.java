package io.isowatch.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.core.geometry.ClusterIsotropy;
import io.isowatch.core.geometry.GeometryReport;
import io.isowatch.core.geometry.PartitionIsotropy;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GeometryJsonTest {

  @Test
  void nonFiniteValuesBecomeNullAndFiniteOnesStayExact() throws Exception {
    GeometryReport report =
        new GeometryReport(
            10,
            3,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            new PartitionIsotropy(0.0, -1234.5),
            new PartitionIsotropy(0.25, Math.log(0.25)),
            2,
            0.1 + 0.2,
            Double.NaN,
            Optional.of(new ClusterIsotropy(Double.NaN, 1, Double.NaN)));

    ObjectNode node = GeometryJson.of(report, OptionalDouble.of(Double.NaN));
    String text = GeometryJson.format(node);
    JsonNode json = new ObjectMapper().readTree(text);

    assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
    for (String key :
        new String[] {
          "raw_avg_cosine",
          "centered_avg_cosine",
          "isoscore",
          "mean_norm_ratio",
          "cluster_avg_cosine",
          "silhouette",
          "cluster_avg_cosine_given_labels"
        }) {
      assertThat(json.get(key).isNull()).as(key).isTrue();
    }
    assertThat(json.get("partition_isotropy").asDouble()).isZero();
    assertThat(json.get("log_partition_isotropy").asDouble()).isEqualTo(-1234.5);
    assertThat(json.get("participation_ratio").asDouble()).isEqualTo(0.1 + 0.2);
    assertThat(json.get("clusters").asInt()).isEqualTo(1);
  }

  @Test
  void givenLabelsKeyIsAbsentWithoutLabels() {
    GeometryReport report =
        new GeometryReport(
            2,
            1,
            1,
            -1,
            Double.NaN,
            new PartitionIsotropy(1, 0),
            new PartitionIsotropy(1, 0),
            1,
            1,
            1,
            Optional.empty());

    ObjectNode node = GeometryJson.of(report, OptionalDouble.empty());

    assertThat(node.has("cluster_avg_cosine_given_labels")).isFalse();
    assertThat(node.get("clusters").isNull()).isTrue();
    assertThat(node.size()).isEqualTo(14);
  }
}
