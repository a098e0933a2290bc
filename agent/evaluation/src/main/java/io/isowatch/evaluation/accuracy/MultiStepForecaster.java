package io.isowatch.evaluation.accuracy;

import java.util.List;

/** Point forecasts of the values after each history, as {@link ForecastAccuracy} scores them. */
public interface MultiStepForecaster {
  /**
   * @return per history, the point forecasts of its next {@code horizon} values
   */
  double[][] forecast(List<double[]> histories, int horizon);
}
