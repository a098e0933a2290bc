package io.isowatch.evaluation.accuracy;

import java.util.Arrays;
import java.util.List;

/** Point forecasts of the values after each history, as {@link ForecastAccuracy} scores them. */
public interface MultiStepForecaster {
  /**
   * @return per history, the point forecasts of its next {@code horizon} values
   */
  double[][] forecast(List<double[]> histories, int horizon);

  /**
   * The newest {@code context} values of a history (all of it when shorter): what a model reads.
   */
  static double[] newest(double[] history, int context) {
    return Arrays.copyOfRange(history, Math.max(0, history.length - context), history.length);
  }
}
