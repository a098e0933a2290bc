package io.isowatch.core.geometry;

import io.isowatch.core.math.LogSumExp;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The eigen-decomposition of a cloud's Gram matrix {@code X^T X}, taken by the cheaper of two
 * routes. It feeds both the covariance spectrum (on the centered cloud) and partition isotropy, so
 * the O(d^3) step runs once per cloud.
 *
 * <ul>
 *   <li>{@link Route#FEATURES}: decompose the d x d matrix {@code X^T X}; projections {@code X u_j}
 *       cost O(N d^2).
 *   <li>{@link Route#SAMPLES}: for N < d (the token cloud of one window), decompose the N x N
 *       matrix {@code X X^T}. An eigenpair (mu, w) of it gives the direction {@code u = X^T w /
 *       sqrt(mu)} of {@code X^T X} with the same eigenvalue, and the projections of the points on u
 *       are {@code sqrt(mu) w}. The other d - rank directions are orthogonal to every point: their
 *       eigenvalue is 0 and their partition function is exactly N.
 * </ul>
 */
final class CloudEigen {
  /** Sample-route eigenvalues below this fraction of the largest span no direction of the cloud. */
  private static final double NULL_DIRECTION = 1e-12;

  enum Route {
    FEATURES,
    SAMPLES
  }

  private final Cloud cloud;
  private final Route route;
  private final SymmetricEigen eigen;

  private CloudEigen(Cloud cloud, Route route, SymmetricEigen eigen) {
    this.cloud = cloud;
    this.route = route;
    this.eigen = eigen;
  }

  static CloudEigen of(Cloud cloud) {
    return of(cloud, cheaperRoute(cloud), true);
  }

  /** Eigenvalues only: enough for a spectrum, not for partition isotropy. */
  static CloudEigen valuesOnly(Cloud cloud) {
    return of(cloud, cheaperRoute(cloud), false);
  }

  static CloudEigen of(Cloud cloud, Route route) {
    return of(cloud, route, true);
  }

  private static Route cheaperRoute(Cloud cloud) {
    return cloud.size() < cloud.dim() ? Route.SAMPLES : Route.FEATURES;
  }

  private static CloudEigen of(Cloud cloud, Route route, boolean withVectors) {
    DMatrixRMaj x = cloud.asMatrix();
    DMatrixRMaj gram;
    // multInner / multOuter exploit the symmetry of the product: about half the work of a general
    // product, and 2x faster than multTransB's dot-product form on this CPU.
    if (route == Route.FEATURES) {
      gram = new DMatrixRMaj(cloud.dim(), cloud.dim());
      CommonOps_DDRM.multInner(x, gram);
    } else {
      gram = outer(x);
    }
    return new CloudEigen(cloud, route, SymmetricEigen.of(gram, withVectors));
  }

  /**
   * The decomposition (with vectors) of a cloud of fewer vectors than dimensions whose {@code X
   * X^T} the caller already has, as {@link #outer} gives it: the same as {@link #of(Cloud)}.
   */
  static CloudEigen ofOuterGram(Cloud cloud, DMatrixRMaj gram) {
    if (cloud.size() >= cloud.dim() || gram.numRows != cloud.size()) {
      throw new IllegalArgumentException(
          "an outer Gram of " + gram.numRows + " rows for " + cloud + " takes the samples route");
    }
    return new CloudEigen(cloud, Route.SAMPLES, SymmetricEigen.of(gram, true));
  }

  /**
   * {@code X X^T}, bit for bit what {@code CommonOps_DDRM.multOuter} gives (each entry the sum of
   * the products over the columns in order, from 0, set on both sides of the diagonal), four
   * entries of a row at a time: their sums run side by side instead of one after the other.
   */
  static DMatrixRMaj outer(DMatrixRMaj x) {
    return outer(x, null, 0, 0);
  }

  /**
   * {@link #outer(DMatrixRMaj)} of x when its first {@code retained} rows are rows {@code shift} to
   * {@code shift + retained - 1} of the matrix whose outer Gram is {@code previous}: the entries
   * between two of those rows are copied from it (the same products summed in the same order give
   * the same double, and a product does not depend on the order of its factors), the others are
   * computed.
   */
  static DMatrixRMaj outer(DMatrixRMaj x, DMatrixRMaj previous, int shift, int retained) {
    int n = x.numRows;
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    double[] c = gram.data;
    for (int i = 0; i < retained; i++) {
      System.arraycopy(previous.data, (shift + i) * previous.numCols + shift, c, i * n, retained);
      dotProducts(x, c, i, retained);
    }
    for (int i = retained; i < n; i++) {
      dotProducts(x, c, i, i);
    }
    return gram;
  }

  /** Entries (i, j) and (j, i) of the outer Gram for j from {@code from} to the last row. */
  private static void dotProducts(DMatrixRMaj x, double[] c, int i, int from) {
    int n = x.numRows;
    int d = x.numCols;
    double[] a = x.data;
    int rowI = i * d;
    int j = from;
    for (; j + 3 < n; j += 4) {
      int row0 = j * d;
      int row1 = row0 + d;
      int row2 = row1 + d;
      int row3 = row2 + d;
      double sum0 = 0;
      double sum1 = 0;
      double sum2 = 0;
      double sum3 = 0;
      for (int k = 0; k < d; k++) {
        double value = a[rowI + k];
        sum0 += value * a[row0 + k];
        sum1 += value * a[row1 + k];
        sum2 += value * a[row2 + k];
        sum3 += value * a[row3 + k];
      }
      setSymmetric(c, n, i, j, sum0);
      setSymmetric(c, n, i, j + 1, sum1);
      setSymmetric(c, n, i, j + 2, sum2);
      setSymmetric(c, n, i, j + 3, sum3);
    }
    for (; j < n; j++) {
      int rowJ = j * d;
      double sum = 0;
      for (int k = 0; k < d; k++) {
        sum += a[rowI + k] * a[rowJ + k];
      }
      setSymmetric(c, n, i, j, sum);
    }
  }

  private static void setSymmetric(double[] c, int n, int i, int j, double value) {
    c[i * n + j] = value;
    c[j * n + i] = value;
  }

  /** The d eigenvalues of {@code X^T X}, largest first. */
  double[] featureEigenvalues() {
    double[] values = new double[cloud.dim()];
    int known = Math.min(values.length, eigen.values().length);
    System.arraycopy(eigen.values(), 0, values, 0, known);
    return values;
  }

  PartitionIsotropy partitionIsotropy() {
    if (eigen.vectors() == null) {
      throw new IllegalStateException("partition isotropy needs the eigenvectors");
    }
    int n = cloud.size();
    DMatrixRMaj projections;
    int nullDirections;
    if (route == Route.FEATURES) {
      projections = new DMatrixRMaj(n, cloud.dim());
      CommonOps_DDRM.mult(cloud.asMatrix(), eigen.vectors(), projections);
      nullDirections = 0;
    } else {
      int rank = rank();
      projections = new DMatrixRMaj(n, rank);
      for (int j = 0; j < rank; j++) {
        double scale = Math.sqrt(eigen.values()[j]);
        for (int i = 0; i < n; i++) {
          projections.set(i, j, scale * eigen.vectors().get(i, j));
        }
      }
      nullDirections = cloud.dim() - rank;
    }
    return fromProjections(projections, nullDirections, n);
  }

  private int rank() {
    double[] values = eigen.values();
    double threshold = NULL_DIRECTION * Math.max(values[0], 0);
    int rank = 0;
    while (rank < values.length && values[rank] > threshold) {
      rank++;
    }
    return rank;
  }

  /** log I = min over +-u_j of log Z minus the max, from the points' projections on each u_j. */
  private static PartitionIsotropy fromProjections(
      DMatrixRMaj projections, int nullDirections, int size) {
    double minLog = Double.POSITIVE_INFINITY;
    double maxLog = Double.NEGATIVE_INFINITY;
    double[] column = new double[projections.numRows];
    for (int j = 0; j < projections.numCols; j++) {
      CommonOps_DDRM.extractColumn(projections, j, DMatrixRMaj.wrap(column.length, 1, column));
      for (double sign : new double[] {1, -1}) {
        double logZ = LogSumExp.of(column, sign);
        minLog = Math.min(minLog, logZ);
        maxLog = Math.max(maxLog, logZ);
      }
    }
    if (nullDirections > 0) {
      double logN = Math.log(size);
      minLog = Math.min(minLog, logN);
      maxLog = Math.max(maxLog, logN);
    }
    return PartitionIsotropy.ofLog(Math.min(0.0, minLog - maxLog));
  }
}
