package io.isowatch.core.trust;

/**
 * One feature's part in a trust score's risk.
 *
 * @param signal the feature's name, e.g. {@code raw_level_shift}
 * @param value its value at this evaluation
 * @param baseline its mean in the risk model's training data
 * @param spread its scale in the training data
 * @param z (value - baseline) / spread
 * @param predictiveness how strongly the feature predicted unreliable forecasts when the risk model
 *     was trained: its weight (log-odds per standard deviation; learned offline, the same on every
 *     feed); exported as the signal-predictiveness metric
 * @param weight the feature's weight in the model's log-odds (per unit of z)
 * @param surprise |z|
 * @param directedSurprise z, so that {@link #contribution()} is weight x z
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

  /** How much it pushes the risk's log-odds up: weight x z = w (x - mean) / scale. */
  public double contribution() {
    return weight == 0 ? 0 : weight * directedSurprise;
  }
}
