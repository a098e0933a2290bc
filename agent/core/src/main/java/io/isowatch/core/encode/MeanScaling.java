package io.isowatch.core.encode;

/**
 * Chronos's mean scaling: a window's scale is the mean absolute value of its newest {@code
 * contextLength} values (the context a model sees), or 1 when that mean is 0, so an all-zero window
 * stays all zeros. Dividing by it makes windows of any level comparable; multiplying a prediction
 * in scaled units by it gives the feed's units back. One class serves the encoder that quantizes
 * the context and the softmax source that reads the model's answer, so both use the same scale for
 * the same window.
 *
 * <pre>{@code
 * new MeanScaling(3).scale(new double[] {100, 2, -4, 0}); // (2 + 4 + 0) / 3 = 2.0
 * }</pre>
 *
 * @param contextLength the most values, newest first, that the mean looks at (at least 1)
 */
public record MeanScaling(int contextLength) {
  /** The scale of a window whose context is all zeros. */
  public static final double ZERO_WINDOW_SCALE = 1;

  public MeanScaling {
    if (contextLength < 1) {
      throw new IllegalArgumentException("contextLength must be at least 1, got " + contextLength);
    }
  }

  /** Index of the oldest value of {@code values} inside the context. */
  public int contextStart(int length) {
    return Math.max(0, length - contextLength);
  }

  /**
   * The scale of a window: mean |x| over its context, or {@link #ZERO_WINDOW_SCALE} when that is 0.
   *
   * @throws IllegalArgumentException if {@code values} is empty or its context holds a value that
   *     is not finite
   */
  public double scale(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    int start = contextStart(values.length);
    double sum = 0;
    for (int i = start; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "values["
                + i
                + "] is "
                + values[i]
                + "; mean scaling needs finite values (drop or fill missing values first)");
      }
      // halve first: the sum of values near Double.MAX_VALUE would overflow
      sum += Math.abs(values[i]) / 2;
    }
    double scale = 2 * (sum / (values.length - start));
    return scale > 0 && Double.isFinite(scale) ? scale : ZERO_WINDOW_SCALE;
  }

  /** For logs, e.g. {@code "mean |x| of the newest 512 values"}. */
  public String describe() {
    return "mean |x| of the newest " + contextLength + " values";
  }
}
