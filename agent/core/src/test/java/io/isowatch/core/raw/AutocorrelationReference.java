package io.isowatch.core.raw;

import java.util.Arrays;

/**
 * {@link RawValueChannel#newestAutocorrelationZ} recomputed the plain way, for tests: the held
 * values copied out in time order, each block's autocorrelation from its own slice, the history's
 * mean and deviation in two passes.
 */
public final class AutocorrelationReference {
  private AutocorrelationReference() {}

  /**
   * The z as of {@code values[newest]} for a channel of {@code longWindow} and {@code minHistory}
   * that took {@code values[0..newest]}.
   */
  public static double z(double[] values, int newest, int longWindow, int minHistory) {
    int held = Math.min(newest - 1, longWindow);
    if (held < minHistory) {
      return Double.NaN;
    }
    double[] x = Arrays.copyOfRange(values, newest - held, newest + 1);
    int block = RawValueChannel.AUTOCORRELATION_BLOCK;
    double newestR = autocorrelation(Arrays.copyOfRange(x, x.length - block, x.length));
    double[] history =
        java.util.stream.IntStream.iterate(
                block,
                skip -> skip + block <= x.length,
                skip -> skip + RawValueChannel.AUTOCORRELATION_STEP)
            .mapToDouble(
                skip ->
                    autocorrelation(
                        Arrays.copyOfRange(x, x.length - skip - block, x.length - skip)))
            .toArray();
    if (history.length < RawValueChannel.AUTOCORRELATION_MIN_BLOCKS) {
      return Double.NaN;
    }
    double mean = Arrays.stream(history).average().orElseThrow();
    double variance =
        Arrays.stream(history).map(r -> (r - mean) * (r - mean)).sum() / (history.length - 1);
    return RawValueChannel.AUTOCORRELATION_TAIL_SCALE
        * (newestR - mean)
        / Math.max(Math.sqrt(variance), RawValueChannel.AUTOCORRELATION_SPREAD_FLOOR);
  }

  /** The lag autocorrelation of a block about its own mean; 0 when the block is flat. */
  static double autocorrelation(double[] block) {
    int lag = RawValueChannel.AUTOCORRELATION_LAG;
    double mean = Arrays.stream(block).average().orElseThrow();
    double products = 0;
    for (int i = lag; i < block.length; i++) {
      products += (block[i] - mean) * (block[i - lag] - mean);
    }
    double squares = Arrays.stream(block).map(v -> (v - mean) * (v - mean)).sum();
    return squares > 0 ? products / squares : 0;
  }
}
