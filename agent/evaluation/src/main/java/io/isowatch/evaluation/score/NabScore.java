package io.isowatch.evaluation.score;

import io.isowatch.evaluation.data.IndexRange;
import io.isowatch.evaluation.data.Truth;
import java.util.List;

/**
 * The NAB windows method with the standard profile (A_TP = 1, A_FP = 0.11, A_FN = 1), written from
 * the published definition (Lavin and Ahmad 2015, and the NAB repository's documentation):
 *
 * <ul>
 *   <li>Only the first detection inside a window counts, as a true positive worth A_TP · σ(p) /
 *       σ(-1), with p = -(windowEnd - i + 1) / windowLength in [-1, 0) and σ(x) = 2 / (1 + e^{5x})
 *       - 1 (so a detection at the window's first row earns exactly A_TP, one at its end almost
 *       nothing). Later detections in the same window are ignored.
 *   <li>A detection outside every window costs A_FP · σ(p) with p = (i - prevEnd) / (prevLength -
 *       1) measured from the end of the previous window (σ is -1 beyond p = 3); before the first
 *       window it costs the full A_FP.
 *   <li>Each window without a detection costs A_FN.
 *   <li>Detections in the probationary period are not scored.
 * </ul>
 *
 * The corpus score is normalized as NAB does: 100 · (raw - null) / (perfect - null), where the null
 * detector detects nothing (raw = -A_FN per window) and the perfect one detects every window at its
 * first row (A_TP per window).
 *
 * @param raw the file's raw score
 * @param nullScore the null detector's raw score on the file
 * @param perfect the perfect detector's raw score on the file
 * @param truePositives windows detected
 * @param falsePositives detections outside every window (after probation)
 * @param falseNegatives windows missed
 */
public record NabScore(
    double raw,
    double nullScore,
    double perfect,
    int truePositives,
    int falsePositives,
    int falseNegatives) {
  public static final double TP_WEIGHT = 1.0;
  public static final double FP_WEIGHT = 0.11;
  public static final double FN_WEIGHT = 1.0;

  /** Scores one file's detections (ascending positions). */
  public static NabScore of(Truth.AnomalyWindows truth, int[] detections) {
    List<IndexRange> windows = truth.windows();
    boolean[] hit = new boolean[windows.size()];
    double raw = 0;
    int fp = 0;
    for (int i : detections) {
      if (i < truth.probation()) {
        continue;
      }
      int inside = -1;
      IndexRange previous = null;
      for (int w = 0; w < windows.size(); w++) {
        IndexRange window = windows.get(w);
        if (window.contains(i)) {
          inside = w;
          break;
        }
        if (window.last() < i && (previous == null || window.last() > previous.last())) {
          previous = window;
        }
      }
      if (inside >= 0) {
        if (!hit[inside]) {
          hit[inside] = true;
          IndexRange window = windows.get(inside);
          double position = -(window.last() - i + 1) / (double) window.length();
          raw += TP_WEIGHT * scaledSigmoid(position) / scaledSigmoid(-1.0);
        }
      } else {
        fp++;
        double unweighted;
        if (previous == null) {
          unweighted = -1.0;
        } else {
          double width = Math.max(1, previous.length() - 1);
          unweighted = scaledSigmoid(Math.abs(i - previous.last()) / width);
        }
        raw += FP_WEIGHT * unweighted;
      }
    }
    int tp = 0;
    for (boolean h : hit) {
      tp += h ? 1 : 0;
    }
    int fn = windows.size() - tp;
    raw -= FN_WEIGHT * fn;
    return new NabScore(raw, -FN_WEIGHT * windows.size(), TP_WEIGHT * windows.size(), tp, fp, fn);
  }

  /** NAB's scaled sigmoid: 2 / (1 + e^{5x}) - 1, and -1 for x above 3. */
  static double scaledSigmoid(double x) {
    return x > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
  }

  /** The normalized score of a corpus of files: 100 (raw - null) / (perfect - null), summed. */
  public static double normalized(List<NabScore> files) {
    double raw = 0;
    double none = 0;
    double perfect = 0;
    for (NabScore file : files) {
      raw += file.raw;
      none += file.nullScore;
      perfect += file.perfect;
    }
    return perfect == none ? Double.NaN : 100.0 * (raw - none) / (perfect - none);
  }
}
