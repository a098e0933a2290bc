package io.isowatch.core.trust;

import java.util.Arrays;

/**
 * The recent values of one signal, reduced to a robust centre and spread (median and MAD x 1.4826),
 * so that a value can be scored as a robust z against the feed's own recent past. A ring of {@code
 * capacity} doubles.
 */
final class RollingBaseline {
  static final double MAD_TO_SIGMA = 1.4826;

  /** Floors on the spread, so that a signal that was constant scores a finite z. */
  static final double RELATIVE_SPREAD_FLOOR = 1e-3;

  static final double ABSOLUTE_SPREAD_FLOOR = 1e-9;

  private final double[] values;
  private int count;
  private int next;

  RollingBaseline(int capacity) {
    values = new double[capacity];
  }

  void add(double value) {
    values[next] = value;
    next = (next + 1) % values.length;
    count = Math.min(count + 1, values.length);
  }

  int count() {
    return count;
  }

  double median() {
    return median(Arrays.copyOf(values, count));
  }

  double spread(double median) {
    double[] deviations = new double[count];
    for (int i = 0; i < count; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    double mad = MAD_TO_SIGMA * median(deviations);
    return Math.max(mad, Math.max(RELATIVE_SPREAD_FLOOR * Math.abs(median), ABSOLUTE_SPREAD_FLOOR));
  }

  private static double median(double[] sample) {
    Arrays.sort(sample);
    int n = sample.length;
    return n % 2 == 1 ? sample[n / 2] : 0.5 * (sample[n / 2 - 1] + sample[n / 2]);
  }

  double[] state() {
    return values.clone();
  }

  int next() {
    return next;
  }

  void restore(double[] state, int count, int next) {
    System.arraycopy(state, 0, values, 0, values.length);
    this.count = count;
    this.next = next;
  }
}
