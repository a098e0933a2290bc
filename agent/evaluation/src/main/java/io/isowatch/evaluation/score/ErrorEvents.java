package io.isowatch.evaluation.score;

import java.util.Arrays;

/**
 * The truth of an unlabelled series: error events of a forecaster. At each position t a forecast of
 * the next {@code horizon} values is made; once they are known its NMSE is mean((ŷ - y)²) /
 * mean(y²) (the paper's measure). The forecast made at t is an <em>event</em> (a blow-up) when its
 * NMSE exceeds the {@link #QUANTILE} quantile of the NMSEs already realized at time t (those of
 * forecasts made up to t - horizon, the last {@link #HISTORY} of them, at least {@link
 * #MIN_HISTORY}); before that, t has no verdict. The threshold is recomputed every horizon steps.
 *
 * @param nmse the NMSE of the forecast made at each position (NaN where its horizon runs past the
 *     end)
 * @param event whether the forecast made at each position is an error event
 * @param judged whether the position has a verdict (enough realized history, a full horizon)
 * @param horizon the forecast horizon
 */
public record ErrorEvents(double[] nmse, boolean[] event, boolean[] judged, int horizon) {
  public static final int DEFAULT_HORIZON = 16;
  public static final double QUANTILE = 0.99;
  public static final int HISTORY = 2000;
  public static final int MIN_HISTORY = 100;

  /** Builds the error events of {@code forecaster} on {@code values}. */
  public static ErrorEvents of(double[] values, Forecaster forecaster, int horizon) {
    int n = values.length;
    double[] nmse = new double[n];
    Arrays.fill(nmse, Double.NaN);
    for (int t = 0; t + horizon < n; t++) {
      double[] forecast = forecaster.forecast(values, t, horizon);
      double squaredError = 0;
      double squaredTruth = 0;
      for (int j = 0; j < horizon; j++) {
        double y = values[t + 1 + j];
        squaredError += (forecast[j] - y) * (forecast[j] - y);
        squaredTruth += y * y;
      }
      nmse[t] =
          squaredTruth == 0
              ? (squaredError == 0 ? 0 : Double.MAX_VALUE)
              : squaredError / squaredTruth;
    }
    boolean[] event = new boolean[n];
    boolean[] judged = new boolean[n];
    double threshold = Double.NaN;
    for (int t = 0; t + horizon < n; t++) {
      int realizedEnd = t - horizon; // forecasts made up to here are realized at time t
      int realized = realizedEnd + 1;
      if (realized < MIN_HISTORY) {
        continue;
      }
      if (Double.isNaN(threshold) || t % horizon == 0) {
        int from = Math.max(0, realized - HISTORY);
        double[] history = Arrays.copyOfRange(nmse, from, realized);
        Arrays.sort(history);
        threshold = history[(int) Math.floor(QUANTILE * (history.length - 1))];
      }
      judged[t] = true;
      event[t] = nmse[t] > threshold;
    }
    return new ErrorEvents(nmse, event, judged, horizon);
  }
}
