package io.isowatch.evaluation.detect;

/**
 * Mean and standard deviation of a warm-up stretch (Welford), used to standardize the values that
 * follow. The deviation is floored at 1e-3 x |mean| and 1e-9, so a flat warm-up (common in NAB)
 * gives large but finite standardized values.
 */
final class WarmUpStats {
  static final double RELATIVE_FLOOR = 1e-3;
  static final double ABSOLUTE_FLOOR = 1e-9;

  private long count;
  private double mean;
  private double m2;

  void add(double value) {
    count++;
    double delta = value - mean;
    mean += delta / count;
    m2 += delta * (value - mean);
  }

  long count() {
    return count;
  }

  double mean() {
    return mean;
  }

  double deviation() {
    double sd = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
    return Math.max(sd, Math.max(RELATIVE_FLOOR * Math.abs(mean), ABSOLUTE_FLOOR));
  }

  double standardize(double value) {
    return (value - mean) / deviation();
  }

  void reset() {
    count = 0;
    mean = 0;
    m2 = 0;
  }
}
