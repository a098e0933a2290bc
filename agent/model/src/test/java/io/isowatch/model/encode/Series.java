package io.isowatch.model.encode;

import java.util.SplittableRandom;

/** Seeded test series. */
public final class Series {
  private Series() {}

  /** A sine wave with a slow trend and Gaussian noise, the same for the same seed. */
  public static double[] wave(int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double phase = random.nextDouble() * 2 * Math.PI;
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = 10 * Math.sin(phase + i * 2 * Math.PI / 24) + 0.05 * i + random.nextGaussian();
    }
    return values;
  }
}
