package io.isowatch.evaluation.detect;

/**
 * Two-sided Page-Hinkley test on values standardized by the warm-up's deviation: with x̄ the mean
 * since the last reset, m+ = Σ (z - x̄ - δ) and m- = Σ (x̄ - z - δ); alarm when m - min(m) exceeds
 * λ on either side. Defaults δ = 0.1 and λ = 30 (in warm-up deviations; with a smaller δ the sums
 * of a stationary series wander like a random walk and reach λ by chance), at least 30 values after
 * a reset before an alarm. After an alarm the test restarts (its running mean with it). Score: the
 * larger side's m - min(m), over λ.
 */
final class PageHinkley implements OnlineDetector {
  static final double DELTA = 0.1;
  static final double LAMBDA = 30.0;
  static final int MIN_VALUES = 30;

  private final WarmUpStats warmUp = new WarmUpStats();
  private int learning;
  private long count;
  private double mean;
  private double up;
  private double upMin;
  private double down;
  private double downMin;

  PageHinkley(int warmUp) {
    this.learning = Math.max(2, warmUp);
  }

  @Override
  public Step update(double value) {
    if (learning > 0) {
      warmUp.add(value);
      learning--;
      return Step.QUIET;
    }
    double z = value / warmUp.deviation();
    count++;
    mean += (z - mean) / count;
    up += z - mean - DELTA;
    upMin = Math.min(upMin, up);
    down += mean - z - DELTA;
    downMin = Math.min(downMin, down);
    double score = Math.max(up - upMin, down - downMin) / LAMBDA;
    if (count >= MIN_VALUES && score > 1) {
      count = 0;
      mean = 0;
      up = 0;
      upMin = 0;
      down = 0;
      downMin = 0;
      return new Step(score, true);
    }
    return new Step(score, false);
  }
}
