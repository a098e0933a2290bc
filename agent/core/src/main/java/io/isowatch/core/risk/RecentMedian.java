package io.isowatch.core.risk;

import java.util.Arrays;

/**
 * The recent values of one signal reduced to a robust centre and spread (median and MAD x 1.4826),
 * to score a new value as a robust z against the feed's own recent past. A ring of {@code capacity}
 * doubles and the same values kept in ascending order, so that a score needs no sort: the median is
 * read off the sorted values, and the deviations from it are two runs already in order (left of the
 * median and right of it), merged only as far as their own median. The numbers are those of sorting
 * both arrays, to the last bit: the same order statistics of the same differences.
 *
 * <p>Memory: two arrays of {@code capacity} doubles. O(capacity) per {@link #add} (a shift in the
 * sorted copy) and per {@link #z}.
 */
public final class RecentMedian {
  static final double MAD_TO_SIGMA = 1.4826;
  static final double RELATIVE_FLOOR = 1e-3;
  static final double ABSOLUTE_FLOOR = 1e-9;

  // package-private for RecentMedianCodec, the only other reader and writer of this state
  final double[] values;
  int count;
  int next;

  /** The first {@code count} entries: the ring's values in ascending order (Arrays.sort's). */
  private final double[] sorted;

  public RecentMedian(int capacity) {
    values = new double[capacity];
    sorted = new double[capacity];
  }

  /** Takes a value (finite: the callers score only finite ones); the oldest leaves when full. */
  public void add(double value) {
    if (count == values.length) {
      remove(values[next]);
    }
    insert(value);
    values[next] = value;
    next = (next + 1) % values.length;
    count = Math.min(count + 1, values.length);
  }

  public int count() {
    return count;
  }

  public double median() {
    int n = count;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  /** (value - median) / spread, the spread floored so that a constant signal gives a finite z. */
  double z(double value) {
    double median = median();
    double spread =
        Math.max(
            MAD_TO_SIGMA * medianDeviation(median),
            Math.max(RELATIVE_FLOOR * Math.abs(median), ABSOLUTE_FLOOR));
    return (value - median) / spread;
  }

  /**
   * The median of |x - median| over the values. Left of the split the deviations grow leftwards,
   * right of it rightwards, so merging the two runs from the split yields them in ascending order;
   * only the middle one or two are needed.
   */
  private double medianDeviation(double median) {
    int n = count;
    int split = 0;
    while (split < n && sorted[split] < median) {
      split++;
    }
    int left = split - 1;
    int right = split;
    int upper = n / 2;
    double previous = 0;
    double current = 0;
    for (int k = 0; k <= upper; k++) {
      previous = current;
      double fromLeft = left >= 0 ? Math.abs(sorted[left] - median) : Double.POSITIVE_INFINITY;
      double fromRight = right < n ? Math.abs(sorted[right] - median) : Double.POSITIVE_INFINITY;
      if (fromLeft <= fromRight) {
        current = fromLeft;
        left--;
      } else {
        current = fromRight;
        right++;
      }
    }
    return n % 2 == 1 ? current : 0.5 * (previous + current);
  }

  private void insert(double value) {
    int at = Arrays.binarySearch(sorted, 0, count == values.length ? count - 1 : count, value);
    int position = at >= 0 ? at : -at - 1;
    int filled = count == values.length ? count - 1 : count;
    System.arraycopy(sorted, position, sorted, position + 1, filled - position);
    sorted[position] = value;
  }

  /** Removes one entry equal to {@code value} (it is there: it is the ring's oldest). */
  private void remove(double value) {
    int at = Arrays.binarySearch(sorted, 0, count, value);
    if (at < 0) {
      throw new IllegalStateException("the sorted values lost " + value);
    }
    System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
  }

  /** Rebuilds the sorted copy from the ring, after a codec filled it. */
  void sortRing() {
    System.arraycopy(values, 0, sorted, 0, count);
    Arrays.sort(sorted, 0, count);
  }
}
