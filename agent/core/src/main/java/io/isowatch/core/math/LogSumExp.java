package io.isowatch.core.math;

/** {@code log(sum_i exp(x_i))} without overflow: the log-partition of a softmax. */
public final class LogSumExp {
  private LogSumExp() {}

  public static double of(double[] values) {
    return of(values, 1.0);
  }

  /**
   * The same of floats, each widened to double (exactly): the value {@link #of(double[])} gives for
   * the widened array.
   */
  public static double of(float[] values) {
    if (values.length == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (float v : values) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /** {@code log(sum_i exp(sign * x_i))}; sign flips the direction without copying the values. */
  public static double of(double[] values, double sign) {
    if (values.length == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, sign * v);
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double v : values) {
      sum += Math.exp(sign * v - max);
    }
    return max + Math.log(sum);
  }
}
