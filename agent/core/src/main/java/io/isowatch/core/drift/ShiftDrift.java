package io.isowatch.core.drift;

/**
 * The shift-drift signals of a feed's predictive softmax (SCIENCE.md section 4), over its recent
 * predictions against a reference period.
 *
 * @param logPartitionMean mean of log Z(h_t) over the recent predictions
 * @param logPartitionSpread standard deviation of log Z(h_t) over the recent predictions
 * @param common a = mean_y(z_now - z_ref): the part of the logit shift softmax cannot see
 * @param effective r = |dz - a 1|: the part that moves predictions
 * @param commonShare |a| / (|a| + r): how much of the shift is invisible, in [0, 1]
 * @param entropy mean predictive entropy over the recent predictions, in nats
 * @param divergence KL(p_ref || p_now) of the mean predictive distributions, in nats
 */
public record ShiftDrift(
    double logPartitionMean,
    double logPartitionSpread,
    double common,
    double effective,
    double commonShare,
    double entropy,
    double divergence) {}
