package io.isowatch.core.geometry;

import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * Computes a {@link GeometryReport} for a cloud, sharing the costly steps between measures: one
 * eigen-decomposition of the raw Gram matrix (partition isotropy) and one of the centered Gram
 * matrix (covariance spectrum and centered partition isotropy), each by the cheaper of the d x d
 * and N x N routes.
 *
 * <pre>{@code
 * GeometryReport report = GeometryAnalyzer.withClusters(ClusterOptions.defaults()).analyze(cloud);
 * }</pre>
 *
 * <p>Cost for N vectors of dimension d, with n = min(N, d): O(N d n + n^3) for everything but
 * cluster isotropy, which adds 15 k-means fits and an O(m^2 d) distance matrix on a sample of m <=
 * 2000 points. Thread-safe: it holds only its options.
 */
public final class GeometryAnalyzer {
  /** Share of the variance that {@link GeometryReport#effectiveDim80()} covers. */
  public static final double EFFECTIVE_DIM_FRACTION = 0.8;

  private final Optional<ClusterOptions> clusterOptions;

  private GeometryAnalyzer(Optional<ClusterOptions> clusterOptions) {
    this.clusterOptions = clusterOptions;
  }

  /** Every measure, cluster isotropy included. */
  public static GeometryAnalyzer withClusters(ClusterOptions options) {
    return new GeometryAnalyzer(Optional.of(options));
  }

  /** Every measure but cluster isotropy, the one that needs k-means. */
  public static GeometryAnalyzer withoutClusters() {
    return new GeometryAnalyzer(Optional.empty());
  }

  public Optional<ClusterOptions> clusterOptions() {
    return clusterOptions;
  }

  public GeometryReport analyze(Cloud cloud) {
    return analyze(cloud, null);
  }

  /**
   * {@link #analyze(Cloud)} given the cloud's {@code X X^T} when the caller keeps it ({@link
   * SlidingOuterGram}), null otherwise: only for a cloud of fewer vectors than dimensions, whose
   * partition isotropy takes that route.
   */
  GeometryReport analyze(Cloud cloud, DMatrixRMaj outerGram) {
    Spectrum.requireTwo(cloud);
    Cloud centered = cloud.centered();
    CloudEigen centeredEigen = CloudEigen.of(centered);
    Spectrum spectrum = Spectrum.fromCenteredEigen(centeredEigen, cloud.size());
    return new GeometryReport(
        cloud.size(),
        cloud.dim(),
        AverageCosine.raw(cloud),
        AverageCosine.raw(centered),
        spectrum.isoScore(),
        outerGram == null
            ? PartitionIsotropy.of(cloud)
            : CloudEigen.ofOuterGram(cloud, outerGram).partitionIsotropy(),
        centeredEigen.partitionIsotropy(),
        spectrum.effectiveDimension(EFFECTIVE_DIM_FRACTION),
        spectrum.participationRatio(),
        MeanNormRatio.of(cloud),
        clusterOptions.map(options -> ClusterIsotropy.of(cloud, options)));
  }
}
