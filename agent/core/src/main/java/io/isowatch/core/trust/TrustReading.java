package io.isowatch.core.trust;

import java.util.List;
import java.util.Optional;

/**
 * A feed's trust at one evaluation.
 *
 * @param trust min(1, 2 min(risk p-value, change p-value)): near 1 when nothing is unusual, and at
 *     most alpha with probability at most alpha on an unchanged feed (each p-value is uniform
 *     there, and the factor 2 pays for taking the smaller of two)
 * @param risk the risk model's log-odds that the forecasts become unreliable within the horizon
 * @param riskPValue the risk's conformal p-value against the feed's recent risks
 * @param change the raw values' change statistic and its p-value; empty while the raw history fills
 * @param calibrated whether the risk came from a trained model (always, since the model ships in
 *     the jar; kept for readers of older verdicts)
 * @param ready whether the history is long enough for the score to breach
 * @param signals every feature's part in the risk ({@link SignalScore#contribution()}), the largest
 *     push up first
 */
public record TrustReading(
    double trust,
    double risk,
    double riskPValue,
    Optional<ValueChange> change,
    boolean calibrated,
    boolean ready,
    List<SignalScore> signals) {
  public TrustReading {
    signals = List.copyOf(signals);
  }

  /** Whether the change statistic, not the risk, set the score: the values left their range. */
  public boolean setByChange() {
    return change.isPresent() && change.get().pValue() < riskPValue;
  }
}
