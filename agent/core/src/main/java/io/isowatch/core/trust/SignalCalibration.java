package io.isowatch.core.trust;

/**
 * How well one signal has predicted the realized error that followed it, learned online: a ring of
 * (signal value, error that followed) pairs, their Spearman rank correlation, and a one-sided
 * confidence bound on its size (Fisher z with the Fieller et al. variance 1.06 / (n - 3) for rank
 * correlations). The bound is the signal's weight in the trust score, so a signal counts only once
 * the data show it matters, and its sign (the direction) is learned, not assumed.
 */
final class SignalCalibration {
  private final double[] signals;
  private final double[] errors;
  private int count;
  private int next;

  SignalCalibration(int capacity) {
    signals = new double[capacity];
    errors = new double[capacity];
  }

  void add(double signal, double error) {
    signals[next] = signal;
    errors[next] = error;
    next = (next + 1) % signals.length;
    count = Math.min(count + 1, signals.length);
  }

  int count() {
    return count;
  }

  /** Spearman's rho over the pairs held; NaN with fewer than 3 or when either side is constant. */
  double correlation() {
    if (count < 3) {
      return Double.NaN;
    }
    double[] a = Ranks.of(signals, count);
    double[] b = Ranks.of(errors, count);
    return Ranks.pearson(a, b);
  }

  /**
   * The lower confidence bound on |rho| at the given normal quantile (1.645 for 95% one-sided), 0
   * when it is not significantly above 0 or too few pairs are held.
   */
  double weight(double zQuantile, int minPairs) {
    double rho = correlation();
    if (count < Math.max(minPairs, 4) || Double.isNaN(rho)) {
      return 0;
    }
    double clipped = Math.min(Math.abs(rho), 0.999999);
    double fisher = 0.5 * Math.log((1 + clipped) / (1 - clipped));
    double standardError = Math.sqrt(1.06 / (count - 3));
    return Math.max(0, Math.tanh(fisher - zQuantile * standardError));
  }

  double[] signalState() {
    return signals.clone();
  }

  double[] errorState() {
    return errors.clone();
  }

  int next() {
    return next;
  }

  void restore(double[] signalState, double[] errorState, int count, int next) {
    System.arraycopy(signalState, 0, signals, 0, signals.length);
    System.arraycopy(errorState, 0, errors, 0, errors.length);
    this.count = count;
    this.next = next;
  }
}
