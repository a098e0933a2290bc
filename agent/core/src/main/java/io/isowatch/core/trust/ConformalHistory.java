package io.isowatch.core.trust;

import java.util.Arrays;

/**
 * The recent values of a score, to judge a new value against them: its conformal p-value (1 + #
 * past values at least as large) / (n + 1). For exchangeable scores (a feed that has not changed)
 * P(p <= alpha) <= alpha, which is what makes the alert threshold a false-alarm rate.
 *
 * <p>A value joins the history only {@code delay} additions later. Without the delay the first high
 * scores of a regime change would enter the history at once and mask the next ones (with alpha =
 * 0.01 and 256 values, two are enough), so an alert could never be confirmed. Delayed, the history
 * is still a sample of the same stationary scores, so the rate is unchanged. Rings of {@code
 * capacity} and {@code delay} doubles.
 */
public final class ConformalHistory {
  // package-private for ConformalHistoryCodec, the only other reader and writer of this state
  final double[] values;
  int count;
  int next;
  final double[] delayed;
  int delayedCount;
  int delayedNext;

  public ConformalHistory(int capacity, int delay) {
    values = new double[capacity];
    delayed = new double[delay];
  }

  /** The p-value of {@code score} against the values held (1 when none are). */
  double pValue(double score) {
    int atLeast = 0;
    for (int i = 0; i < count; i++) {
      if (values[i] >= score) {
        atLeast++;
      }
    }
    return (1.0 + atLeast) / (count + 1.0);
  }

  /**
   * The p-value with ties broken at random: (# past values above + u (# equal + 1)) / (n + 1), for
   * u uniform on (0, 1]; uniform on (0, 1] for exchangeable scores, at every n.
   */
  public double randomizedPValue(double score, double u) {
    int above = 0;
    int equal = 0;
    for (int i = 0; i < count; i++) {
      if (values[i] > score) {
        above++;
      } else if (values[i] == score) {
        equal++;
      }
    }
    return (above + u * (equal + 1.0)) / (count + 1.0);
  }

  /** The lower-tail p-value: (1 + # past values at most as large) / (n + 1). */
  double pValueAtMost(double score) {
    int atMost = 0;
    for (int i = 0; i < count; i++) {
      if (values[i] <= score) {
        atMost++;
      }
    }
    return (1.0 + atMost) / (count + 1.0);
  }

  public void add(double score) {
    if (delayed.length == 0) {
      admit(score);
      return;
    }
    if (delayedCount == delayed.length) {
      admit(delayed[delayedNext]);
    } else {
      delayedCount++;
    }
    delayed[delayedNext] = score;
    delayedNext = (delayedNext + 1) % delayed.length;
  }

  private void admit(double score) {
    values[next] = score;
    next = (next + 1) % values.length;
    count = Math.min(count + 1, values.length);
  }

  public int count() {
    return count;
  }

  /** Values added so far, up to capacity + delay: those held and those still delayed. */
  int added() {
    return count + delayedCount;
  }

  /** The median of the values held; NaN when empty. */
  double median() {
    if (count == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);
  }
}
