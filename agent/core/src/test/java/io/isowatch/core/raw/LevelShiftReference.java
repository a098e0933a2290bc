package io.isowatch.core.raw;

import java.util.Arrays;

/**
 * {@link RawValueChannel#newestLevelShiftZ} recomputed the plain way, for tests: the held values
 * copied out in time order, each median from a sorted copy of its slice.
 */
public final class LevelShiftReference {
  private LevelShiftReference() {}

  /**
   * The z as of {@code values[newest]} for a channel of {@code longWindow} and {@code minHistory}
   * that took {@code values[0..newest]}.
   */
  public static double z(double[] values, int newest, int longWindow, int minHistory) {
    int held = Math.min(newest - 1, longWindow);
    int block = RawValueChannel.LEVEL_SHIFT_BLOCK;
    if (held < minHistory || held + 1 - block < block) {
      return Double.NaN;
    }
    double[] recent = Arrays.copyOfRange(values, newest + 1 - block, newest + 1);
    double[] older = Arrays.copyOfRange(values, newest - held, newest + 1 - block);
    double center = median(older);
    double mad = median(Arrays.stream(older).map(v -> Math.abs(v - center)).toArray());
    double deviation =
        Math.max(
            1.4826 * mad,
            Math.max(
                RawValueChannel.RELATIVE_FLOOR * Math.abs(center), RawValueChannel.ABSOLUTE_FLOOR));
    double standardError = deviation * Math.sqrt(Math.PI / 2) / Math.sqrt(block);
    return RawValueChannel.LEVEL_SHIFT_TAIL_SCALE * (median(recent) - center) / standardError;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
