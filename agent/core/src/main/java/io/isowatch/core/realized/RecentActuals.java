package io.isowatch.core.realized;

import io.isowatch.core.feed.ReleasedValue;
import java.time.Instant;

/**
 * The feed's last released values, oldest first, each with what was known when it was released:
 * whether it came after a gap, and the naive scale (mean absolute step of up to {@link
 * #SCALE_VALUES} values since the last gap, ending with it). Keeping the scale with the value, not
 * computing it from whatever the ring holds later, is what makes a forecast reconciled late score
 * exactly as one reconciled on time.
 *
 * <p>Memory: 33 bytes per slot.
 */
final class RecentActuals {
  /** Values the naive scale of an error is computed over. */
  static final int SCALE_VALUES = 64;

  // package-private for RecentActualsCodec, the only other reader and writer of this state
  final long[] seconds;
  final int[] nanos;
  final double[] values;
  final double[] scales;
  final boolean[] afterGap;
  int count;
  int next;
  int sinceGap;

  RecentActuals(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
    }
    seconds = new long[capacity];
    nanos = new int[capacity];
    values = new double[capacity];
    scales = new double[capacity];
    afterGap = new boolean[capacity];
  }

  static long memoryBytes(int capacity) {
    return 33L * capacity + 64;
  }

  int capacity() {
    return values.length;
  }

  int size() {
    return count;
  }

  void add(ReleasedValue released) {
    sinceGap = released.afterGap() ? 1 : sinceGap + 1;
    seconds[next] = released.time().getEpochSecond();
    nanos[next] = released.time().getNano();
    values[next] = released.value();
    afterGap[next] = released.afterGap();
    next = (next + 1) % capacity();
    count = Math.min(count + 1, capacity());
    scales[slot(count - 1)] = naiveScale();
  }

  /** The {@code i}-th held value's event time, 0 the oldest. */
  Instant time(int i) {
    int slot = slot(i);
    return Instant.ofEpochSecond(seconds[slot], nanos[slot]);
  }

  double value(int i) {
    return values[slot(i)];
  }

  /** The naive scale when the {@code i}-th value was released. */
  double scale(int i) {
    return scales[slot(i)];
  }

  boolean afterGap(int i) {
    return afterGap[slot(i)];
  }

  /** Index of the newest value, -1 if none. */
  int newest() {
    return count - 1;
  }

  private int slot(int i) {
    return Math.floorMod(next - count + i, capacity());
  }

  /**
   * Mean absolute step over the newest values since the last gap, at most {@link #SCALE_VALUES}; a
   * flat feed gets a millionth of its level so that errors stay comparable.
   */
  private double naiveScale() {
    int n = Math.min(Math.min(count, sinceGap), SCALE_VALUES);
    double sum = 0;
    double level = 0;
    for (int i = count - n; i < count; i++) {
      level += Math.abs(value(i)) / n;
      if (i > count - n) {
        sum += Math.abs(value(i) - value(i - 1));
      }
    }
    double scale = n > 1 ? sum / (n - 1) : 0;
    return Math.max(scale, 1e-6 * Math.max(level, 1e-6));
  }
}
