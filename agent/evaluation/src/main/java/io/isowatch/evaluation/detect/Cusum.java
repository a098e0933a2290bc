package io.isowatch.evaluation.detect;

/**
 * Two-sided tabular CUSUM (Page 1954) on values standardized by a warm-up's mean and deviation: S+
 * = max(0, S+ + z - k), S- = max(0, S- - z - k), alarm when either exceeds h. Defaults k = 0.5 and
 * h = 5 (the textbook choice for a 1-sigma shift). After an alarm the sums restart and the mean and
 * deviation are learned again from the next {@link #REWARM} values (or the warm-up length if
 * shorter), so a lasting level shift raises one alarm, not one every few steps. Score: max(S+, S-)
 * / h.
 */
final class Cusum implements OnlineDetector {
  static final double K = 0.5;
  static final double H = 5.0;
  static final int REWARM = 64;

  private final WarmUpStats stats = new WarmUpStats();
  private final int rewarm;
  private int learning;
  private double up;
  private double down;

  Cusum(int warmUp) {
    this.learning = Math.max(2, warmUp);
    this.rewarm = Math.max(2, Math.min(REWARM, warmUp));
  }

  @Override
  public Step update(double value) {
    if (learning > 0) {
      stats.add(value);
      learning--;
      return Step.QUIET;
    }
    double z = stats.standardize(value);
    up = Math.max(0, up + z - K);
    down = Math.max(0, down - z - K);
    double score = Math.max(up, down) / H;
    if (score > 1) {
      up = 0;
      down = 0;
      stats.reset();
      learning = rewarm;
      return new Step(score, true);
    }
    return new Step(score, false);
  }
}
