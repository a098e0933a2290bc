package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansAndSilhouetteTest {

  @Test
  void kMeansRecoversSeparatedBlobsUpToRelabelling() {
    double[][] centers = {{0, 0, 30}, {30, 0, 0}, {0, 30, 0}, {-30, -30, -30}};
    double[][] rows = Clouds.blobs(centers, 50, 1.0, 2);

    KMeans.Fit fit = KMeans.fit(Cloud.of(rows), 4, 3, 100, new SplittableRandom(1));

    int[] truth = ClusterIsotropyTest.blobLabels(4, 50);
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows.length; j++) {
        assertThat(fit.assignment()[i] == fit.assignment()[j]).isEqualTo(truth[i] == truth[j]);
      }
    }
  }

  @Test
  void silhouetteMatchesItsDefinition() {
    double[][] rows = Clouds.scaledAndShifted(40, 3, 6);
    int[] labels = new int[40];
    for (int i = 0; i < 40; i++) {
      labels[i] = i % 3 == 0 ? 0 : (i % 3 == 1 ? 1 : 2);
    }
    labels[39] = 3; // a singleton scores 0

    double[] distances = Silhouette.distances(Cloud.of(rows));

    assertThat(Silhouette.score(distances, labels, 4))
        .isCloseTo(bruteForceSilhouette(rows, labels, 4), within(1e-10));
  }

  @Test
  void silhouetteNeedsTwoNonEmptyClusters() {
    assertThat(Silhouette.score(new double[4], new int[] {1, 1}, 3)).isNaN();
  }

  private static double bruteForceSilhouette(double[][] rows, int[] labels, int k) {
    double total = 0;
    for (int i = 0; i < rows.length; i++) {
      double[] sum = new double[k];
      int[] count = new int[k];
      for (int j = 0; j < rows.length; j++) {
        count[labels[j]]++;
        if (j != i) {
          double squared = 0;
          for (int c = 0; c < rows[i].length; c++) {
            squared += (rows[i][c] - rows[j][c]) * (rows[i][c] - rows[j][c]);
          }
          sum[labels[j]] += Math.sqrt(squared);
        }
      }
      int own = labels[i];
      if (count[own] == 1) {
        continue;
      }
      double a = sum[own] / (count[own] - 1);
      double b = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        if (c != own && count[c] > 0) {
          b = Math.min(b, sum[c] / count[c]);
        }
      }
      total += (b - a) / Math.max(a, b);
    }
    return total / rows.length;
  }
}
