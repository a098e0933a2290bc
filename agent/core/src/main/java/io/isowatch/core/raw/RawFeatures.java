package io.isowatch.core.raw;

/**
 * What the raw values say about a feed at one observation, scale-free, for the trust score's risk
 * model: each is 0 or close to it on a feed that behaves as in its trailing history.
 *
 * @param valueZ the value's z against the trailing long history
 * @param changeZ the one-step change's z against the long history of changes
 * @param volatilityRatio deviation of the changes over the short window / over the long one
 * @param rangeRatio range of the short window / range of the long one
 * @param levelShift (mean of the short window - mean of the long one) / deviation of the long one
 * @param pageHinkley the two-sided Page-Hinkley statistic of the standardized values
 * @param cusum the two-sided tabular CUSUM statistic of the standardized values
 * @param lastValueError the last-value forecaster's error now (the change) / its mean over the long
 *     history
 * @param recentError the last-value forecaster's mean error over the newest {@value
 *     RawValueChannel#RECENT_ERROR_WINDOW} changes / its mean over the long history
 * @param adwin the largest two-sample z of the newest values against the older ones over every cut
 *     point (the ADWIN statistic)
 */
public record RawFeatures(
    double valueZ,
    double changeZ,
    double volatilityRatio,
    double rangeRatio,
    double levelShift,
    double pageHinkley,
    double cusum,
    double lastValueError,
    double recentError,
    double adwin) {

  /** The features from an array in declaration order (what {@link #toArray} gives). */
  public static RawFeatures of(double[] x) {
    if (x.length != NAMES.length) {
      throw new IllegalArgumentException("need " + NAMES.length + " raw features, got " + x.length);
    }
    return new RawFeatures(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9]);
  }

  /** The features as an array, in declaration order ({@link #NAMES}). */
  public double[] toArray() {
    return new double[] {
      valueZ,
      changeZ,
      volatilityRatio,
      rangeRatio,
      levelShift,
      pageHinkley,
      cusum,
      lastValueError,
      recentError,
      adwin
    };
  }

  /** Feature names as metrics and models spell them. */
  public static final String[] NAMES = {
    "raw_value_z",
    "raw_change_z",
    "raw_volatility_ratio",
    "raw_range_ratio",
    "raw_level_shift",
    "raw_page_hinkley",
    "raw_cusum",
    "raw_last_value_error",
    "raw_recent_error",
    "raw_adwin"
  };
}
