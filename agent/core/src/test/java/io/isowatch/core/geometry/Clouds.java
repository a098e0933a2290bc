package io.isowatch.core.geometry;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Seeded test clouds with known geometry, and brute-force reference computations. */
final class Clouds {
  private Clouds() {}

  /** N x d standard Gaussian. */
  static double[][] gaussian(int n, int d, long seed) {
    Random random = new Random(seed);
    double[][] rows = new double[n][d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return rows;
  }

  /**
   * The SCIENCE.md anisotropic cloud: a standard Gaussian with axis j scaled geometrically from 10
   * down to 0.1 (numpy's logspace(1, -1, d)), then shifted by +5 on every axis.
   */
  static double[][] scaledAndShifted(int n, int d, long seed) {
    double[][] rows = gaussian(n, d, seed);
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        double scale = Math.pow(10, 1 - 2.0 * j / (d - 1));
        row[j] = row[j] * scale + 5;
      }
    }
    return rows;
  }

  /** The cross {+a_k e_k, -a_k e_k : k = 1..d}: 2d points, mean 0, covariance diagonal. */
  static double[][] cross(double... a) {
    int d = a.length;
    double[][] rows = new double[2 * d][d];
    for (int k = 0; k < d; k++) {
      rows[2 * k][k] = a[k];
      rows[2 * k + 1][k] = -a[k];
    }
    return rows;
  }

  /** Tight Gaussian blobs (spread {@code sigma}) around the given centers, labels in order. */
  static double[][] blobs(double[][] centers, int perBlob, double sigma, long seed) {
    Random random = new Random(seed);
    int d = centers[0].length;
    double[][] rows = new double[centers.length * perBlob][d];
    for (int b = 0; b < centers.length; b++) {
      for (int p = 0; p < perBlob; p++) {
        for (int j = 0; j < d; j++) {
          rows[b * perBlob + p][j] = centers[b][j] + sigma * random.nextGaussian();
        }
      }
    }
    return rows;
  }

  /** A random d x d orthogonal matrix (Q of the QR of a Gaussian matrix). */
  static double[][] rotation(int d, long seed) {
    double[][] gaussian = gaussian(d, d, seed);
    DMatrixRMaj m = new DMatrixRMaj(gaussian);
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(d, d);
    qr.decompose(m);
    DMatrixRMaj q = qr.getQ(null, false);
    double[][] rows = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = q.get(i, j);
      }
    }
    return rows;
  }

  /** Each row times {@code matrix^T}: x -> Q x. */
  static double[][] transform(double[][] rows, double[][] matrix) {
    int d = matrix.length;
    double[][] out = new double[rows.length][d];
    for (int i = 0; i < rows.length; i++) {
      for (int r = 0; r < d; r++) {
        double sum = 0;
        for (int c = 0; c < d; c++) {
          sum += matrix[r][c] * rows[i][c];
        }
        out[i][r] = sum;
      }
    }
    return out;
  }

  static double[][] scale(double[][] rows, double factor) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] *= factor;
      }
    }
    return out;
  }

  static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < a.length; j++) {
      dot += a[j] * b[j];
      na += a[j] * a[j];
      nb += b[j] * b[j];
    }
    return dot / Math.sqrt(na * nb);
  }

  /** Mean of cos(x_i, x_j) over all ordered pairs i != j, by brute force. */
  static double bruteForceAverageCosine(double[][] rows) {
    double sum = 0;
    long pairs = 0;
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows.length; j++) {
        if (i != j) {
          sum += cosine(rows[i], rows[j]);
          pairs++;
        }
      }
    }
    return sum / pairs;
  }

  static double[][] centered(double[][] rows) {
    int d = rows[0].length;
    double[] mean = new double[d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / rows.length;
      }
    }
    double[][] out = new double[rows.length][d];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < d; j++) {
        out[i][j] = rows[i][j] - mean[j];
      }
    }
    return out;
  }

  /** Unbiased sample covariance, by definition. */
  static double[][] covariance(double[][] rows) {
    double[][] c = centered(rows);
    int d = rows[0].length;
    double[][] cov = new double[d][d];
    for (double[] row : c) {
      for (int r = 0; r < d; r++) {
        for (int s = 0; s < d; s++) {
          cov[r][s] += row[r] * row[s] / (rows.length - 1);
        }
      }
    }
    return cov;
  }
}
