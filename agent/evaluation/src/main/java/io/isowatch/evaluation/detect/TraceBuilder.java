package io.isowatch.evaluation.detect;

import java.util.Arrays;

/**
 * Builds a {@link Trace} from scores given at some positions: each holds until the next one (a
 * monitor evaluates every stride values), positions before the first are blank (NaN), and nothing
 * counts before {@code judgedFrom}: scores there stay blank and alarms are dropped.
 */
public final class TraceBuilder {
  private final double[] scores;
  private final int[] alarms;
  private final int judgedFrom;
  private int alarmCount;
  private int lastAt = -1;
  private double lastScore = Double.NaN;

  public TraceBuilder(int length, int judgedFrom) {
    this.scores = new double[length];
    this.alarms = new int[length];
    this.judgedFrom = judgedFrom;
    Arrays.fill(scores, Double.NaN);
  }

  /** The score from position {@code at} on; positions must not go back. */
  public void score(int at, double score) {
    hold(at);
    lastAt = at;
    lastScore = score;
    if (at >= judgedFrom) {
      scores[at] = score;
    }
  }

  /** An alarm starts at {@code at} (a repeat at the same position counts once). */
  public void alarm(int at) {
    if (at >= judgedFrom && (alarmCount == 0 || alarms[alarmCount - 1] < at)) {
      alarms[alarmCount++] = at;
    }
  }

  public Trace build() {
    hold(scores.length);
    return new Trace(scores, Arrays.copyOf(alarms, alarmCount));
  }

  private void hold(int until) {
    for (int i = Math.max(lastAt + 1, judgedFrom); i < until; i++) {
      scores[i] = lastScore;
    }
  }
}
