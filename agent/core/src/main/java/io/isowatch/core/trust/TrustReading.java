package io.isowatch.core.trust;

import java.util.List;
import java.util.Optional;

/**
 * A feed's trust at one evaluation.
 *
 * @param trust the conformal p-value of the risk against the feed's recent risks: near 1 when
 *     nothing is unusual, uniform on an unchanged feed, and at most alpha with probability alpha
 * @param risk the risk model's log-odds that the forecasts become unreliable within the horizon
 * @param change the raw values' change statistic and its own p-value (the {@code value-change}
 *     rule's); empty until its history can judge one
 * @param calibrated whether the risk came from a trained model (always, since the model ships in
 *     the jar; kept for readers of older verdicts)
 * @param ready whether the history is long enough for the score to breach
 * @param signals every feature's part in the risk ({@link SignalScore#contribution()}), the largest
 *     push up first
 */
public record TrustReading(
    double trust,
    double risk,
    Optional<ValueChange> change,
    boolean calibrated,
    boolean ready,
    List<SignalScore> signals) {
  public TrustReading {
    signals = List.copyOf(signals);
  }
}
