package io.isowatch.evaluation.metric;

/**
 * A paired comparison on one metric: the subject (isowatch) less the best baseline, both computed
 * on the same bootstrap resamples of the series.
 *
 * @param baseline the baseline with the best value of the metric on the series as they are
 * @param difference subject minus that baseline, with its interval
 */
public record Comparison(String baseline, Estimate difference) {}
