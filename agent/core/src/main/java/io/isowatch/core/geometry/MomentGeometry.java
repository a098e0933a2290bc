package io.isowatch.core.geometry;

/**
 * The measures an {@link EwmaCovarianceTracker} can give from exponentially weighted moments alone,
 * without the points: the spectral ones and those that need only a mean. Cosines, norms and
 * covariance are weighted by recency (weight {@code alpha (1 - alpha)^age}).
 *
 * @param updates vectors seen so far
 * @param effectiveSampleSize {@code 1 / sum w_i^2}: how many equally weighted vectors the moments
 *     are worth (tends to {@code (2 - alpha) / alpha})
 * @param rawAverageCosine weighted mean pairwise cosine, {@code (|sum w u|^2 - sum w^2) / (1 - sum
 *     w^2)} over non-zero vectors
 * @param isoScore IsoScore of the weighted covariance
 * @param effectiveDim80 fewest principal components holding 80% of the weighted variance
 * @param participationRatio participation ratio of the weighted covariance
 * @param meanNormRatio |weighted mean| / weighted mean norm
 */
public record MomentGeometry(
    long updates,
    double effectiveSampleSize,
    double rawAverageCosine,
    double isoScore,
    int effectiveDim80,
    double participationRatio,
    double meanNormRatio) {}
