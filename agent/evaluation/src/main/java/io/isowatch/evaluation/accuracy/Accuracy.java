package io.isowatch.evaluation.accuracy;

import java.util.List;

/**
 * Point-forecast accuracy relative to seasonal naive, the way zero-shot forecasting benchmarks
 * aggregate it: per series, a forecaster's mean absolute error over the forecast steps divided by
 * seasonal naive's on the same steps (equal to the ratio of their MASEs, whose scale cancels); over
 * series, the geometric mean of those ratios. Below 1 beats seasonal naive.
 */
public final class Accuracy {
  private Accuracy() {}

  /** Mean |forecast - truth| over the first {@code steps} steps of every path. */
  public static double meanAbsoluteError(double[][] forecasts, double[][] truths, int steps) {
    double sum = 0;
    int count = 0;
    for (int i = 0; i < forecasts.length; i++) {
      for (int j = 0; j < steps; j++) {
        sum += Math.abs(forecasts[i][j] - truths[i][j]);
        count++;
      }
    }
    return sum / count;
  }

  /**
   * The geometric mean of the ratios; series whose baseline error is 0 are left out (a ratio
   * against a perfect forecast is undefined), NaN when none remains.
   */
  public static double geometricMean(List<Double> ratios) {
    double logs = 0;
    int count = 0;
    for (double ratio : ratios) {
      if (Double.isFinite(ratio) && ratio > 0) {
        logs += Math.log(ratio);
        count++;
      }
    }
    return count == 0 ? Double.NaN : Math.exp(logs / count);
  }

  /**
   * MASE: mean |forecast - truth| over the steps, divided by the in-sample mean absolute error of
   * the seasonal-naive forecast (lag {@code period}) on {@code train}.
   */
  public static double mase(double[] forecast, double[] truth, double[] train, int period) {
    double scale = 0;
    for (int t = period; t < train.length; t++) {
      scale += Math.abs(train[t] - train[t - period]);
    }
    scale /= train.length - period;
    double error = 0;
    for (int j = 0; j < truth.length; j++) {
      error += Math.abs(forecast[j] - truth[j]);
    }
    return error / truth.length / scale;
  }
}
