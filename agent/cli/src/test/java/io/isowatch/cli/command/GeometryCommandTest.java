package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.cli.BruteForce;
import io.isowatch.cli.Cli;
import io.isowatch.core.geometry.AverageCosine;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.core.geometry.ClusterIsotropy;
import io.isowatch.core.geometry.ClusterOptions;
import io.isowatch.core.geometry.GeometryAnalyzer;
import io.isowatch.core.geometry.MeanNormRatio;
import io.isowatch.core.geometry.PartitionIsotropy;
import io.isowatch.core.geometry.Spectrum;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeometryCommandTest {
  /** Rejects anything after the one object, and (by default) bare NaN tokens. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private static final List<String> KEYS =
      List.of(
          "n",
          "dim",
          "raw_avg_cosine",
          "centered_avg_cosine",
          "isoscore",
          "partition_isotropy",
          "log_partition_isotropy",
          "centered_partition_isotropy",
          "effective_dim_80",
          "participation_ratio",
          "mean_norm_ratio",
          "cluster_avg_cosine",
          "clusters",
          "silhouette");

  @TempDir Path dir;

  @Test
  void printsOneJsonObjectWithExactlyTheKeysInOrder() throws IOException {
    Path input = Cli.writeCsv(dir, "cloud.csv", BruteForce.blobs(3, 10, 5, 1));

    JsonNode json = succeed("geometry", "--input", input.toString());

    assertThat(fieldNames(json)).containsExactlyElementsOf(KEYS);
    assertThat(json.get("clusters").isInt()).isTrue();
    assertThat(json.get("cluster_avg_cosine").isDouble()).isTrue();
  }

  @Test
  void labelsAddTheGivenLabelsKeyLast() throws IOException {
    Path input = Cli.writeCsv(dir, "cloud.csv", BruteForce.blobs(2, 5, 3, 2));
    Path labels = Cli.writeLabels(dir, "labels.txt", new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});

    JsonNode json = succeed("geometry", "--input", input.toString(), "--labels", labels.toString());

    List<String> expected = new ArrayList<>(KEYS);
    expected.add("cluster_avg_cosine_given_labels");
    assertThat(fieldNames(json)).containsExactlyElementsOf(expected);
  }

  @Test
  void averageCosinesMatchTheMeanOverAllPairs() throws IOException {
    double[][] rows = BruteForce.blobs(2, 6, 4, 3);
    Path input = Cli.writeCsv(dir, "cloud.csv", rows);

    JsonNode json = succeed("geometry", "--input", input.toString());

    assertThat(json.get("n").asInt()).isEqualTo(12);
    assertThat(json.get("dim").asInt()).isEqualTo(4);
    assertThat(json.get("raw_avg_cosine").asDouble())
        .isCloseTo(BruteForce.averageCosine(rows), within(1e-12));
    assertThat(json.get("centered_avg_cosine").asDouble())
        .isCloseTo(BruteForce.averageCosine(BruteForce.centered(rows)), within(1e-12));
  }

  @Test
  void crossOfScaledAxesHasItsClosedFormPartitionIsotropyAndSpectrum() throws IOException {
    // Points +-a_k e_k: X^T X = diag(2 a_k^2), so the eigenvectors are the axes and
    // Z(+-e_k) = 2 cosh(a_k) + 2 (d - 1).
    double[] a = {0.5, 1, 1.5, 2};
    int d = a.length;
    double[][] rows = new double[2 * d][d];
    for (int k = 0; k < d; k++) {
      rows[2 * k][k] = a[k];
      rows[2 * k + 1][k] = -a[k];
    }
    Path input = Cli.writeCsv(dir, "cross.csv", rows);

    JsonNode json = succeed("geometry", "--input", input.toString(), "--no-clusters");

    double expected = (2 * Math.cosh(0.5) + 2 * (d - 1)) / (2 * Math.cosh(2) + 2 * (d - 1));
    assertThat(json.get("partition_isotropy").asDouble()).isCloseTo(expected, within(1e-12));
    assertThat(json.get("log_partition_isotropy").asDouble())
        .isCloseTo(Math.log(expected), within(1e-12));
    // The cross is already centered.
    assertThat(json.get("centered_partition_isotropy").asDouble())
        .isCloseTo(expected, within(1e-12));
    assertThat(json.get("raw_avg_cosine").asDouble())
        .isCloseTo(BruteForce.averageCosine(rows), within(1e-12));
    // Covariance eigenvalues are proportional to a_k^2 = 0.25, 1, 2.25, 4 (total 7.5): the two
    // largest hold 6.25 / 7.5 >= 80%.
    double sumSquares = 0;
    double sumFourth = 0;
    for (double ak : a) {
      sumSquares += ak * ak;
      sumFourth += Math.pow(ak, 4);
    }
    assertThat(json.get("participation_ratio").asDouble())
        .isCloseTo(sumSquares * sumSquares / sumFourth, within(1e-12));
    assertThat(json.get("effective_dim_80").asInt()).isEqualTo(2);
    assertThat(json.get("mean_norm_ratio").asDouble()).isCloseTo(0, within(1e-15));
  }

  @Test
  void everyKeyCarriesTheCoreMeasureOfItsName() throws IOException {
    // An off-center cloud, so that raw and centered measures differ and a swapped key shows.
    // Scaled down so that the partition isotropies stay well above underflow.
    double[][] rows = BruteForce.blobs(3, 12, 5, 8);
    for (double[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= 0.05;
      }
    }
    Cloud cloud = Cloud.of(rows);
    Spectrum spectrum = Spectrum.ofCovariance(cloud);
    PartitionIsotropy raw = PartitionIsotropy.of(cloud);
    PartitionIsotropy centered = PartitionIsotropy.of(cloud.centered());
    ClusterIsotropy clusters = ClusterIsotropy.of(cloud, ClusterOptions.builder().seed(99).build());
    Path input = Cli.writeCsv(dir, "cloud.csv", rows);

    JsonNode json = succeed("geometry", "--input", input.toString(), "--seed", "99");

    assertThat(raw.value()).isBetween(1e-6, 1.0);
    assertThat(centered.value()).isNotCloseTo(raw.value(), within(0.01));
    assertThat(json.get("raw_avg_cosine").asDouble())
        .isCloseTo(AverageCosine.raw(cloud), within(1e-12));
    assertThat(json.get("centered_avg_cosine").asDouble())
        .isCloseTo(AverageCosine.centered(cloud), within(1e-12));
    assertThat(json.get("isoscore").asDouble()).isCloseTo(spectrum.isoScore(), within(1e-9));
    assertThat(json.get("partition_isotropy").asDouble()).isCloseTo(raw.value(), within(1e-12));
    assertThat(json.get("log_partition_isotropy").asDouble()).isCloseTo(raw.log(), within(1e-9));
    assertThat(json.get("centered_partition_isotropy").asDouble())
        .isCloseTo(centered.value(), within(1e-9));
    assertThat(json.get("effective_dim_80").asInt())
        .isEqualTo(spectrum.effectiveDimension(GeometryAnalyzer.EFFECTIVE_DIM_FRACTION));
    assertThat(json.get("participation_ratio").asDouble())
        .isCloseTo(spectrum.participationRatio(), within(1e-9));
    assertThat(json.get("mean_norm_ratio").asDouble())
        .isCloseTo(MeanNormRatio.of(cloud), within(1e-12));
    assertThat(json.get("cluster_avg_cosine").asDouble()).isEqualTo(clusters.averageCosine());
    assertThat(json.get("clusters").asInt()).isEqualTo(clusters.clusters());
    assertThat(json.get("silhouette").asDouble()).isEqualTo(clusters.silhouette());
  }

  @Test
  void givenLabelsIsTheUnweightedMeanOfEachGroupsCenteredCosine() throws IOException {
    double[][] rows = BruteForce.blobs(3, 7, 4, 4);
    // Any integers, groups of unequal size, not contiguous.
    int[] labels = new int[rows.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 5 == 0 ? -3 : (i % 2 == 0 ? 7 : 12);
    }
    Path input = Cli.writeCsv(dir, "cloud.csv", rows);
    Path labelFile = Cli.writeLabels(dir, "labels.txt", labels);

    JsonNode json =
        succeed("geometry", "--input", input.toString(), "--labels", labelFile.toString());

    assertThat(json.get("cluster_avg_cosine_given_labels").asDouble())
        .isCloseTo(BruteForce.meanCenteredCosineByLabel(rows, labels), within(1e-12));
  }

  @Test
  void noClustersLeavesTheClusterKeysNull() throws IOException {
    Path input = Cli.writeCsv(dir, "cloud.csv", BruteForce.blobs(3, 10, 5, 5));
    Path labels = Cli.writeLabels(dir, "labels.txt", new int[30]);

    JsonNode json =
        succeed(
            "geometry",
            "--input",
            input.toString(),
            "--no-clusters",
            "--labels",
            labels.toString());

    assertThat(json.get("cluster_avg_cosine").isNull()).isTrue();
    assertThat(json.get("clusters").isNull()).isTrue();
    assertThat(json.get("silhouette").isNull()).isTrue();
    assertThat(json.get("cluster_avg_cosine_given_labels").isDouble()).isTrue();
    assertThat(json.get("raw_avg_cosine").isDouble()).isTrue();
  }

  @Test
  void clustersFindsSeparatedBlobs() throws IOException {
    Path input = Cli.writeCsv(dir, "cloud.csv", BruteForce.blobs(3, 20, 6, 6));

    JsonNode json = succeed("geometry", "--input", input.toString());

    assertThat(json.get("clusters").asInt()).isEqualTo(3);
    assertThat(json.get("silhouette").asDouble()).isGreaterThan(0.5);
  }

  @Test
  void sameInputAndSeedGiveIdenticalOutput() throws IOException {
    Path input = Cli.writeCsv(dir, "cloud.csv", BruteForce.blobs(4, 15, 8, 7));
    String[] args = {"geometry", "--input", input.toString(), "--seed", "123"};

    Cli.Result first = Cli.run(args);
    Cli.Result second = Cli.run(args);

    assertThat(first.exitCode()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void undefinedMeasuresAreWrittenAsNull() throws IOException {
    // Identical vectors: no variance, so no IsoScore, participation ratio or centered cosine.
    double[][] rows = new double[5][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {1, 2, 3};
    }
    Path input = Cli.writeCsv(dir, "same.csv", rows);

    Cli.Result result = Cli.run("geometry", "--input", input.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).doesNotContain("NaN").doesNotContain("Infinity");
    JsonNode json = MAPPER.readTree(result.out());
    assertThat(fieldNames(json)).containsExactlyElementsOf(KEYS);
    assertThat(json.get("isoscore").isNull()).isTrue();
    assertThat(json.get("participation_ratio").isNull()).isTrue();
    assertThat(json.get("centered_avg_cosine").isNull()).isTrue();
    assertThat(json.get("raw_avg_cosine").asDouble()).isCloseTo(1, within(1e-12));
  }

  @Test
  void whitespaceAroundValuesAndBlankLinesAreIgnored() throws IOException {
    Path input = Cli.write(dir, "loose.csv", "\n  1.5 ,\t-2 \n\n   \n3e0,4\r\n");

    JsonNode json = succeed("geometry", "--input", input.toString(), "--no-clusters");

    assertThat(json.get("n").asInt()).isEqualTo(2);
    assertThat(json.get("dim").asInt()).isEqualTo(2);
    assertThat(json.get("raw_avg_cosine").asDouble())
        .isCloseTo(BruteForce.averageCosine(new double[][] {{1.5, -2}, {3, 4}}), within(1e-12));
  }

  private JsonNode succeed(String... args) throws IOException {
    Cli.Result result = Cli.run(args);
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    JsonNode json = MAPPER.readTree(result.out());
    assertThat(json.isObject()).isTrue();
    return json;
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
