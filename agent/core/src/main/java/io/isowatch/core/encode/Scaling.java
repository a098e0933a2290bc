package io.isowatch.core.encode;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How {@link TextSerializationEncoder} maps a window's values to [0, 1] before writing them.
 *
 * <ul>
 *   <li>{@link #minMax()}: per window, the minimum becomes 0 and the maximum 1. The model sees the
 *       window's shape, never its level or amplitude. A constant window has no range; every value
 *       becomes the middle, 0.5.
 *   <li>{@link #fixed(double, double)}: one affine map for every window, {@code low} to 0 and
 *       {@code high} to 1, values outside clamped. Level and amplitude stay visible, so a feed that
 *       drifts upward produces different text; pick the bounds from the feed's known range.
 * </ul>
 *
 * <pre>{@code
 * Scaling.minMax().toUnit(new double[] {10, 20, 30}); // [0.0, 0.5, 1.0]
 * Scaling.fixed(0, 100).toUnit(new double[] {-5, 25}); // [0.0, 0.25]
 * }</pre>
 *
 * <p>Serializable: an engine that ships its settings to workers (Flink) ships the scaling too.
 */
public sealed interface Scaling extends Serializable permits Scaling.MinMax, Scaling.Fixed {

  /** Per-window min-max scaling (the default). */
  static Scaling minMax() {
    return MinMax.INSTANCE;
  }

  /** The same affine map for every window: {@code low -> 0}, {@code high -> 1}, clamped. */
  static Scaling fixed(double low, double high) {
    return new Fixed(low, high);
  }

  /** The values mapped to [0, 1]; the input must be finite (the encoder checks it). */
  double[] toUnit(double[] values);

  /** For logs, e.g. {@code "min-max"} or {@code "fixed[0.0, 100.0]"}. */
  String describe();

  /** Per-window min-max scaling. */
  record MinMax() implements Scaling {
    static final MinMax INSTANCE = new MinMax();

    /** Where every value of a constant window goes. */
    public static final double CONSTANT_WINDOW_UNIT = 0.5;

    @Override
    public double[] toUnit(double[] values) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double value : values) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      double[] unit = new double[values.length];
      if (max == min) {
        Arrays.fill(unit, CONSTANT_WINDOW_UNIT);
        return unit;
      }
      // halve first: max - min overflows to infinity for finite values of opposite sign near MAX
      double halfMin = min / 2;
      double halfRange = max / 2 - halfMin;
      for (int i = 0; i < values.length; i++) {
        unit[i] = Math.min(1, Math.max(0, (values[i] / 2 - halfMin) / halfRange));
      }
      return unit;
    }

    @Override
    public String describe() {
      return "min-max";
    }
  }

  /**
   * A fixed affine map.
   *
   * @param low the value written as the lowest level (0)
   * @param high the value written as the highest level (999)
   */
  record Fixed(double low, double high) implements Scaling {
    public Fixed {
      if (!Double.isFinite(low)) {
        throw new IllegalArgumentException("low must be finite, got " + low);
      }
      if (!Double.isFinite(high)) {
        throw new IllegalArgumentException("high must be finite, got " + high);
      }
      if (!(high > low) || !Double.isFinite(high - low)) {
        throw new IllegalArgumentException(
            "high must be greater than low (with a finite difference), got low "
                + low
                + ", high "
                + high);
      }
    }

    @Override
    public double[] toUnit(double[] values) {
      double range = high - low;
      double[] unit = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        unit[i] = Math.min(1, Math.max(0, (values[i] - low) / range));
      }
      return unit;
    }

    @Override
    public String describe() {
      return "fixed[" + low + ", " + high + "]";
    }
  }
}
