package io.isowatch.evaluation.score;

import io.isowatch.evaluation.label.ForecastLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well a score at time t warns of unreliable forecasts: the target at t is 1 when some forecast
 * made in [t, t + lookahead) is an error event of the label set ({@link ForecastLabels}). Scored
 * only at positions from {@code from} on where every forecast made in that span has a verdict and
 * there is at least one. A blank score (NaN: the detector has none yet) ranks below every number.
 *
 * <ul>
 *   <li><b>AUROC</b>: the Mann-Whitney probability that a positive step outscores a negative one,
 *       ties counting half (0.5 for a constant score); NaN without both classes.
 *   <li><b>Precision at the false-alarm rate</b> f: the threshold τ lets at most a fraction f of
 *       the negative steps score above it; precision of the steps above τ (0 when none is).
 *   <li><b>Lead time</b>: for each event onset (an event whose previous forecast was judged and no
 *       event), steps between the first step above τ in [onset - lookahead, onset] and the onset;
 *       onsets with none are missed.
 * </ul>
 *
 * @param auroc the AUROC
 * @param precisionAtFar the precision at the false-alarm rate
 * @param leadTimes lead time of each caught onset, in steps
 * @param onsets event onsets scored
 * @param positives positive steps scored
 * @param steps steps scored
 */
public record ForecastScore(
    double auroc, double precisionAtFar, int[] leadTimes, int onsets, int positives, int steps) {

  public static ForecastScore of(double[] rawScores, ForecastLabels labels, int from, double far) {
    int n = rawScores.length;
    double[] scores = new double[n];
    for (int t = 0; t < n; t++) {
      scores[t] = Double.isNaN(rawScores[t]) ? Double.NEGATIVE_INFINITY : rawScores[t];
    }
    int ahead = labels.lookahead();
    Targets targets = targets(labels, from);
    boolean[] isScored = targets.scored();
    boolean[] target = targets.target();
    List<Integer> scored = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      if (isScored[t]) {
        scored.add(t);
      }
    }
    int positives = 0;
    List<Double> negatives = new ArrayList<>();
    double[] x = new double[scored.size()];
    boolean[] y = new boolean[scored.size()];
    for (int k = 0; k < scored.size(); k++) {
      int t = scored.get(k);
      x[k] = scores[t];
      y[k] = target[t];
      if (y[k]) {
        positives++;
      } else {
        negatives.add(x[k]);
      }
    }
    double auroc = auroc(x, y);
    double threshold = thresholdAtFar(negatives, far);
    int flagged = 0;
    int flaggedPositive = 0;
    for (int k = 0; k < x.length; k++) {
      if (x[k] > threshold) {
        flagged++;
        flaggedPositive += y[k] ? 1 : 0;
      }
    }
    double precision = flagged == 0 ? 0 : flaggedPositive / (double) flagged;
    List<Integer> leads = new ArrayList<>();
    int onsets = 0;
    int previousForecast = -1;
    for (int t = 0; t < n; t++) {
      if (!labels.judged()[t]) {
        if (Double.isFinite(labels.error()[t])) {
          previousForecast = -1;
        }
        continue;
      }
      boolean onset =
          labels.event()[t] && previousForecast >= 0 && !labels.event()[previousForecast];
      previousForecast = t;
      if (!onset || !isScored[t]) {
        continue;
      }
      onsets++;
      for (int s = Math.max(from, t - ahead); s <= t; s++) {
        if (scores[s] > threshold) {
          leads.add(t - s);
          break;
        }
      }
    }
    return new ForecastScore(
        auroc,
        precision,
        leads.stream().mapToInt(Integer::intValue).toArray(),
        onsets,
        positives,
        scored.size());
  }

  /**
   * Which positions a score is judged at and what it is judged against: the same targets {@link
   * #of} scores (and the risk model is trained on).
   *
   * @param scored whether position t is scored
   * @param target whether some forecast made in [t, t + lookahead) is an event
   */
  public record Targets(boolean[] scored, boolean[] target) {}

  /** The {@link Targets} of a label set from position {@code from} on. */
  public static Targets targets(ForecastLabels labels, int from) {
    int n = labels.length();
    int ahead = labels.lookahead();
    boolean[] isScored = new boolean[n];
    boolean[] target = new boolean[n];
    for (int t = Math.max(0, from); t + ahead <= n; t++) {
      boolean all = true;
      boolean some = false;
      boolean any = false;
      for (int s = t; s < t + ahead; s++) {
        boolean made = Double.isFinite(labels.error()[s]) || labels.judged()[s];
        all &= !made || labels.judged()[s];
        some |= labels.judged()[s];
        any |= labels.event()[s];
      }
      if (all && some) {
        isScored[t] = true;
        target[t] = any;
      }
    }
    return new Targets(isScored, target);
  }

  /** The Mann-Whitney AUROC with average ranks for ties; NaN without both classes. */
  public static double auroc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPositive += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
  }

  /** The lowest τ with at most {@code far} of the negatives strictly above it. */
  static double thresholdAtFar(List<Double> negatives, double far) {
    if (negatives.isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    double[] sorted = negatives.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int allowedAbove = (int) Math.floor(far * sorted.length);
    return sorted[sorted.length - 1 - allowedAbove];
  }

  /** The median lead time in steps; NaN when no onset was caught. */
  public double medianLead() {
    return median(leadTimes);
  }

  /** The median of {@code values}; NaN when there is none. */
  public static double median(int[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
  }
}
