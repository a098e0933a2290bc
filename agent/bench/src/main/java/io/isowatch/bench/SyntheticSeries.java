package io.isowatch.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded numeric feed shaped like a metered load: a level that wanders (random walk), a daily
 * cycle of 96 steps (15-minute readings), and AR(1) noise, around 230 with a few units of swing.
 * The same seed always draws the same series.
 */
final class SyntheticSeries {
  /** Fixed seed: every run of the suite embeds the same windows. */
  static final long SEED = 20_240_607L;

  private static final int PERIOD = 96;

  private SyntheticSeries() {}

  /** The first {@code length} values of the series fixed by {@code seed}. */
  static double[] values(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[length];
    double level = 230;
    double noise = 0;
    for (int t = 0; t < length; t++) {
      level += 0.05 * random.nextGaussian();
      noise = 0.7 * noise + 0.4 * random.nextGaussian();
      values[t] = level + 6 * Math.sin(2 * Math.PI * t / PERIOD) + noise;
    }
    return values;
  }

  /**
   * {@code count} windows of {@code length} values, each starting {@code stride} after the last.
   */
  static double[][] windows(int count, int length, int stride, long seed) {
    double[] series = values((count - 1) * stride + length, seed);
    double[][] windows = new double[count][];
    for (int i = 0; i < count; i++) {
      windows[i] = Arrays.copyOfRange(series, i * stride, i * stride + length);
    }
    return windows;
  }
}
