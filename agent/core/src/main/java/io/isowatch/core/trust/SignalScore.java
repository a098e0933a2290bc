package io.isowatch.core.trust;

/**
 * One signal's part in a trust score.
 *
 * @param signal its name, e.g. {@code window_isoscore}
 * @param value its value at this evaluation
 * @param baseline the median of its recent values
 * @param spread their robust standard deviation (MAD x 1.4826)
 * @param z (value - baseline) / spread
 * @param predictiveness Spearman's rho of the signal with the realized error that followed it so
 *     far (NaN until there are pairs); its sign is the learned direction
 * @param weight its weight in the risk: the confidence bound on |rho| (0 = not shown to matter)
 * @param surprise -log of the two-sided p-value of z against the signal's own recent z values: how
 *     unusual the value is for this signal, whatever its scale or jitter (about 1 on average)
 * @param directedSurprise the same with the one-sided p-value in the learned direction (0 when no
 *     direction is known)
 */
public record SignalScore(
    String signal,
    double value,
    double baseline,
    double spread,
    double z,
    double predictiveness,
    double weight,
    double surprise,
    double directedSurprise) {

  /** How much it pushes the calibrated risk up: weight x directed surprise. */
  public double contribution() {
    return weight == 0 ? 0 : weight * directedSurprise;
  }
}
