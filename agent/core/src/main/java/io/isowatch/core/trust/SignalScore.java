package io.isowatch.core.trust;

/**
 * One feature's part in a trust score's risk.
 *
 * @param signal the feature's name, e.g. {@code raw_level_shift}
 * @param value its value at this evaluation
 * @param baseline its mean in the risk model's training data
 * @param spread its standard deviation in the training data
 * @param z (value - baseline) / spread
 * @param predictiveness how much the risk model leans on the feature, the same on every feed
 *     ({@link io.isowatch.core.risk.RiskModel#importance}); exported as the signal-predictiveness
 *     metric
 * @param contribution how much it pushes this evaluation's risk up, in log-odds ({@link
 *     io.isowatch.core.risk.RiskModel#contributions}); the model's bias plus every feature's
 *     contribution is the risk
 */
public record SignalScore(
    String signal,
    double value,
    double baseline,
    double spread,
    double z,
    double predictiveness,
    double contribution) {}
