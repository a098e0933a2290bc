package io.isowatch.core.geometry;

import org.ejml.data.DMatrixRMaj;

/**
 * The outer Gram {@code X X^T} of a sliding cloud (the last vectors of a stream, oldest first),
 * kept from one analysis to the next: between two recomputations of a {@link RollingCloudTracker}
 * most vectors stay, and the dot product of two vectors that stayed is the one computed before, so
 * only the rows of the vectors that arrived since are computed. Bit for bit {@link
 * CloudEigen#outer(DMatrixRMaj)} of the cloud.
 *
 * <p>Memory: the last Gram, {@code 8 x size^2} bytes. Not thread-safe; one per tracker.
 */
final class SlidingOuterGram {
  private DMatrixRMaj gram;

  /** Stream position (vectors seen) at the end of the cloud of {@link #gram}. */
  private long end;

  /**
   * The outer Gram of {@code cloud}: the last {@code cloud.size()} of the first {@code end} vectors
   * of the stream this instance has seen every cloud of.
   *
   * @throws IllegalArgumentException if {@code end} goes back
   */
  DMatrixRMaj of(Cloud cloud, long end) {
    if (gram != null && end < this.end) {
      throw new IllegalArgumentException("the stream went back from " + this.end + " to " + end);
    }
    int retained = 0;
    int shift = 0;
    if (gram != null) {
      long previousStart = this.end - gram.numRows;
      long start = end - cloud.size();
      // the vectors of both clouds, from this start to the previous end: the first of this cloud
      if (start >= previousStart && start < this.end) {
        retained = (int) (this.end - start);
        shift = (int) (start - previousStart);
      }
    }
    DMatrixRMaj next = CloudEigen.outer(cloud.asMatrix(), gram, shift, retained);
    gram = next;
    this.end = end;
    return next;
  }
}
