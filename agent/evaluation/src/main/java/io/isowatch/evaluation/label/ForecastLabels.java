package io.isowatch.evaluation.label;

import java.util.Arrays;

/**
 * One label set of a series: for each position, whether the forecast made there is an error event
 * under a {@link LabelRule}, and whether it has a verdict at all (a forecast was made, its horizon
 * ends inside the series, the scale window and the threshold's history are full).
 *
 * @param forecaster the forecaster whose errors these are (the label set's name)
 * @param horizon the forecaster's horizon
 * @param lookahead how far ahead a score is asked to warn ({@link Forecasts#lookahead})
 * @param error the scaled error of the forecast made at each position (NaN where none)
 * @param event whether the forecast made at each position is an error event
 * @param judged whether the forecast made at each position has a verdict
 */
public record ForecastLabels(
    String forecaster,
    int horizon,
    int lookahead,
    double[] error,
    boolean[] event,
    boolean[] judged) {

  /** Labels {@code forecasts} of {@code values} by {@code rule}. */
  public static ForecastLabels of(double[] values, Forecasts forecasts, LabelRule rule) {
    if (forecasts.length() != values.length) {
      throw new IllegalArgumentException(
          forecasts.name() + ": forecasts for " + forecasts.length() + " of " + values.length);
    }
    int n = values.length;
    int h = forecasts.horizon();
    double[] error = scaledErrors(values, forecasts, rule.scaleWindow());
    boolean[] event = new boolean[n];
    boolean[] judged = new boolean[n];
    double[] history = new double[rule.history()];
    double[] sorted = new double[rule.history()];
    int held = 0;
    int next = 0;
    for (int t = 0; t < n; t++) {
      int realized = t - h; // the forecast made here has all its values known at t
      if (realized >= 0 && Double.isFinite(error[realized])) {
        history[next] = error[realized];
        next = (next + 1) % history.length;
        held = Math.min(held + 1, history.length);
      }
      if (held < history.length || !Double.isFinite(error[t])) {
        continue;
      }
      System.arraycopy(history, 0, sorted, 0, history.length);
      Arrays.sort(sorted);
      judged[t] = true;
      event[t] = error[t] > sorted[rule.thresholdRank()];
    }
    return new ForecastLabels(forecasts.name(), h, forecasts.lookahead(), error, event, judged);
  }

  /** Scaled absolute error of each forecast; NaN where none, or its scale or truth is missing. */
  static double[] scaledErrors(double[] values, Forecasts forecasts, int scaleWindow) {
    int n = values.length;
    int h = forecasts.horizon();
    double[] error = new double[n];
    Arrays.fill(error, Double.NaN);
    double changes = 0;
    double level = 0;
    for (int t = 1; t < n; t++) {
      changes += Math.abs(values[t] - values[t - 1]);
      level += Math.abs(values[t]);
      if (t > scaleWindow) {
        changes -= Math.abs(values[t - scaleWindow] - values[t - scaleWindow - 1]);
        level -= Math.abs(values[t - scaleWindow]);
      }
      double[] path = forecasts.paths()[t];
      if (t < scaleWindow || path == null || t + h >= n) {
        continue;
      }
      double scale =
          Math.max(changes / scaleWindow, LabelRule.FLAT_SCALE * Math.max(1, level / scaleWindow));
      double sum = 0;
      int steps = 0;
      for (int j = 1; j <= h; j++) {
        if (Double.isFinite(path[j - 1])) {
          sum += Math.abs(path[j - 1] - values[t + j]);
          steps++;
        }
      }
      if (steps > 0) {
        error[t] = sum / steps / scale;
      }
    }
    return error;
  }

  public int length() {
    return event.length;
  }

  /** Positions with a verdict. */
  public int judgedCount() {
    int count = 0;
    for (boolean j : judged) {
      count += j ? 1 : 0;
    }
    return count;
  }

  /** Positions with a verdict that is an event. */
  public int eventCount() {
    int count = 0;
    for (int t = 0; t < event.length; t++) {
      count += judged[t] && event[t] ? 1 : 0;
    }
    return count;
  }
}
