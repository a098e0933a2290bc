package io.isowatch.evaluation.score;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The change-point metrics of the TCPD benchmark (van den Burg and Williams 2020), written from the
 * paper's definitions. Position 0 counts as a change point in every annotation and in every
 * prediction, as in the paper.
 *
 * <ul>
 *   <li><b>F1</b> with margin M = 5: a true change point τ is detected if a predicted point lies
 *       within M of it, each predicted point detecting at most one τ. Precision = |TP against the
 *       union of all annotations| / |predictions|; recall = the mean over annotators of |TP_k| /
 *       |T_k|; F1 = 2PR / (P + R).
 *   <li><b>Covering</b>: with segments starting at each change point, C(S', S) = 1/T Σ_{A ∈ S} |A|
 *       max_{A' ∈ S'} |A ∩ A'| / |A ∪ A'|, averaged over annotators (S the annotator's, S' the
 *       prediction).
 * </ul>
 *
 * @param f1 the F1 score
 * @param precision its precision
 * @param recall its recall
 * @param covering the covering metric
 */
public record TcpdScore(double f1, double precision, double recall, double covering) {
  public static final int MARGIN = 5;

  /**
   * Scores predicted change points against the annotators' for a series of {@code length} values.
   */
  public static TcpdScore of(List<List<Integer>> annotators, int[] predicted, int length) {
    TreeSet<Integer> prediction = withZero(predicted, length);
    TreeSet<Integer> union = new TreeSet<>();
    double recallSum = 0;
    double coverSum = 0;
    for (List<Integer> annotation : annotators) {
      TreeSet<Integer> truth =
          withZero(annotation.stream().mapToInt(Integer::intValue).toArray(), length);
      union.addAll(truth);
      recallSum += truePositives(truth, prediction) / (double) truth.size();
      coverSum += covering(truth, prediction, length);
    }
    int k = annotators.size();
    double precision = truePositives(union, prediction) / (double) prediction.size();
    double recall = k == 0 ? Double.NaN : recallSum / k;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    return new TcpdScore(f1, precision, recall, k == 0 ? Double.NaN : coverSum / k);
  }

  private static TreeSet<Integer> withZero(int[] points, int length) {
    TreeSet<Integer> set = new TreeSet<>();
    set.add(0);
    for (int p : points) {
      if (p >= 0 && p < length) {
        set.add(p);
      }
    }
    return set;
  }

  /** True change points with an unused prediction within the margin (the nearest one is used). */
  static int truePositives(TreeSet<Integer> truth, TreeSet<Integer> prediction) {
    TreeSet<Integer> unused = new TreeSet<>(prediction);
    int count = 0;
    for (int tau : truth) {
      Integer below = unused.floor(tau);
      Integer above = unused.ceiling(tau);
      Integer best = null;
      if (below != null && tau - below <= MARGIN) {
        best = below;
      }
      if (above != null && above - tau <= MARGIN && (best == null || above - tau < tau - best)) {
        best = above;
      }
      if (best != null) {
        unused.remove(best);
        count++;
      }
    }
    return count;
  }

  /** C(S', S) for the segmentations starting at {@code truth} (S) and {@code prediction} (S'). */
  static double covering(TreeSet<Integer> truth, TreeSet<Integer> prediction, int length) {
    List<int[]> actual = segments(truth, length);
    List<int[]> predicted = segments(prediction, length);
    double sum = 0;
    for (int[] a : actual) {
      double best = 0;
      for (int[] p : predicted) {
        int intersection = Math.max(0, Math.min(a[1], p[1]) - Math.max(a[0], p[0]));
        if (intersection == 0) {
          continue;
        }
        int union = Math.max(a[1], p[1]) - Math.min(a[0], p[0]);
        best = Math.max(best, intersection / (double) union);
      }
      sum += (a[1] - a[0]) * best;
    }
    return sum / length;
  }

  /** Half-open segments [start, end) from change points (which include 0). */
  private static List<int[]> segments(TreeSet<Integer> points, int length) {
    List<int[]> segments = new ArrayList<>();
    List<Integer> starts = new ArrayList<>(points);
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : length;
      segments.add(new int[] {starts.get(i), end});
    }
    return segments;
  }
}
