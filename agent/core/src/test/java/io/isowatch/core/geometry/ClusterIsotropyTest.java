package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusterIsotropyTest {
  private static final double[][] CENTERS = {
    {20, 0, 0, 0, 0, 0}, {0, 20, 0, 0, 0, 0}, {0, 0, 20, 0, 0, 0}
  };

  @Test
  void wellSeparatedBlobsAreFoundAndMeasuredOneByOne() {
    double[][] rows = Clouds.blobs(CENTERS, 100, 1.0, 3);
    int[] truth = blobLabels(3, 100);

    ClusterIsotropy result = ClusterIsotropy.of(Cloud.of(rows), ClusterOptions.defaults());

    assertThat(result.clusters()).isEqualTo(3);
    assertThat(result.silhouette()).isGreaterThan(0.7);
    assertThat(result.averageCosine())
        .isCloseTo(meanOfBruteForceCenteredCosines(rows, truth), within(1e-12));
  }

  /**
   * Blobs at random centers, some of them fairly close: one k-means run per k must still find all
   * three for every seed. Plain k-means++ seeding put two centroids in one blob for some seeds
   * here; greedy seeding does not.
   */
  @Test
  void oneGreedyRunPerKFindsRandomBlobsForEverySeed() {
    java.util.Random random = new java.util.Random(6);
    double[][] centers = new double[3][6];
    for (double[] center : centers) {
      for (int j = 0; j < 6; j++) {
        center[j] = 3 + 10 * random.nextGaussian();
      }
    }
    Cloud cloud = Cloud.of(Clouds.blobs(centers, 20, 1.0, 6));

    for (long seed = 1; seed <= 60; seed++) {
      ClusterIsotropy result =
          ClusterIsotropy.of(cloud, ClusterOptions.builder().seed(seed).build());
      assertThat(result.clusters()).as("clusters found with seed %d", seed).isEqualTo(3);
    }
  }

  @Test
  void aSingleGaussianIsOneCluster() {
    double[][] rows = Clouds.gaussian(600, 16, 8);

    ClusterIsotropy result = ClusterIsotropy.of(Cloud.of(rows), ClusterOptions.defaults());

    assertThat(result.silhouette()).isLessThan(ClusterOptions.DEFAULT_MIN_SILHOUETTE);
    assertThat(result.clusters()).isEqualTo(1);
    assertThat(result.averageCosine())
        .isCloseTo(Clouds.bruteForceAverageCosine(Clouds.centered(rows)), within(1e-12));
  }

  @Test
  void theSameSeedGivesTheSameResult() {
    double[][] rows = Clouds.blobs(CENTERS, 80, 6.0, 5);
    ClusterOptions options = ClusterOptions.builder().seed(77).build();

    assertThat(ClusterIsotropy.of(Cloud.of(rows), options))
        .isEqualTo(ClusterIsotropy.of(Cloud.of(rows), options));
  }

  @Test
  void choosesKOnABoundedSampleAndStillLabelsEveryPoint() {
    double[][] rows = Clouds.blobs(CENTERS, 400, 1.0, 4);
    ClusterOptions options = ClusterOptions.builder().maxSample(90).maxClusters(6).build();

    ClusterIsotropy result = ClusterIsotropy.of(Cloud.of(rows), options);

    assertThat(result.clusters()).isEqualTo(3);
    assertThat(result.averageCosine())
        .isCloseTo(meanOfBruteForceCenteredCosines(rows, blobLabels(3, 400)), within(1e-12));
  }

  @Test
  void sampleIndicesAreDistinctSortedAndCapped() {
    int[] sample = ClusterIsotropy.sampleIndices(5000, 2000, new SplittableRandom(1));

    assertThat(sample).hasSize(2000).isSorted().doesNotHaveDuplicates();
    assertThat(sample[0]).isGreaterThanOrEqualTo(0);
    assertThat(sample[1999]).isLessThan(5000);
    assertThat(ClusterIsotropy.sampleIndices(7, 2000, new SplittableRandom(1)))
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void givenLabelsAveragesGroupsUnweighted() {
    double[][] rows = Clouds.scaledAndShifted(90, 5, 12);
    int[] labels = new int[90];
    for (int i = 0; i < 90; i++) {
      labels[i] = i < 10 ? -4 : (i < 70 ? 9 : 2); // unequal group sizes, arbitrary label values
    }

    assertThat(ClusterIsotropy.givenLabels(Cloud.of(rows), labels))
        .isCloseTo(meanOfBruteForceCenteredCosines(rows, labels), within(1e-12));
  }

  @Test
  void singletonGroupsHaveNoCosineAndAreLeftOut() {
    double[][] rows = {{1, 0}, {0, 1}, {2, 2}, {5, 5}};
    int[] labels = {0, 0, 1, 2};

    // Only group 0 has two points; centered they are antipodal: cosine -1.
    assertThat(ClusterIsotropy.givenLabels(Cloud.of(rows), labels)).isCloseTo(-1, within(1e-15));
  }

  @Test
  void tooFewPointsToClusterFallBackToOneCluster() {
    ClusterIsotropy result =
        ClusterIsotropy.of(Cloud.of(new double[][] {{1, 2}, {3, 1}}), ClusterOptions.defaults());

    assertThat(result.clusters()).isEqualTo(1);
    assertThat(result.silhouette()).isNaN();
    assertThat(result.averageCosine()).isCloseTo(-1, within(1e-15));
  }

  @Test
  void labelCountMustMatch() {
    assertThatThrownBy(
            () -> ClusterIsotropy.givenLabels(Cloud.of(new double[][] {{1}, {2}}), new int[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected one label per vector (2), got 3");
  }

  @Test
  void optionsNameTheFieldAtFault() {
    assertThatThrownBy(() -> ClusterOptions.builder().maxClusters(1).build())
        .hasMessage("maxClusters must be at least 2, got 1");
    assertThatThrownBy(() -> ClusterOptions.builder().maxSample(1).build())
        .hasMessage("maxSample must be at least 2, got 1");
    assertThatThrownBy(() -> ClusterOptions.builder().minSilhouette(2).build())
        .hasMessage("minSilhouette must be in [-1, 1], got 2.0");
  }

  static int[] blobLabels(int blobs, int perBlob) {
    int[] labels = new int[blobs * perBlob];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i / perBlob;
    }
    return labels;
  }

  static double meanOfBruteForceCenteredCosines(double[][] rows, int[] labels) {
    double sum = 0;
    int groups = 0;
    for (int label : java.util.Arrays.stream(labels).distinct().toArray()) {
      List<double[]> members = new ArrayList<>();
      for (int i = 0; i < rows.length; i++) {
        if (labels[i] == label) {
          members.add(rows[i]);
        }
      }
      if (members.size() >= 2) {
        sum += Clouds.bruteForceAverageCosine(Clouds.centered(members.toArray(double[][]::new)));
        groups++;
      }
    }
    return sum / groups;
  }
}
