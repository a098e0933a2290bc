package io.isowatch.evaluation.detect;

/**
 * The z-score of each value against the mean and deviation of the {@link #WINDOW} values before it
 * (a ring buffer, both recomputed from it at each step: 64 values, exact). Alarm when |z| ≥ 4, then
 * none for {@link #COOLDOWN} values, so a burst is one event. The deviation is floored as in {@link
 * WarmUpStats}. Score: |z|.
 */
final class RollingZScore implements OnlineDetector {
  static final int WINDOW = 64;
  static final double THRESHOLD = 4.0;
  static final int COOLDOWN = 32;

  private final double[] ring = new double[WINDOW];
  private final int warmUp;
  private long seen;
  private int cooldown;

  RollingZScore(int warmUp) {
    this.warmUp = warmUp;
  }

  @Override
  public Step update(double value) {
    Step step = Step.QUIET;
    int held = (int) Math.min(seen, WINDOW);
    if (held >= 2) {
      double sum = 0;
      for (int i = 0; i < held; i++) {
        sum += ring[i];
      }
      double mean = sum / held;
      double squares = 0;
      for (int i = 0; i < held; i++) {
        squares += (ring[i] - mean) * (ring[i] - mean);
      }
      double sd =
          Math.max(
              Math.sqrt(squares / (held - 1)),
              Math.max(WarmUpStats.RELATIVE_FLOOR * Math.abs(mean), WarmUpStats.ABSOLUTE_FLOOR));
      double z = Math.abs(value - mean) / sd;
      boolean judged = seen >= warmUp;
      if (cooldown > 0) {
        cooldown--;
      }
      boolean alarm = judged && cooldown == 0 && z >= THRESHOLD;
      if (alarm) {
        cooldown = COOLDOWN;
      }
      step = new Step(judged ? z : 0, alarm);
    }
    ring[(int) (seen % WINDOW)] = value;
    seen++;
    return step;
  }
}
