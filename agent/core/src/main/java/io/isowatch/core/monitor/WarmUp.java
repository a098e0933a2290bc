package io.isowatch.core.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a feed's forecast rules can alert yet, and if not, what they still need. A feed that is
 * warming up cannot alert however wrong its forecasts are, so its silence says nothing about its
 * health; this says so instead of leaving the silence to look like health.
 *
 * @param trustEvaluations evaluations after which the trust score can breach (0: from the next one)
 * @param errorEvaluations evaluations with a realized error after which the realized-error rule can
 *     breach (0: from the next one)
 * @param errorMeasured whether any forecast has met its actual yet (the realized-error rule has
 *     nothing to count before)
 * @param valuesPerEvaluation new values of the feed between two evaluations
 */
public record WarmUp(
    int trustEvaluations, int errorEvaluations, boolean errorMeasured, int valuesPerEvaluation) {
  public static final String ACTIVE = "active";
  public static final String WARMING_UP = "warming up";

  /** Whether every forecast rule can alert from the next evaluation on. */
  public boolean active() {
    return trustEvaluations == 0 && errorEvaluations == 0 && errorMeasured;
  }

  /** {@value #ACTIVE} or {@value #WARMING_UP}. */
  public String state() {
    return active() ? ACTIVE : WARMING_UP;
  }

  /** Values the feed still needs before it is active (at least, if forecasts are late). */
  public long valuesLeft() {
    return (long) Math.max(trustEvaluations, errorEvaluations) * valuesPerEvaluation;
  }

  /**
   * One line for people: "active", or "warming up: the trust score needs 30 more evaluations (about
   * 960 values); the realized error can alert".
   */
  public String describe() {
    if (active()) {
      return ACTIVE;
    }
    List<String> needs = new ArrayList<>();
    needs.add(need("the trust score", trustEvaluations));
    if (!errorMeasured) {
      needs.add("the realized error waits for a first forecast to meet its actual");
    } else {
      needs.add(need("the realized error", errorEvaluations));
    }
    return WARMING_UP + ": " + String.join("; ", needs);
  }

  private String need(String rule, int evaluations) {
    if (evaluations == 0) {
      return rule + " can alert";
    }
    return String.format(
        Locale.ROOT,
        "%s needs %d more evaluation%s (about %d values)",
        rule,
        evaluations,
        evaluations == 1 ? "" : "s",
        (long) evaluations * valuesPerEvaluation);
  }
}
