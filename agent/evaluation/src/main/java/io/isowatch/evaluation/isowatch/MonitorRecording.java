package io.isowatch.evaluation.isowatch;

import io.isowatch.core.monitor.MonitorSignal;
import java.util.Arrays;

/**
 * What the monitor said about one series, kept so that every trace of isowatch and its signals can
 * be rebuilt without embedding again: one row per evaluation, plus the agent's forecasts. This is
 * the expensive half of {@link IsowatchDetector}; {@link SignalTraces} is the cheap half.
 *
 * @param firstIndex position of each evaluated window's first value
 * @param lastIndex position of each evaluated window's last value, ascending
 * @param signals each evaluation's signal values, indexed by {@link MonitorSignal#ordinal()} (NaN
 *     where a signal had no value)
 * @param alarm whether the monitor's own alert policy fired a new alert at that evaluation
 * @param ready whether the trust score could breach at that evaluation (its history was full
 *     enough)
 * @param forecasts the agent's point forecast issued at each position of the series, for the value
 *     {@code horizon} steps later (NaN where none was issued)
 * @param horizon how far ahead the agent forecasts
 */
public record MonitorRecording(
    int[] firstIndex,
    int[] lastIndex,
    double[][] signals,
    boolean[] alarm,
    boolean[] ready,
    double[] forecasts,
    int horizon) {
  public MonitorRecording {
    int n = lastIndex.length;
    if (firstIndex.length != n || signals.length != n || alarm.length != n || ready.length != n) {
      throw new IllegalArgumentException("every per-evaluation array needs " + n + " rows");
    }
    for (double[] row : signals) {
      if (row.length != MonitorSignal.values().length) {
        throw new IllegalArgumentException(
            "a row of "
                + row.length
                + " signals, the monitor has "
                + MonitorSignal.values().length);
      }
    }
    for (int k = 1; k < n; k++) {
      if (lastIndex[k] < lastIndex[k - 1]) {
        throw new IllegalArgumentException("evaluations must come in window order");
      }
    }
  }

  /** Evaluations recorded. */
  public int evaluations() {
    return lastIndex.length;
  }

  /** The value of {@code signal} at evaluation {@code k}, NaN when it had none. */
  public double signal(int k, MonitorSignal signal) {
    return signals[k][signal.ordinal()];
  }

  /** An empty row of signals, to be filled. */
  static double[] blankSignals() {
    double[] row = new double[MonitorSignal.values().length];
    Arrays.fill(row, Double.NaN);
    return row;
  }
}
