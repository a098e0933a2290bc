package io.isowatch.evaluation.label;

/**
 * Finds a series' seasonal period for the seasonal-naive forecaster, from the autocorrelation of
 * the series less its least-squares line: among the lags from 2 to a quarter of the series (at most
 * {@link #MAX_LAG}) where the autocorrelation peaks at least {@link #MIN_AUTOCORRELATION} and rises
 * at least {@link #MIN_PROMINENCE} above its lowest value since half that lag, the shortest whose
 * peak is within {@link #NEAR_BEST} of the highest (a cycle's multiples peak too, a little lower or
 * higher by chance). None when no lag qualifies: a random walk's autocorrelation decays smoothly,
 * without prominent peaks.
 */
public final class SeasonalPeriod {
  public static final int MAX_LAG = 800;
  public static final double MIN_AUTOCORRELATION = 0.2;
  public static final double MIN_PROMINENCE = 0.1;
  public static final double NEAR_BEST = 0.9;

  private SeasonalPeriod() {}

  /** The period, or 0 when the series shows none. */
  public static int of(double[] values) {
    int n = values.length;
    if (n < 16) {
      return 0;
    }
    double[] x = detrended(values);
    double variance = 0;
    for (double v : x) {
      variance += v * v;
    }
    if (!(variance > 0)) {
      return 0;
    }
    int maxLag = Math.min(MAX_LAG, n / 4);
    double[] acf = new double[maxLag + 2];
    for (int lag = 1; lag <= maxLag + 1; lag++) {
      double sum = 0;
      for (int i = lag; i < n; i++) {
        sum += x[i] * x[i - lag];
      }
      acf[lag] = sum / variance;
    }
    double best = Double.NEGATIVE_INFINITY;
    boolean[] candidate = new boolean[maxLag + 1];
    for (int lag = 2; lag <= maxLag; lag++) {
      boolean peak = acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1];
      if (!peak || acf[lag] < MIN_AUTOCORRELATION) {
        continue;
      }
      double trough = Double.POSITIVE_INFINITY;
      for (int k = Math.max(1, lag / 2); k < lag; k++) {
        trough = Math.min(trough, acf[k]);
      }
      if (acf[lag] - trough >= MIN_PROMINENCE) {
        candidate[lag] = true;
        best = Math.max(best, acf[lag]);
      }
    }
    for (int lag = 2; lag <= maxLag; lag++) {
      if (candidate[lag] && acf[lag] >= NEAR_BEST * best) {
        return lag;
      }
    }
    return 0;
  }

  private static double[] detrended(double[] values) {
    int n = values.length;
    double meanT = (n - 1) / 2.0;
    double meanY = 0;
    for (double v : values) {
      meanY += v / n;
    }
    double sty = 0;
    double stt = 0;
    for (int i = 0; i < n; i++) {
      sty += (i - meanT) * (values[i] - meanY);
      stt += (i - meanT) * (i - meanT);
    }
    double slope = sty / stt;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = values[i] - meanY - slope * (i - meanT);
    }
    return x;
  }
}
