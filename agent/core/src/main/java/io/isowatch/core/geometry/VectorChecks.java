package io.isowatch.core.geometry;

/** Validation of a single incoming vector, shared by the trackers. */
final class VectorChecks {
  private VectorChecks() {}

  static void require(double[] vector, int dim) {
    if (vector.length != dim) {
      throw new IllegalArgumentException(
          "vector has " + vector.length + " values, the tracker expects " + dim);
    }
    for (int j = 0; j < dim; j++) {
      if (!Double.isFinite(vector[j])) {
        throw new IllegalArgumentException("vector value " + j + " is not finite: " + vector[j]);
      }
    }
  }
}
