package io.isowatch.evaluation.score;

import java.util.List;

/**
 * Change-point F1 with windows, for SKAB's {@code changepoint} rows: each true change point c owns
 * the window [c - W, c + W] (W = {@link #HALF_WIDTH} rows, 30 s at SKAB's 1 Hz); the first alarm in
 * a window not yet detected is a true positive (an alarm counts for one window at most), other
 * alarms inside windows are ignored, alarms outside every window are false positives, and windows
 * without an alarm are false negatives. Counts add up over series; F1 = 2TP / (2TP + FP + FN).
 *
 * @param truePositives detected change points
 * @param falsePositives alarms outside every window
 * @param falseNegatives missed change points
 */
public record WindowedF1(int truePositives, int falsePositives, int falseNegatives) {
  public static final int HALF_WIDTH = 30;

  public static WindowedF1 of(List<Integer> changePoints, int[] alarms) {
    boolean[] detected = new boolean[changePoints.size()];
    int fp = 0;
    for (int alarm : alarms) {
      boolean inWindow = false;
      boolean counted = false;
      for (int c = 0; c < changePoints.size() && !counted; c++) {
        int point = changePoints.get(c);
        if (Math.abs(alarm - point) <= HALF_WIDTH) {
          inWindow = true;
          if (!detected[c]) {
            detected[c] = true;
            counted = true;
          }
        }
      }
      if (!inWindow) {
        fp++;
      }
    }
    int tp = 0;
    for (boolean d : detected) {
      tp += d ? 1 : 0;
    }
    return new WindowedF1(tp, fp, changePoints.size() - tp);
  }

  public WindowedF1 plus(WindowedF1 other) {
    return new WindowedF1(
        truePositives + other.truePositives,
        falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }

  public double f1() {
    int denominator = 2 * truePositives + falsePositives + falseNegatives;
    return denominator == 0 ? Double.NaN : 2.0 * truePositives / denominator;
  }

  public double precision() {
    int flagged = truePositives + falsePositives;
    return flagged == 0 ? Double.NaN : truePositives / (double) flagged;
  }

  public double recall() {
    int actual = truePositives + falseNegatives;
    return actual == 0 ? Double.NaN : truePositives / (double) actual;
  }
}
