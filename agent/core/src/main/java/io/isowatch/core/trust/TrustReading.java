package io.isowatch.core.trust;

import java.util.List;

/**
 * A feed's trust at one evaluation.
 *
 * @param trust the conformal p-value of the risk against the feed's recent risks: near 1 when
 *     nothing is unusual, uniform on an unchanged feed, and at most alpha with probability alpha
 * @param risk the combined risk: the predictiveness-weighted mean surprise of the signals in their
 *     learned directions; before any signal is shown predictive, the mean two-sided surprise of all
 *     of them (see {@link SignalScore})
 * @param calibrated whether some signal carried weight (else the risk is the undirected fallback)
 * @param ready whether the history is long enough for the score to breach
 * @param signals every signal's part, strongest contribution first
 */
public record TrustReading(
    double trust, double risk, boolean calibrated, boolean ready, List<SignalScore> signals) {
  public TrustReading {
    signals = List.copyOf(signals);
  }
}
