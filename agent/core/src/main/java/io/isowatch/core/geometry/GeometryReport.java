package io.isowatch.core.geometry;

import java.util.Optional;

/**
 * Every isotropy measure of one cloud (SCIENCE.md section 3). Undefined values are NaN: for example
 * the IsoScore of a cloud with no variance.
 *
 * @param size N, the number of vectors
 * @param dim d, their dimension
 * @param rawAverageCosine mean pairwise cosine as given; near 1 = a narrow cone
 * @param centeredAverageCosine the same after removing the mean; near 0 = spread around the mean
 * @param isoScore IsoScore of the covariance spectrum, 1 = isotropic, 0 = one direction
 * @param partition partition isotropy of the cloud as given
 * @param centeredPartition partition isotropy of the centered cloud
 * @param effectiveDim80 fewest principal components holding 80% of the variance
 * @param participationRatio {@code (sum lambda)^2 / sum lambda^2} of the covariance spectrum
 * @param meanNormRatio {@code |mu| / mean |x_i|}, the weight of the shared offset
 * @param clusterIsotropy per-cluster centered cosine, when it was asked for
 */
public record GeometryReport(
    int size,
    int dim,
    double rawAverageCosine,
    double centeredAverageCosine,
    double isoScore,
    PartitionIsotropy partition,
    PartitionIsotropy centeredPartition,
    int effectiveDim80,
    double participationRatio,
    double meanNormRatio,
    Optional<ClusterIsotropy> clusterIsotropy) {}
