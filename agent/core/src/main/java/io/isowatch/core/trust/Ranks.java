package io.isowatch.core.trust;

import java.util.Arrays;

/** Ranks with ties averaged, and Pearson's correlation: Spearman's rho is Pearson's on ranks. */
final class Ranks {
  private Ranks() {}

  /** 1-based ranks of the first {@code n} values, ties sharing their average rank. */
  static double[] of(double[] values, int n) {
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    double[] ranks = new double[n];
    for (int i = 0; i < n; i++) {
      int first = lowerBound(sorted, values[i]);
      int last = lowerBound(sorted, Math.nextUp(values[i])) - 1;
      ranks[i] = (first + last) / 2.0 + 1;
    }
    return ranks;
  }

  /** The first index whose value is at least {@code key}. */
  private static int lowerBound(double[] sorted, double key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] < key) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Pearson's correlation; NaN when either side is constant. */
  static double pearson(double[] a, double[] b) {
    int n = a.length;
    double meanA = 0;
    double meanB = 0;
    for (int i = 0; i < n; i++) {
      meanA += a[i] / n;
      meanB += b[i] / n;
    }
    double covariance = 0;
    double varianceA = 0;
    double varianceB = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - meanA;
      double db = b[i] - meanB;
      covariance += da * db;
      varianceA += da * da;
      varianceB += db * db;
    }
    if (varianceA == 0 || varianceB == 0) {
      return Double.NaN;
    }
    return covariance / Math.sqrt(varianceA * varianceB);
  }
}
