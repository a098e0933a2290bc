package io.isowatch.core.trust;

import io.isowatch.core.math.CounterUniform;
import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns a feed's {@link SignalVector} into a trust score: the {@link RiskModel}'s risk (log-odds
 * that the forecasts become unreliable within the horizon, as the honest ruler labels it), judged
 * by its conformal p-value against the same feed's last {@code history} risks. One history, one
 * score, no mode switch.
 *
 * <p>Beside it, the change statistic (the peak |z| of the newest raw values, of their steps, of the
 * steps' scale, of the values' lag autocorrelation and of their median against their trailing
 * history) is judged the same way against its own history, for the {@code value-change} rule. A
 * large level shift or burst makes every model fitted to the old regime wrong, yet the ruler's
 * last-value labels forgive it (the last value recovers in one step and the jump enters the error
 * scale), so the risk model, trained on that ruler, rightly does not rank it high; the two answer
 * different questions and are kept apart, each with its own false-alarm rate.
 *
 * <p>The p-value is randomized at ties: {@code (#{past > r} + U (#{past = r} + 1)) / (n + 1)} with
 * U uniform on (0, 1]. For exchangeable risks (a feed that has not changed) it is then uniform for
 * every n, so P(trust <= alpha) = alpha whatever the history holds; without the randomization a run
 * of equal risks (e.g. while every signal is warming up) would make it conservative. U comes from a
 * counter hashed with SplitMix64, so a restored scorer continues identically.
 *
 * <p>Memory: two history rings ({@code history + delay} doubles each) and a counter.
 */
public final class TrustScorer {
  /**
   * How the score combines its statistics, for caches of scored recordings: a recording scored by
   * another combination must not be read as this one's.
   */
  public static final String METHOD =
      "p_risk, alerting at P(risk) >= 0.5; value change"
          + " p_peak_value_or_step_z[8]_or_step_scale_z[16]_or_lag8_autocorrelation_z[32]"
          + "_or_median_level_shift_z[32]";

  /** Kept for the settings' validation: the smallest history a score is judged against. */
  static final int MIN_BASELINE = 8;

  private final TrustSettings settings;
  // package-private for TrustScorerCodec, the only other reader and writer
  final RiskModel model;
  final ConformalHistory risks;
  final ConformalHistory peaks;
  long evaluations;

  public TrustScorer(TrustSettings settings, RiskModel model) {
    this.settings = settings;
    this.model = model;
    this.risks = new ConformalHistory(settings.history(), settings.delay());
    this.peaks = new ConformalHistory(settings.history(), settings.delay());
  }

  /** Scores one evaluation's vector alone, without a change statistic. */
  public TrustReading evaluate(SignalVector vector) {
    return evaluate(vector, Double.NaN);
  }

  /**
   * Scores one evaluation: its vector and the change statistic as of the same value (the raw
   * values' peak |z|; NaN while their history fills).
   */
  public TrustReading evaluate(SignalVector vector, double peakValueZ) {
    RiskModel.Explained explained = model.explain(vector);
    double risk = explained.risk();
    long draw = evaluations++;
    double riskP = risks.randomizedPValue(risk, CounterUniform.of(2 * draw));
    boolean ready = risks.count() >= settings.calibration();
    risks.add(risk);
    Optional<ValueChange> change = Optional.empty();
    if (Double.isFinite(peakValueZ)) {
      double changeP = peaks.randomizedPValue(peakValueZ, CounterUniform.of(2 * draw + 1));
      if (peaks.count() >= settings.calibration()) {
        change = Optional.of(new ValueChange(peakValueZ, changeP));
      }
      peaks.add(peakValueZ);
    }
    return new TrustReading(
        riskP, risk, change, true, ready, evidence(vector, explained.contributions()));
  }

  /** Every feature's part in the risk, the largest push up first. */
  private List<SignalScore> evidence(SignalVector vector, double[] parts) {
    List<SignalScore> scores = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      scores.add(
          new SignalScore(
              RiskFeatures.names().get(i),
              vector.get(i),
              model.mean(i),
              model.scale(i),
              (vector.get(i) - model.mean(i)) / model.scale(i),
              model.importance(i),
              parts[i]));
    }
    scores.sort(Comparator.comparingDouble((SignalScore s) -> -s.contribution()));
    return scores;
  }

  /**
   * Evaluations after which the score can breach: 0 when the next one can. The history needs {@code
   * calibration} risks (+ delay) to judge a new one against.
   */
  public int evaluationsUntilReady() {
    return Math.max(0, settings.calibration() + settings.delay() - risks.added());
  }

  /** This scorer's state as bytes; {@link TrustScorerCodec} holds the layout. */
  public byte[] snapshot() {
    return TrustScorerCodec.write(this);
  }

  /** A scorer that continues where the one that wrote {@code snapshot} stopped. */
  public static TrustScorer restore(byte[] snapshot, TrustSettings settings, RiskModel model) {
    return TrustScorerCodec.read(snapshot, settings, model);
  }
}
