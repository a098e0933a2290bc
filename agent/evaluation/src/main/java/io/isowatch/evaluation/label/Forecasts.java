package io.isowatch.evaluation.label;

import java.util.Arrays;

/**
 * The forecasts of one named forecaster over one series: at each position t, either none or a
 * forecast of the values {@code t + 1 .. t + horizon}, with NaN at the steps it does not forecast
 * (the agent forecasts only the value {@code horizon} steps ahead).
 *
 * @param name the forecaster, e.g. {@code last_value}; the label set's name
 * @param horizon how many steps ahead the forecasts reach
 * @param lookahead how far ahead a score at t is asked to warn: the forecasts made in [t, t +
 *     lookahead) are the ones it should anticipate (at least the horizon; at least the spacing of
 *     forecasts that are not made at every step)
 * @param paths the forecast made at each position, or null where none was made
 */
public record Forecasts(String name, int horizon, int lookahead, double[][] paths) {
  public Forecasts {
    if (horizon < 1 || lookahead < horizon) {
      throw new IllegalArgumentException(
          name + ": need 1 <= horizon <= lookahead, got " + horizon + " and " + lookahead);
    }
    for (double[] path : paths) {
      if (path != null && path.length != horizon) {
        throw new IllegalArgumentException(
            name + ": a forecast of " + path.length + " steps for horizon " + horizon);
      }
    }
  }

  /** The last-value forecaster: holds the value at t for the next {@code horizon} steps. */
  public static Forecasts lastValue(double[] values, int horizon) {
    double[][] paths = new double[values.length][];
    for (int t = 0; t < values.length; t++) {
      paths[t] = new double[horizon];
      Arrays.fill(paths[t], values[t]);
    }
    return new Forecasts("last_value", horizon, horizon, paths);
  }

  /**
   * The seasonal-naive forecaster: the value one period before each forecast step ({@code y(t + j -
   * period * ceil(j / period))}); none before a full period is known.
   */
  public static Forecasts seasonalNaive(double[] values, int period, int horizon) {
    if (period < 2) {
      throw new IllegalArgumentException("period must be at least 2, got " + period);
    }
    double[][] paths = new double[values.length][];
    for (int t = period - 1; t < values.length; t++) {
      double[] path = new double[horizon];
      for (int j = 1; j <= horizon; j++) {
        int cycles = (j + period - 1) / period;
        path[j - 1] = values[t + j - period * cycles];
      }
      paths[t] = path;
    }
    return new Forecasts("seasonal_naive", horizon, horizon, paths);
  }

  /**
   * Point forecasts of the value {@code horizon} steps after each position where one was made (NaN
   * elsewhere): the agent's own forecasts, or a production model's.
   *
   * @param spacing the largest gap between forecast positions (the window stride for the agent)
   */
  public static Forecasts pointsAhead(String name, double[] points, int horizon, int spacing) {
    double[][] paths = new double[points.length][];
    for (int t = 0; t < points.length; t++) {
      if (Double.isFinite(points[t])) {
        paths[t] = new double[horizon];
        Arrays.fill(paths[t], Double.NaN);
        paths[t][horizon - 1] = points[t];
      }
    }
    return new Forecasts(name, horizon, Math.max(horizon, spacing), paths);
  }

  public int length() {
    return paths.length;
  }
}
