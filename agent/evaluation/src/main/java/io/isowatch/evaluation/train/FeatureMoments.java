package io.isowatch.evaluation.train;

import io.isowatch.core.risk.RiskFeatures;
import java.util.List;

/**
 * Each feature's mean and standard deviation over every scored step of the training rows (Welford):
 * the logistic fit standardizes with them, and both kinds of model keep them as the baseline and
 * spread an alert's evidence shows.
 *
 * @param mean each feature's mean
 * @param scale each feature's standard deviation, 1 where it is (nearly) constant
 */
record FeatureMoments(double[] mean, double[] scale) {
  static FeatureMoments of(List<SeriesRows> rows) {
    int f = RiskFeatures.count();
    double[] mean = new double[f];
    double[] squares = new double[f];
    long n = 0;
    for (SeriesRows series : rows) {
      for (int step : series.steps()) {
        double[] x = series.vectors()[step];
        n++;
        for (int i = 0; i < f; i++) {
          double delta = x[i] - mean[i];
          mean[i] += delta / n;
          squares[i] += delta * (x[i] - mean[i]);
        }
      }
    }
    double[] scale = new double[f];
    for (int i = 0; i < f; i++) {
      double sd = n > 1 ? Math.sqrt(squares[i] / (n - 1)) : 0;
      scale[i] = sd > 1e-9 ? sd : 1;
    }
    return new FeatureMoments(mean, scale);
  }

  /** Which features the groups name: the others are held constant so no fit can use them. */
  static boolean[] used(java.util.Set<RiskFeatures.Group> groups) {
    int f = RiskFeatures.count();
    boolean[] used = new boolean[f];
    for (int i = 0; i < f; i++) {
      used[i] = groups.contains(RiskFeatures.groups().get(i));
    }
    return used;
  }
}
