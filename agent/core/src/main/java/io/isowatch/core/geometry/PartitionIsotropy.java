package io.isowatch.core.geometry;

/**
 * Partition isotropy (Mu and Viswanath 2018): with {@code Z(c) = sum_i exp(c . x_i)} evaluated at
 * the eigenvectors {@code u_j} of {@code X^T X}, each taken with both signs (so the result does not
 * depend on the sign an eigen solver returns),
 *
 * <pre>I = min_c Z(c) / max_c Z(c)   in (0, 1]</pre>
 *
 * I near 1 means the partition function is nearly the same in every direction: the
 * self-normalization that pins down the shift softmax cannot see. Computed in log space, so {@code
 * log} stays exact long after {@code value} underflows to 0. Not scale invariant: it depends on the
 * norms of the vectors, as Z does.
 *
 * @param value I itself
 * @param log log I, finite and at most 0
 */
public record PartitionIsotropy(double value, double log) {

  /** I of the cloud as given; pass {@code cloud.centered()} for the centered variant. */
  public static PartitionIsotropy of(Cloud cloud) {
    return CloudEigen.of(cloud).partitionIsotropy();
  }

  static PartitionIsotropy ofLog(double log) {
    return new PartitionIsotropy(Math.exp(log), log);
  }
}
