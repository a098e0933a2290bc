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
 */
public record SignalScore(
    String signal,
    double value,
    double baseline,
    double spread,
    double z,
    double predictiveness,
    double weight) {

  /** How much it pushes the risk up: weight x direction x z. */
  public double contribution() {
    return weight == 0 ? 0 : weight * Math.signum(predictiveness) * z;
  }
}
