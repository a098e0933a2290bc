package io.isowatch.core.risk;

import java.util.Arrays;

/**
 * The recent values of one signal reduced to a robust centre and spread (median and MAD x 1.4826),
 * to score a new value as a robust z against the feed's own recent past. A ring of {@code capacity}
 * doubles.
 */
public final class RecentMedian {
  static final double MAD_TO_SIGMA = 1.4826;
  static final double RELATIVE_FLOOR = 1e-3;
  static final double ABSOLUTE_FLOOR = 1e-9;

  // package-private for RecentMedianCodec, the only other reader and writer of this state
  final double[] values;
  int count;
  int next;

  public RecentMedian(int capacity) {
    values = new double[capacity];
  }

  public void add(double value) {
    values[next] = value;
    next = (next + 1) % values.length;
    count = Math.min(count + 1, values.length);
  }

  public int count() {
    return count;
  }

  public double median() {
    return median(Arrays.copyOf(values, count));
  }

  /** (value - median) / spread, the spread floored so that a constant signal gives a finite z. */
  double z(double value) {
    double median = median();
    double[] deviations = new double[count];
    for (int i = 0; i < count; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    double spread =
        Math.max(
            MAD_TO_SIGMA * median(deviations),
            Math.max(RELATIVE_FLOOR * Math.abs(median), ABSOLUTE_FLOOR));
    return (value - median) / spread;
  }

  private static double median(double[] sample) {
    Arrays.sort(sample);
    int n = sample.length;
    return n % 2 == 1 ? sample[n / 2] : 0.5 * (sample[n / 2 - 1] + sample[n / 2]);
  }
}
