package io.isowatch.core.predict;

import java.io.Serializable;

/**
 * How the {@link OnlineLogLinearHead} bins values and learns. Serializable, so that an engine that
 * ships settings to its workers (Flink) can hold it as it is.
 *
 * @param bins number of value classes K
 * @param binning uniform bins over [low, high], or quantile bins from the first {@code warmup}
 *     targets
 * @param low lower end of the uniform range, in scaled units
 * @param high upper end of the uniform range, in scaled units
 * @param warmup targets seen before the head predicts (and, for quantile bins, what they are built
 *     from)
 * @param learningRate Adagrad's step size
 * @param l2 L2 penalty on the weights (not on the biases)
 */
public record HeadSettings(
    int bins, Binning binning, double low, double high, int warmup, double learningRate, double l2)
    implements Serializable {
  /** How the value axis is cut into classes. */
  public enum Binning {
    /** Equal-width bins over a fixed range (Chronos' choice). */
    UNIFORM,
    /** Bins holding equal shares of the warm-up targets. */
    QUANTILE
  }

  public static final int DEFAULT_BINS = 32;

  /**
   * The text encoder scales each window to [0, 1] (min-max), so the next value usually lands a
   * little outside it: half a range either side covers level steps without wasting bins.
   */
  public static final double DEFAULT_LOW = -0.5;

  public static final double DEFAULT_HIGH = 1.5;
  public static final int DEFAULT_WARMUP = 64;
  public static final double DEFAULT_LEARNING_RATE = 0.3;
  public static final double DEFAULT_L2 = 1e-4;

  public HeadSettings {
    if (bins < 2) {
      throw new IllegalArgumentException("head bins must be at least 2, got " + bins);
    }
    if (binning == null) {
      throw new IllegalArgumentException("head binning must be set");
    }
    // Cross-field rules, checked here only: readers name the keys (field first in the message).
    if (!Double.isFinite(low)) {
      throw new IllegalArgumentException("head low must be finite, got " + low);
    }
    if (!(Double.isFinite(high) && high > low)) {
      throw new IllegalArgumentException(
          "head high must be finite and greater than low (" + low + "), got " + high);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("head warmup must be at least 0, got " + warmup);
    }
    if (binning == Binning.QUANTILE && warmup < 2 * bins) {
      throw new IllegalArgumentException(
          "head warmup must be at least 2 x bins ("
              + 2 * bins
              + ") for quantile binning, got "
              + warmup);
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("head learningRate must be positive, got " + learningRate);
    }
    if (!(l2 >= 0 && Double.isFinite(l2))) {
      throw new IllegalArgumentException("head l2 must be at least 0, got " + l2);
    }
  }

  public static HeadSettings defaults() {
    return new HeadSettings(
        DEFAULT_BINS,
        Binning.QUANTILE,
        DEFAULT_LOW,
        DEFAULT_HIGH,
        DEFAULT_WARMUP,
        DEFAULT_LEARNING_RATE,
        DEFAULT_L2);
  }

  public HeadSettings withBinning(Binning binning) {
    return new HeadSettings(bins, binning, low, high, warmup, learningRate, l2);
  }

  public HeadSettings withBins(int bins) {
    return new HeadSettings(bins, binning, low, high, warmup, learningRate, l2);
  }

  public HeadSettings withWarmup(int warmup) {
    return new HeadSettings(bins, binning, low, high, warmup, learningRate, l2);
  }

  public HeadSettings withLearningRate(double learningRate) {
    return new HeadSettings(bins, binning, low, high, warmup, learningRate, l2);
  }
}
