package io.isowatch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Slow, obvious recomputations of the measures, and test clouds to check the command against. */
public final class BruteForce {
  private BruteForce() {}

  /** Mean of cos(x_i, x_j) over all ordered pairs i != j; every vector must be non-zero. */
  public static double averageCosine(double[][] rows) {
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows.length; j++) {
        if (i != j) {
          sum += dot(rows[i], rows[j]) / Math.sqrt(dot(rows[i], rows[i]) * dot(rows[j], rows[j]));
          pairs++;
        }
      }
    }
    return sum / pairs;
  }

  public static double[][] centered(double[][] rows) {
    int dim = rows[0].length;
    double[] mean = new double[dim];
    for (double[] row : rows) {
      for (int j = 0; j < dim; j++) {
        mean[j] += row[j] / rows.length;
      }
    }
    double[][] centered = new double[rows.length][dim];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < dim; j++) {
        centered[i][j] = rows[i][j] - mean[j];
      }
    }
    return centered;
  }

  /** Unweighted mean over the label groups of each group's centered average cosine. */
  public static double meanCenteredCosineByLabel(double[][] rows, int[] labels) {
    Map<Integer, List<double[]>> groups = new TreeMap<>();
    for (int i = 0; i < rows.length; i++) {
      groups.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(rows[i]);
    }
    double sum = 0;
    for (List<double[]> group : groups.values()) {
      sum += averageCosine(centered(group.toArray(new double[0][])));
    }
    return sum / groups.size();
  }

  /** {@code clusters} Gaussian blobs of {@code perCluster} points, far apart, off the origin. */
  public static double[][] blobs(int clusters, int perCluster, int dim, long seed) {
    Random random = new Random(seed);
    double[][] rows = new double[clusters * perCluster][dim];
    for (int c = 0; c < clusters; c++) {
      double[] center = new double[dim];
      for (int j = 0; j < dim; j++) {
        center[j] = 3 + 10 * random.nextGaussian();
      }
      for (int p = 0; p < perCluster; p++) {
        for (int j = 0; j < dim; j++) {
          rows[c * perCluster + p][j] = center[j] + random.nextGaussian();
        }
      }
    }
    return rows;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}
