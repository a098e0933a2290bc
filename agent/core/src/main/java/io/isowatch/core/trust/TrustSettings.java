package io.isowatch.core.trust;

import java.io.Serializable;

/**
 * How a feed's trust score is calibrated and when it alerts. Counts are in evaluations (one every
 * {@code evaluateEvery} windows) unless they say otherwise. Serializable, so that an engine that
 * ships settings to its workers (Flink) can hold it as it is.
 *
 * @param falseAlarmRate alpha: the probability that an evaluation of an unchanged feed breaches;
 *     the trust score is a conformal p-value, so the threshold is alpha itself
 * @param calibration evaluations of risk history before the score may breach; at least 1/alpha - 1,
 *     since a p-value against n scores is at least 1 / (n + 1)
 * @param history risk scores kept to judge a new one against (the conformal history)
 * @param delay evaluations before a score joins the history, so that the first scores of a change
 *     do not mask the next ones before an alert is confirmed
 * @param baseline unused since the risk model (its signal baselines are fixed by the model's
 *     features); validated and kept so that existing configurations still parse
 * @param pairs unused since the risk model; kept likewise
 * @param minPairs unused since the risk model; kept likewise
 * @param errorLag unused since the risk model; kept likewise
 * @param confirm consecutive breaching evaluations before an alert fires
 * @param clearAfter consecutive clear evaluations before it resolves
 * @param cooldown evaluations after a resolve before the same rule may fire again
 * @param maxSignals unused since the risk model (its vector has a fixed length); kept likewise
 */
public record TrustSettings(
    double falseAlarmRate,
    int calibration,
    int history,
    int delay,
    int baseline,
    int pairs,
    int minPairs,
    int errorLag,
    int confirm,
    int clearAfter,
    int cooldown,
    int maxSignals)
    implements Serializable {
  /** The agent's α: an unchanged feed breaches at one evaluation in 50. */
  public static final double DEFAULT_FALSE_ALARM_RATE = 0.02;

  /** One-sided 95% normal quantile for the predictiveness bound. */
  public static final double CONFIDENCE_QUANTILE = 1.645;

  public TrustSettings {
    if (!(falseAlarmRate > 0 && falseAlarmRate < 0.5)) {
      throw new IllegalArgumentException(
          "trust falseAlarmRate must be in (0, 0.5), got " + falseAlarmRate);
    }
    positive("calibration", calibration);
    if (history < TrustScorer.MIN_BASELINE) {
      throw new IllegalArgumentException(
          "trust history must be at least " + TrustScorer.MIN_BASELINE + ", got " + history);
    }
    if (delay < 0) {
      throw new IllegalArgumentException("trust delay must be at least 0, got " + delay);
    }
    if (baseline < TrustScorer.MIN_BASELINE) {
      throw new IllegalArgumentException(
          "trust baseline must be at least " + TrustScorer.MIN_BASELINE + ", got " + baseline);
    }
    if (pairs < 8) {
      throw new IllegalArgumentException("trust pairs must be at least 8, got " + pairs);
    }
    if (minPairs < 4 || minPairs > pairs) {
      throw new IllegalArgumentException(
          "trust minPairs must be in [4, pairs=" + pairs + "], got " + minPairs);
    }
    positive("errorLag", errorLag);
    positive("confirm", confirm);
    positive("clearAfter", clearAfter);
    if (cooldown < 0) {
      throw new IllegalArgumentException("trust cooldown must be at least 0, got " + cooldown);
    }
    positive("maxSignals", maxSignals);
    // Cross-field rules, checked here only: readers name the keys (field first in the message).
    int needed = scoresToReach(falseAlarmRate);
    if (calibration < needed) {
      throw new IllegalArgumentException(
          "trust calibration must be at least 1 / falseAlarmRate - 1 = "
              + needed
              + " (a p-value against n scores is at least 1 / (n + 1)), got "
              + calibration);
    }
    if (history < calibration) {
      throw new IllegalArgumentException(
          "trust history must be at least calibration (" + calibration + "), got " + history);
    }
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("trust " + field + " must be at least 1, got " + value);
    }
  }

  /**
   * How many past scores a conformal p-value needs before it can reach {@code falseAlarmRate}: it
   * is at least 1 / (n + 1), so n = 1/alpha - 1 (the small slack keeps 1/0.02 from rounding up).
   */
  public static int scoresToReach(double falseAlarmRate) {
    return (int) Math.ceil(1 / falseAlarmRate - 1e-9) - 1;
  }

  public static TrustSettings defaults() {
    return new TrustSettings(DEFAULT_FALSE_ALARM_RATE, 49, 256, 8, 48, 128, 24, 8, 2, 3, 8, 32);
  }

  /**
   * The defaults with false-alarm rate {@code alpha} and the shortest calibration that can reach it
   * (1/alpha - 1 scores, at least 19), the history at least as long.
   */
  public static TrustSettings forFalseAlarmRate(double alpha) {
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("trust falseAlarmRate must be in (0, 0.5), got " + alpha);
    }
    int calibration = Math.max(19, scoresToReach(alpha));
    TrustSettings d = defaults();
    return d.with(alpha, calibration, Math.max(d.history, calibration), d.confirm);
  }

  public TrustSettings withFalseAlarmRate(double falseAlarmRate) {
    return with(falseAlarmRate, calibration, history, confirm);
  }

  public TrustSettings withConfirm(int confirm) {
    return with(falseAlarmRate, calibration, history, confirm);
  }

  public TrustSettings withCalibration(int calibration, int history) {
    return with(falseAlarmRate, calibration, history, confirm);
  }

  /** A copy with the fields callers tune; the rest kept. */
  private TrustSettings with(double falseAlarmRate, int calibration, int history, int confirm) {
    return new TrustSettings(
        falseAlarmRate,
        calibration,
        history,
        delay,
        baseline,
        pairs,
        minPairs,
        errorLag,
        confirm,
        clearAfter,
        cooldown,
        maxSignals);
  }

  /**
   * Evaluations of a new feed before the first at which the trust score can breach: calibration +
   * delay risks to judge a risk against (57 with the defaults).
   */
  public int evaluationsBeforeReady() {
    return delay + calibration;
  }

  /**
   * The most forecast-trust alerts an unchanged feed opens per 1,000 observations, on average:
   * every evaluation breaches with probability alpha (the score is a p-value), and each alert needs
   * {@code confirm} breaching evaluations of its own, so alerts per evaluation are at most alpha /
   * confirm. With the defaults (alpha 0.02, confirm 2) and 32 values per evaluation that is 0.31
   * per 1,000 observations; breaches that come independently make it about alpha^confirm per
   * evaluation instead (0.0125 per 1,000).
   *
   * @param valuesPerEvaluation new values of the feed between two evaluations
   */
  public double falseAlarmsPerThousandAtMost(int valuesPerEvaluation) {
    return falseAlarmRate / confirm * 1000.0 / valuesPerEvaluation;
  }

  /**
   * Bytes of state the trust side of one feed holds at most: the risk, change-statistic and
   * realized-error histories and the signal-vector builder (raw channel and model-signal
   * baselines).
   */
  public long memoryBytes() {
    return 3 * 8L * (history + delay)
        + io.isowatch.core.risk.SignalVectorBuilder.memoryBytes()
        + 256;
  }
}
