package io.isowatch.core.math;

/** Conversions between double and float arrays, where state is kept at a model's own precision. */
public final class FloatArrays {
  private FloatArrays() {}

  /** Each value rounded to the nearest float. */
  public static float[] rounded(double[] values) {
    float[] rounded = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      rounded[i] = (float) values[i];
    }
    return rounded;
  }

  /** Each value widened to double, exactly. */
  public static double[] widened(float[] values) {
    double[] widened = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      widened[i] = values[i];
    }
    return widened;
  }
}
