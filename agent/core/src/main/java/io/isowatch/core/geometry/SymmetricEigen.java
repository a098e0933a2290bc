package io.isowatch.core.geometry;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigen-decomposition of a symmetric matrix through EJML, sorted by decreasing eigenvalue. The only
 * place in the core that calls an eigen solver, so its cost (O(d^3)) is easy to find.
 *
 * @param values eigenvalues, largest first; round-off negatives of a PSD matrix are kept as given
 * @param vectors unit eigenvectors as the columns of a {@code d x d} matrix, in the order of {@code
 *     values}; {@code null} when they were not asked for
 */
record SymmetricEigen(double[] values, DMatrixRMaj vectors) {

  static SymmetricEigen of(DMatrixRMaj symmetric, boolean withVectors) {
    int d = symmetric.numRows;
    EigenDecomposition_F64<DMatrixRMaj> solver =
        DecompositionFactory_DDRM.eig(d, withVectors, true);
    // EJML may overwrite its input; the callers' Gram matrices are scratch, but copy for safety.
    if (!solver.decompose(symmetric.copy())) {
      throw new ArithmeticException("eigen-decomposition of a " + d + "x" + d + " matrix failed");
    }
    double[] unsorted = new double[d];
    for (int i = 0; i < d; i++) {
      unsorted[i] = solver.getEigenvalue(i).real;
    }
    int[] order = descending(unsorted);
    double[] values = new double[d];
    DMatrixRMaj vectors = withVectors ? new DMatrixRMaj(d, d) : null;
    for (int rank = 0; rank < d; rank++) {
      values[rank] = unsorted[order[rank]];
      if (withVectors) {
        double[] v = solver.getEigenVector(order[rank]).data;
        for (int r = 0; r < d; r++) {
          vectors.data[r * d + rank] = v[r];
        }
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /**
   * The indices of {@code values} from the largest value to the smallest by {@link Double#compare},
   * equal values in index order: a stable sort, as a stream sorted by that comparator gives,
   * without boxing an index per eigenvalue.
   */
  static int[] descending(double[] values) {
    int[] order = new int[values.length];
    for (int i = 0; i < order.length; i++) {
      int index = i;
      int at = i;
      while (at > 0 && Double.compare(values[order[at - 1]], values[index]) < 0) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = index;
    }
    return order;
  }

  @Override
  public String toString() {
    return "SymmetricEigen" + Arrays.toString(values);
  }
}
