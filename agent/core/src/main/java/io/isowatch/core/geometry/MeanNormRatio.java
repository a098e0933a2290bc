package io.isowatch.core.geometry;

/**
 * {@code |mu| / mean_i |x_i|}: how much of a typical vector is the offset every vector shares. It
 * grows toward 1 when a common direction dominates: the direction softmax cannot see when every
 * output vector projects equally on it. NaN when every vector is zero.
 */
public final class MeanNormRatio {
  private MeanNormRatio() {}

  public static double of(Cloud cloud) {
    double meanNorm = 0;
    for (int i = 0; i < cloud.size(); i++) {
      meanNorm += Math.sqrt(cloud.squaredNorm(i));
    }
    meanNorm /= cloud.size();
    return meanNorm == 0 ? Double.NaN : norm(cloud.mean()) / meanNorm;
  }

  static double norm(double[] vector) {
    double sum = 0;
    for (double v : vector) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}
