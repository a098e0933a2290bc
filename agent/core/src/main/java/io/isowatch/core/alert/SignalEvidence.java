package io.isowatch.core.alert;

/**
 * One signal behind an alert: its value now, against the baseline it is judged by.
 *
 * @param signal the signal's name, e.g. {@code window_isoscore}
 * @param value its latest value
 * @param baseline the reference it was compared with (e.g. the warm-up median)
 * @param spread the reference's scale (e.g. the warm-up MAD scaled to a standard deviation)
 * @param score how far out the value is, in units of spread (a robust z-score)
 * @param predictiveness how well the signal has predicted realized error on this feed so far
 *     (Spearman's rho with the error that followed it; NaN when not yet known)
 * @param contribution how much it pushed the score's risk up, in log-odds (its part of the risk
 *     model's log-odds: along the trees' paths, or a linear model's weight times the z); NaN for
 *     rules without a model
 */
public record SignalEvidence(
    String signal,
    double value,
    double baseline,
    double spread,
    double score,
    double predictiveness,
    double contribution) {
  /** Evidence from a rule without a risk model. */
  public SignalEvidence(
      String signal,
      double value,
      double baseline,
      double spread,
      double score,
      double predictiveness) {
    this(signal, value, baseline, spread, score, predictiveness, Double.NaN);
  }

  /** Evidence from a rule that does not learn predictiveness. */
  public SignalEvidence(String signal, double value, double baseline, double spread, double score) {
    this(signal, value, baseline, spread, score, Double.NaN);
  }
}
