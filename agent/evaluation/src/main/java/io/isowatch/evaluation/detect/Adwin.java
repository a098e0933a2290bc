package io.isowatch.evaluation.detect;

/**
 * ADWIN (Bifet and Gavaldà 2007) in a bounded simple variant, not ADWIN2's exponential histograms:
 * a window of at most {@link #CAPACITY} standardized values; every {@link #CHECK_EVERY} values each
 * cut at a multiple of {@link #CHECK_EVERY} that leaves at least {@link #MIN_SIDE} values on both
 * sides is tested with ADWIN's variance-based bound, ε = sqrt(2/m · σ² · ln(2/δ')) + 2/(3m) ·
 * ln(2/δ'), m = 1/(1/n0 + 1/n1), δ' = δ/n, δ = 0.002. When |μ0 - μ1| ≥ ε the older part is dropped
 * and an alarm raised. Values are standardized by the warm-up's mean and deviation (ADWIN's bound
 * assumes a known range; standardizing makes δ mean the same on every series). Cost per check: O(n)
 * with prefix sums. Score: the largest |μ0 - μ1| / ε over the cuts of the last check.
 */
final class Adwin implements OnlineDetector {
  static final int CAPACITY = 512;
  static final int CHECK_EVERY = 4;
  static final int MIN_SIDE = 16;
  static final double DELTA = 0.002;

  private final WarmUpStats warmUp = new WarmUpStats();
  private final double[] window = new double[CAPACITY];
  private final double[] prefix = new double[CAPACITY + 1];
  private final double[] prefixSquares = new double[CAPACITY + 1];
  private int learning;
  private int size;
  private long seen;
  private double lastScore;

  Adwin(int warmUp) {
    this.learning = Math.max(2, warmUp);
  }

  @Override
  public Step update(double value) {
    if (learning > 0) {
      warmUp.add(value);
      learning--;
      return Step.QUIET;
    }
    if (size == CAPACITY) {
      System.arraycopy(window, 1, window, 0, CAPACITY - 1);
      size--;
    }
    window[size++] = warmUp.standardize(value);
    seen++;
    if (seen % CHECK_EVERY != 0 || size < 2 * MIN_SIDE) {
      return new Step(lastScore, false);
    }
    for (int i = 0; i < size; i++) {
      prefix[i + 1] = prefix[i] + window[i];
      prefixSquares[i + 1] = prefixSquares[i] + window[i] * window[i];
    }
    double mean = prefix[size] / size;
    double variance = Math.max(prefixSquares[size] / size - mean * mean, 1e-12);
    double logTerm = Math.log(2.0 / (DELTA / size));
    double best = 0;
    int cut = -1;
    for (int n0 = MIN_SIDE; n0 <= size - MIN_SIDE; n0 += CHECK_EVERY) {
      int n1 = size - n0;
      double m = 1.0 / (1.0 / n0 + 1.0 / n1);
      double epsilon = Math.sqrt(2.0 / m * variance * logTerm) + 2.0 / (3.0 * m) * logTerm;
      double gap = Math.abs(prefix[n0] / n0 - (prefix[size] - prefix[n0]) / n1);
      double ratio = gap / epsilon;
      if (ratio > best) {
        best = ratio;
        cut = n0;
      }
    }
    lastScore = best;
    if (best >= 1) {
      System.arraycopy(window, cut, window, 0, size - cut);
      size -= cut;
      return new Step(best, true);
    }
    return new Step(best, false);
  }
}
