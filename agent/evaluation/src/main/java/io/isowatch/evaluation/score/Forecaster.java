package io.isowatch.evaluation.score;

/**
 * Forecasts the next values of a series from its past; swappable so that the agent's own head
 * forecasts can replace the stand-in once they exist.
 */
@FunctionalInterface
public interface Forecaster {
  /** The forecast of {@code values[t + 1 .. t + horizon]} made with {@code values[0..t]} known. */
  double[] forecast(double[] values, int t, int horizon);

  /**
   * The naive forecast: the last known value, held. It is the stand-in until the agent's head
   * forecasts land; its errors blow up exactly when the series moves in a way its recent past did
   * not announce, which is what the trust score should anticipate.
   */
  static Forecaster lastValue() {
    return (values, t, horizon) -> {
      double[] forecast = new double[horizon];
      java.util.Arrays.fill(forecast, values[t]);
      return forecast;
    };
  }
}
