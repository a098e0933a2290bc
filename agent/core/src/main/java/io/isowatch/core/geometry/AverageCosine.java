package io.isowatch.core.geometry;

/**
 * Average pairwise cosine similarity of a cloud (Ethayarajh 2019): near 1 means the vectors sit in
 * a narrow cone, near 0 means their directions are spread out.
 *
 * <p>Computed in O(N d) through the identity {@code S = (|sum u_i|^2 - N) / (N (N - 1))} with
 * {@code u_i = x_i / |x_i|}, which equals the mean of {@code cos(x_i, x_j)} over ordered pairs i !=
 * j. Zero vectors have no direction and are left out; with fewer than two non-zero vectors the
 * result is {@code NaN}.
 */
public final class AverageCosine {
  private AverageCosine() {}

  /** Mean cosine of the vectors as given (anisotropy). */
  public static double raw(Cloud cloud) {
    double[] unitSum = new double[cloud.dim()];
    int counted = 0;
    for (int i = 0; i < cloud.size(); i++) {
      double norm = Math.sqrt(cloud.squaredNorm(i));
      if (norm == 0) {
        continue;
      }
      // a product by the reciprocal: a division a value costs several times more
      double inverse = 1 / norm;
      for (int j = 0; j < cloud.dim(); j++) {
        unitSum[j] += cloud.get(i, j) * inverse;
      }
      counted++;
    }
    return fromUnitSum(unitSum, counted);
  }

  /** Mean cosine after subtracting the cloud's mean: blind to unequal variances, so pair it. */
  public static double centered(Cloud cloud) {
    return raw(cloud.centered());
  }

  /** {@code (|unitSum|^2 - n) / (n (n - 1))}, or NaN when there are fewer than two vectors. */
  static double fromUnitSum(double[] unitSum, double n) {
    if (n < 2) {
      return Double.NaN;
    }
    double squared = 0;
    for (double v : unitSum) {
      squared += v * v;
    }
    return (squared - n) / (n * (n - 1));
  }
}
