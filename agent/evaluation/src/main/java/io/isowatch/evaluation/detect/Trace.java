package io.isowatch.evaluation.detect;

import java.util.Arrays;

/**
 * What a detector made of one series: a score per position (higher = more anomalous or less
 * reliable; NaN where it has none yet, which ranks below every score) and the positions at which it
 * raised an alarm.
 *
 * @param scores one score per position of the series
 * @param alarms ascending positions of alarm events (onsets, not every position under an alarm)
 */
public record Trace(double[] scores, int[] alarms) {
  public Trace {
    scores = scores.clone();
    alarms = alarms.clone();
    for (int i = 1; i < alarms.length; i++) {
      if (alarms[i] <= alarms[i - 1]) {
        throw new IllegalArgumentException("alarms must ascend: " + Arrays.toString(alarms));
      }
    }
    for (int alarm : alarms) {
      if (alarm < 0 || alarm >= scores.length) {
        throw new IllegalArgumentException(
            "alarm at " + alarm + " outside the series of " + scores.length);
      }
    }
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public int[] alarms() {
    return alarms.clone();
  }

  public int length() {
    return scores.length;
  }
}
