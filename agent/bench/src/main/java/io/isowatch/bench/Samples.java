package io.isowatch.bench;

import java.util.Arrays;
import java.util.Locale;

/** One value per round of a measure, reported as the median with the range over rounds. */
final class Samples {
  private double[] values = new double[8];
  private int count;

  void add(double value) {
    if (count == values.length) {
      values = Arrays.copyOf(values, 2 * count);
    }
    values[count++] = value;
  }

  int count() {
    return count;
  }

  /** The value added last. */
  double lastValue() {
    return count == 0 ? Double.NaN : values[count - 1];
  }

  double median() {
    double[] sorted = sorted();
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  double min() {
    return count == 0 ? Double.NaN : sorted()[0];
  }

  double max() {
    return count == 0 ? Double.NaN : sorted()[count - 1];
  }

  /** The range as {@code "min - max"}, each value written with {@code format}. */
  String range(String format) {
    return String.format(Locale.ROOT, format + " - " + format, min(), max());
  }

  private double[] sorted() {
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return sorted;
  }
}
