package io.isowatch.cli.report;

import java.util.Arrays;

/**
 * One named time series of a report, kept to at most {@code capacity} points however long the run:
 * when full it drops every other point and from then on keeps one sample in twice as many as
 * before, so the points stay evenly spread over the whole run. Memory: two arrays of {@code
 * capacity} longs and doubles.
 */
public final class Series {
  private final String name;
  private final long[] times;
  private final double[] values;
  private int size;
  private long offered;
  private long keepEvery = 1;

  /**
   * @param name the series' name in the legend, e.g. {@code value} or {@code window_isoscore}
   * @param capacity the most points kept, an even number of at least 2
   */
  public Series(String name, int capacity) {
    if (capacity < 2 || capacity % 2 != 0) {
      throw new IllegalArgumentException("capacity must be even and at least 2, got " + capacity);
    }
    this.name = name;
    this.times = new long[capacity];
    this.values = new double[capacity];
  }

  /** Offers a point; it is kept if it falls on the current sampling step. */
  public void add(long epochMillis, double value) {
    long index = offered++;
    if (index % keepEvery != 0) {
      return;
    }
    if (size == times.length) {
      halve();
      if (index % keepEvery != 0) {
        return;
      }
    }
    times[size] = epochMillis;
    values[size] = value;
    size++;
  }

  private void halve() {
    int kept = 0;
    for (int i = 0; i < size; i += 2) {
      times[kept] = times[i];
      values[kept] = values[i];
      kept++;
    }
    size = kept;
    keepEvery *= 2;
  }

  public String name() {
    return name;
  }

  /** Points kept. */
  public int size() {
    return size;
  }

  /** Points offered since the start. */
  public long offered() {
    return offered;
  }

  /** Event times of the kept points, epoch milliseconds, in the order offered. */
  public long[] times() {
    return Arrays.copyOf(times, size);
  }

  public double[] values() {
    return Arrays.copyOf(values, size);
  }
}
