package io.isowatch.core.monitor;

import io.isowatch.core.geometry.AverageCosine;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.core.geometry.MeanNormRatio;
import io.isowatch.core.math.SquaredNorm;

/**
 * The per-window signals of a window's token cloud: only the O(tokens x width) measures, so that
 * geometry stays a small share of the embedding cost. The spectral measures come from the cloud of
 * window vectors instead, recomputed every few windows.
 *
 * <p>Computed in two passes over the token states, without copying them: the values are exactly
 * those of {@link AverageCosine#raw}, {@link AverageCosine#centered} and {@link MeanNormRatio#of}
 * on {@link Cloud#ofRowMajor} of the same states (the same operations in the same order), which
 * would copy the cloud three times and take its norms four times. Every window of every feed pays
 * for this, so it is worth the duplication; TokenCloudSignalsTest holds the two to equality.
 *
 * @param rawAverageCosine raw average cosine of the token states
 * @param centeredAverageCosine centered average cosine of the token states
 * @param meanNormRatio |mean token| / mean token norm
 */
record TokenCloudSignals(
    double rawAverageCosine, double centeredAverageCosine, double meanNormRatio) {

  /**
   * The three measures of {@code tokenStates} (tokens x width).
   *
   * @throws IllegalArgumentException if the width is 0 or a value is not finite, as {@link
   *     Cloud#ofRowMajor} would
   */
  static TokenCloudSignals of(float[][] tokenStates) {
    int size = tokenStates.length;
    if (size < 2) {
      return new TokenCloudSignals(Double.NaN, Double.NaN, Double.NaN);
    }
    int width = tokenStates[0].length;
    double[] sum = new double[width];
    double[] unitSum = new double[width];
    int counted = 0;
    double normSum = 0;
    int firstNotFinite = -1;
    for (int i = 0; i < size; i++) {
      float[] row = tokenStates[i];
      double squared = SquaredNorm.of(row);
      for (int j = 0; j < width; j++) {
        sum[j] += row[j];
      }
      // a float's square cannot overflow a double: only a value that is not finite makes this so
      if (firstNotFinite < 0 && !Double.isFinite(squared)) {
        firstNotFinite = i * width + firstNotFinite(row);
      }
      double norm = Math.sqrt(squared);
      normSum += norm;
      if (norm == 0) {
        continue;
      }
      double inverse = 1 / norm;
      for (int j = 0; j < width; j++) {
        unitSum[j] += row[j] * inverse;
      }
      counted++;
    }
    if (width < 1) {
      throw new IllegalArgumentException(
          "size and dim must be positive, got size=" + size + " dim=" + width);
    }
    if (firstNotFinite >= 0) {
      int i = firstNotFinite / width;
      int j = firstNotFinite % width;
      throw new IllegalArgumentException(
          "row " + i + ", column " + j + " is not finite: " + (double) tokenStates[i][j]);
    }

    double[] mean = sum;
    for (int j = 0; j < width; j++) {
      mean[j] /= size;
    }
    double meanNorm = normSum / size;
    double meanNormRatio = meanNorm == 0 ? Double.NaN : norm(mean) / meanNorm;

    double[] centered = new double[width];
    double[] centeredUnitSum = new double[width];
    int centeredCounted = 0;
    for (int i = 0; i < size; i++) {
      float[] row = tokenStates[i];
      for (int j = 0; j < width; j++) {
        centered[j] = row[j] + -1.0 * mean[j];
      }
      double norm = Math.sqrt(SquaredNorm.of(centered));
      if (norm == 0) {
        continue;
      }
      double inverse = 1 / norm;
      for (int j = 0; j < width; j++) {
        centeredUnitSum[j] += centered[j] * inverse;
      }
      centeredCounted++;
    }
    return new TokenCloudSignals(
        fromUnitSum(unitSum, counted),
        fromUnitSum(centeredUnitSum, centeredCounted),
        meanNormRatio);
  }

  private static int firstNotFinite(float[] row) {
    for (int j = 0; j < row.length; j++) {
      if (!Float.isFinite(row[j])) {
        return j;
      }
    }
    throw new AssertionError("a row whose squares sum to a value that is not finite");
  }

  /** As AverageCosine: {@code (|unitSum|^2 - n) / (n (n - 1))}, NaN below two vectors. */
  private static double fromUnitSum(double[] unitSum, double n) {
    if (n < 2) {
      return Double.NaN;
    }
    double squared = 0;
    for (double v : unitSum) {
      squared += v * v;
    }
    return (squared - n) / (n * (n - 1));
  }

  private static double norm(double[] vector) {
    double sum = 0;
    for (double v : vector) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}
