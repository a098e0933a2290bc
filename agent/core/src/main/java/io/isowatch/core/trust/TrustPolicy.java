package io.isowatch.core.trust;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import io.isowatch.core.realized.RealizedError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, per evaluation of one feed, which alerts to send. Four rules, each with its own {@link
 * AlarmLifecycle}:
 *
 * <ul>
 *   <li>{@value #FORECAST_TRUST}: the trust score is at most the false-alarm rate alpha (the risk
 *       is unusual for this feed) and the risk model's probability of unreliable forecasts is at
 *       least {@value #MIN_RISK_PROBABILITY} (they are more likely unreliable than not); warning,
 *       critical when the realized error breaches at the same time. This is the early warning: it
 *       moves on the signals before the errors are known. The second condition is there because the
 *       first alone spends alpha on every feed, calm or not: on the synthetic ruler ({@code
 *       evaluate --synthetic 192}) its alerts fell in change windows no more often than chance (21
 *       of 177, windows cover 10% of the values) and made 23 of the demo's 28 false alarms over 6
 *       seeds; with it, the rule raises 43 alerts on that ruler and the demo has 5 false alarms in
 *       all.
 *   <li>{@value #VALUE_CHANGE}: the raw values' change statistic (peak |z| of the newest values, of
 *       their steps, of the newest steps' scale, of the newest values' lag autocorrelation and of
 *       their median against their trailing history) has a p-value of at most alpha against its own
 *       history (warning; critical when the realized error breaches at the same time): the values
 *       left their range, so forecasts fitted to the old regime are at risk, whatever the risk
 *       model (trained on a ruler that forgives level shifts) says.
 *   <li>{@value #REALIZED_ERROR}: the recent realized error (MASE) has a p-value of at most alpha
 *       against its healthy history and is over {@value #ERROR_RATIO} times that history's median
 *       (a rolling error is strongly autocorrelated, so the p-value alone would breach too often);
 *       critical when it is over 3 times the median. The history is healthy because it is frozen
 *       while this alert is open: a broken forecaster's errors never become the reference it is
 *       judged against, so the alert stays open while the forecasts stay broken and resolves only
 *       when the error is back at its healthy level.
 *   <li>{@value #DATA_QUALITY}: the feed had a gap since the last evaluation (fires at once,
 *       resolves at the next evaluation without one).
 * </ul>
 */
public final class TrustPolicy {
  public static final String FORECAST_TRUST = "forecast-trust";
  public static final String REALIZED_ERROR = "realized-error";
  public static final String DATA_QUALITY = "data-quality";
  public static final String VALUE_CHANGE = "value-change";

  /** The evidence's name for the change statistic (peak |z| of the newest raw values). */
  public static final String VALUE_CHANGE_SIGNAL = "raw_value_peak_z";

  /**
   * The risk model's probability (its trees are fitted with the log loss) from which a trust breach
   * can alert: more likely unreliable than not.
   */
  public static final double MIN_RISK_PROBABILITY = 0.5;

  private static final int EVIDENCE_SHOWN = 3;
  static final double ERROR_RATIO = 1.5;

  private final String feedId;
  private final TrustSettings settings;
  // package-private for TrustPolicyCodec, the only other reader and writer
  final ConformalHistory errors;
  final AlarmLifecycle trustAlarm;
  final AlarmLifecycle changeAlarm;
  final AlarmLifecycle errorAlarm;
  final AlarmLifecycle qualityAlarm;

  public TrustPolicy(String feedId, TrustSettings settings, Clock clock) {
    this.feedId = feedId;
    this.settings = settings;
    this.errors = new ConformalHistory(settings.history(), settings.delay());
    this.trustAlarm =
        new AlarmLifecycle(
            feedId,
            FORECAST_TRUST,
            settings.confirm(),
            settings.clearAfter(),
            settings.cooldown(),
            clock);
    this.changeAlarm =
        new AlarmLifecycle(
            feedId,
            VALUE_CHANGE,
            settings.confirm(),
            settings.clearAfter(),
            settings.cooldown(),
            clock);
    this.errorAlarm =
        new AlarmLifecycle(
            feedId,
            REALIZED_ERROR,
            settings.confirm(),
            settings.clearAfter(),
            settings.cooldown(),
            clock);
    this.qualityAlarm = new AlarmLifecycle(feedId, DATA_QUALITY, 1, 1, 0, clock);
  }

  /**
   * Judges one evaluation covering event times {@code from}..{@code to}.
   *
   * @param reading the trust score now
   * @param error the feed's recent realized error, if any forecasts were reconciled
   * @param gaps gaps the feed had since the last evaluation
   */
  public List<Alert> judge(
      Instant from, Instant to, TrustReading reading, Optional<RealizedError> error, int gaps) {
    List<Alert> alerts = new ArrayList<>();
    boolean errorBreach = false;
    double errorP = 1;
    double errorMedian = errors.median();
    boolean hasError = error.isPresent() && Double.isFinite(error.get().mase());
    if (hasError) {
      double mase = error.get().mase();
      errorP = errors.pValue(mase);
      errorBreach =
          errors.count() >= settings.calibration()
              && errorP <= settings.falseAlarmRate()
              && mase > ERROR_RATIO * errorMedian;
    }
    double errorPValue = errorP;
    boolean trustBreach =
        reading.ready()
            && reading.trust() <= settings.falseAlarmRate()
            && probability(reading.risk()) >= MIN_RISK_PROBABILITY;
    trustAlarm
        .update(
            trustBreach,
            errorBreach ? Severity.CRITICAL : Severity.WARNING,
            from,
            to,
            () -> trustText(reading, error),
            () -> trustResolvedText(reading))
        .ifPresent(alerts::add);
    boolean changeBreach =
        reading.change().map(c -> c.pValue() <= settings.falseAlarmRate()).orElse(false);
    changeAlarm
        .update(
            changeBreach,
            errorBreach ? Severity.CRITICAL : Severity.WARNING,
            from,
            to,
            () -> changeText(reading, error),
            () -> changeResolvedText(reading))
        .ifPresent(alerts::add);
    boolean severe = error.isPresent() && error.get().mase() > 3 * errorMedian;
    errorAlarm
        .update(
            errorBreach,
            severe ? Severity.CRITICAL : Severity.WARNING,
            from,
            to,
            () -> errorText(error.orElseThrow(), errorMedian, errorPValue),
            () -> errorResolvedText(error, errorMedian, errorPValue))
        .ifPresent(alerts::add);
    if (hasError && !errorAlarm.isOpen()) {
      // Frozen while the alert is open: the errors of a broken regime must not become the
      // reference, or the alert resolves while the forecasts are still wrong.
      errors.add(error.get().mase());
    }
    qualityAlarm
        .update(
            gaps > 0,
            Severity.WARNING,
            from,
            to,
            () -> qualityText(gaps),
            () -> qualityResolvedText())
        .ifPresent(alerts::add);
    return alerts;
  }

  private AlarmLifecycle.Text trustText(TrustReading reading, Optional<RealizedError> error) {
    List<SignalEvidence> evidence = new ArrayList<>();
    for (SignalScore score : pushes(reading)) {
      evidence.add(
          new SignalEvidence(
              score.signal(),
              score.value(),
              score.baseline(),
              score.spread(),
              score.z(),
              // a risk model has no per-feed correlation: keep the evidence's rho empty
              Double.NaN,
              score.contribution()));
    }
    String summary =
        String.format(
            Locale.ROOT,
            "forecasts of %s are becoming unreliable: trust %.4f <= %.3g and P(unreliable) %.2f"
                + " >= %.2f (risk %.2f log-odds)%s%s",
            feedId,
            reading.trust(),
            settings.falseAlarmRate(),
            probability(reading.risk()),
            MIN_RISK_PROBABILITY,
            reading.risk(),
            pushedBy(reading),
            realizedSuffix(error));
    List<SignalScore> pushes = pushes(reading);
    String action =
        pushes.isEmpty()
            ? "Check the feed for a regime change."
            : "Check the feed for a regime change around the alert's start ("
                + pushes.get(0).signal()
                + " pushed the risk most); treat forecasts issued now with caution: widen intervals"
                + " or fall back to a robust model until the realized error confirms or clears.";
    return new AlarmLifecycle.Text(summary, evidence, action);
  }

  private AlarmLifecycle.Text changeText(TrustReading reading, Optional<RealizedError> error) {
    ValueChange change = reading.change().orElseThrow();
    String summary =
        String.format(
            Locale.ROOT,
            "values of %s left their usual range, so forecasts fitted to the old regime are at"
                + " risk: peak |z| %.1f of the values, their steps, their scale, their rhythm and"
                + " their level against the trailing ones, p = %.4f <= %.3g%s",
            feedId,
            change.peakValueZ(),
            change.pValue(),
            settings.falseAlarmRate(),
            realizedSuffix(error));
    List<SignalEvidence> evidence =
        List.of(
            new SignalEvidence(
                VALUE_CHANGE_SIGNAL, change.peakValueZ(), 0, 1, change.peakValueZ(), Double.NaN));
    return new AlarmLifecycle.Text(
        summary,
        evidence,
        "Check the feed for a level shift, a burst or a broken sensor around the alert's start;"
            + " treat forecasts issued now with caution until the realized error confirms or"
            + " clears.");
  }

  private AlarmLifecycle.Text changeResolvedText(TrustReading reading) {
    String now =
        reading
            .change()
            .map(
                c ->
                    String.format(
                        Locale.ROOT, "now peak |z| %.1f, p = %.4f", c.peakValueZ(), c.pValue()))
            .orElse("no change statistic now");
    return new AlarmLifecycle.Text(
        String.format(
            Locale.ROOT,
            "values of %s are back within their usual range (p above %.3g for %d evaluations in a"
                + " row, %s)",
            feedId,
            settings.falseAlarmRate(),
            changeAlarm.clearAfter(),
            now),
        List.of(),
        "No action needed; the values are within the range of their trailing history again.");
  }

  /** "; realized MASE 1.23" when the feed has a realized error, "" before. */
  private static String realizedSuffix(Optional<RealizedError> error) {
    return error.map(e -> String.format(Locale.ROOT, "; realized MASE %.3g", e.mase())).orElse("");
  }

  /** The features that pushed the risk up most (positive contributions), at most a few. */
  private static List<SignalScore> pushes(TrustReading reading) {
    List<SignalScore> pushes = new ArrayList<>();
    for (SignalScore score : reading.signals()) {
      if (pushes.size() == EVIDENCE_SHOWN || !(score.contribution() > 0)) {
        break;
      }
      pushes.add(score);
    }
    return pushes;
  }

  /** "; pushed by a +1.23, b +0.45": each feature's contribution to the log-odds. */
  private static String pushedBy(TrustReading reading) {
    List<String> parts = new ArrayList<>();
    for (SignalScore score : pushes(reading)) {
      parts.add(String.format(Locale.ROOT, "%s %+.2f", score.signal(), score.contribution()));
    }
    return parts.isEmpty() ? "" : "; pushed by " + String.join(", ", parts);
  }

  private static double probability(double logOdds) {
    return 1 / (1 + Math.exp(-logOdds));
  }

  private AlarmLifecycle.Text errorText(RealizedError error, double median, double pValue) {
    String summary =
        String.format(
            Locale.ROOT,
            "realized error of %s forecasts on %s is unusually high: MASE %.3g against a healthy"
                + " median of %.3g (p = %.4f), NMSE %.3g, coverage %s",
            error.origin().label(),
            feedId,
            error.mase(),
            median,
            pValue,
            error.nmse(),
            Double.isNaN(error.coverage())
                ? "n/a"
                : String.format(Locale.ROOT, "%.0f%%", 100 * error.coverage()));
    return new AlarmLifecycle.Text(
        summary,
        List.of(
            new SignalEvidence(
                "realized_mase", error.mase(), median, Double.NaN, Double.NaN, Double.NaN)),
        "The forecasts are wrong now, not just at risk: retrain or switch to a fallback model, and"
            + " check the input data for the period of the alert.");
  }

  private AlarmLifecycle.Text trustResolvedText(TrustReading reading) {
    // Why it is over, in today's numbers: which condition no longer holds, and which features (if
    // any) still push the risk.
    double probability = probability(reading.risk());
    String reason =
        reading.trust() > settings.falseAlarmRate()
            ? String.format(
                Locale.ROOT,
                "the risk is no longer unusual for this feed (trust %.4f > %.3g)",
                reading.trust(),
                settings.falseAlarmRate())
            : String.format(
                Locale.ROOT,
                "unreliable forecasts are no longer more likely than not (P(unreliable) %.2f < %.2f)",
                probability,
                MIN_RISK_PROBABILITY);
    String still = pushedBy(reading);
    String summary =
        String.format(
            Locale.ROOT,
            "forecasts of %s look reliable again: %s, %d evaluations in a row without a breach;"
                + " risk %.2f log-odds%s",
            feedId,
            reason,
            trustAlarm.clearAfter(),
            reading.risk(),
            still.isEmpty()
                ? "; no feature pushes it up"
                : still.replace("pushed by", "still up:"));
    return new AlarmLifecycle.Text(
        summary, List.of(), "No action needed; the signals are back within their usual range.");
  }

  private AlarmLifecycle.Text errorResolvedText(
      Optional<RealizedError> error, double median, double pValue) {
    if (error.isEmpty() || !Double.isFinite(error.get().mase())) {
      return new AlarmLifecycle.Text(
          "realized error of "
              + feedId
              + " can no longer be measured: no recent forecast met its"
              + " actual",
          List.of(),
          "Check that the feed still carries forecasts and that their actuals arrive.");
    }
    RealizedError now = error.get();
    String why =
        now.mase() <= ERROR_RATIO * median
            ? String.format(Locale.ROOT, "within %.3g times its healthy median", ERROR_RATIO)
            : String.format(
                Locale.ROOT,
                "no longer unusual against its healthy history (p = %.4f > %.3g)",
                pValue,
                settings.falseAlarmRate());
    String summary =
        String.format(
            Locale.ROOT,
            "realized error of %s forecasts on %s is back to its healthy level: MASE %.3g against"
                + " a healthy median of %.3g, %s for %d evaluations in a row",
            now.origin().label(),
            feedId,
            now.mase(),
            median,
            why,
            errorAlarm.clearAfter());
    return new AlarmLifecycle.Text(
        summary,
        List.of(
            new SignalEvidence(
                "realized_mase", now.mase(), median, Double.NaN, Double.NaN, Double.NaN)),
        "No action needed; the forecasts are as accurate as they were before the alert.");
  }

  private AlarmLifecycle.Text qualityResolvedText() {
    return new AlarmLifecycle.Text(
        feedId + " had no gap in its last evaluation: its windows are whole again",
        List.of(),
        "No action needed.");
  }

  private AlarmLifecycle.Text qualityText(int gaps) {
    return new AlarmLifecycle.Text(
        String.format(
            Locale.ROOT,
            "%s had %d gap(s) longer than the allowed maximum: its windows restarted",
            feedId,
            gaps),
        List.of(),
        "Check the feed's source for an outage or delayed delivery; forecasts across the gap were"
            + " not judged.");
  }

  /**
   * Evaluations with a realized error after which the realized-error rule can breach: 0 when the
   * next one can. It needs {@code calibration} (+ delay) errors to judge a new one against.
   */
  public int errorEvaluationsUntilReady() {
    if (errors.count() >= settings.calibration()) {
      return 0;
    }
    return settings.calibration() + settings.delay() - errors.added();
  }

  /** Whether the early-warning alert is open now. */
  public boolean trustAlertOpen() {
    return trustAlarm.isOpen();
  }

  /** This policy's state as bytes; {@link TrustPolicyCodec} holds the layout. */
  public byte[] snapshot() {
    return TrustPolicyCodec.write(this);
  }

  /** A policy that continues where the one that wrote {@code snapshot} stopped. */
  public static TrustPolicy restore(
      byte[] snapshot, String feedId, TrustSettings settings, Clock clock) {
    return TrustPolicyCodec.read(snapshot, feedId, settings, clock);
  }
}
