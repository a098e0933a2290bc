package io.isowatch.core.geometry;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
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
    int[] order =
        IntStream.range(0, d)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> unsorted[i]).reversed())
            .mapToInt(Integer::intValue)
            .toArray();
    double[] values = new double[d];
    DMatrixRMaj vectors = withVectors ? new DMatrixRMaj(d, d) : null;
    for (int rank = 0; rank < d; rank++) {
      values[rank] = unsorted[order[rank]];
      if (withVectors) {
        DMatrixRMaj v = solver.getEigenVector(order[rank]);
        for (int r = 0; r < d; r++) {
          vectors.set(r, rank, v.get(r, 0));
        }
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  @Override
  public String toString() {
    return "SymmetricEigen" + Arrays.toString(values);
  }
}
