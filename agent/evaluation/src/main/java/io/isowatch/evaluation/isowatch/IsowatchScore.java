package io.isowatch.evaluation.isowatch;

import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import java.util.Map;

/**
 * The isowatch detector's score of one evaluation: higher = less trustworthy. It is 1 - the trust
 * score the monitor reports (the {@link MonitorSignal} named {@value #TRUST_SIGNAL}, looked up by
 * name so that this class also builds against a core without it).
 *
 * <p><b>Stand-in</b>, used only where the monitor has no finite trust score for an evaluation (a
 * core without trust scoring, which the first full evaluation ran on): the largest |robust z| of
 * the judged signals against their warm-up baselines, the quantity the old baseline rule
 * thresholded.
 */
public final class IsowatchScore {
  public static final String TRUST_SIGNAL = "TRUST_SCORE";

  private IsowatchScore() {}

  /**
   * The score of {@code verdict}, given the stand-in's value for it.
   *
   * @param standIn max |robust z| of the judged signals of this evaluation (0 during the warm-up)
   */
  public static double of(WindowVerdict verdict, double standIn) {
    Double trust = trust(verdict.signals());
    if (trust != null && Double.isFinite(trust)) {
      return 1.0 - trust;
    }
    return standIn;
  }

  /** Whether the monitor reports a trust score, i.e. whether the stand-in is out of use. */
  public static boolean trustAvailable() {
    for (MonitorSignal signal : MonitorSignal.values()) {
      if (signal.name().equals(TRUST_SIGNAL)) {
        return true;
      }
    }
    return false;
  }

  private static Double trust(Map<MonitorSignal, Double> signals) {
    for (Map.Entry<MonitorSignal, Double> entry : signals.entrySet()) {
      if (entry.getKey().name().equals(TRUST_SIGNAL)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
