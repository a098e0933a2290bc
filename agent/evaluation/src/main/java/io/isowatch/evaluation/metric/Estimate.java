package io.isowatch.evaluation.metric;

/**
 * A corpus metric with its bootstrap interval over series.
 *
 * @param value the metric on the series as they are
 * @param low the 5% quantile of the metric over bootstrap resamples of the series
 * @param high the 95% quantile
 */
public record Estimate(double value, double low, double high) {
  /** An estimate without an interval (NaN bounds). */
  public static Estimate point(double value) {
    return new Estimate(value, Double.NaN, Double.NaN);
  }
}
