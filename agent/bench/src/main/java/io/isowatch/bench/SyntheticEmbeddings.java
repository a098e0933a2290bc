package io.isowatch.bench;

import io.isowatch.core.geometry.Cloud;
import java.util.SplittableRandom;

/**
 * A seeded source of vectors shaped like sentence embeddings: a zero-mean Gaussian whose covariance
 * has a power-law spectrum (variance of the k-th principal direction proportional to 1 / k) in a
 * random orthonormal basis, plus one common offset shared by every vector. The offset is what makes
 * real embeddings anisotropic (raw average cosine well above 0); the decaying spectrum gives them a
 * small effective dimension.
 *
 * <p>Generation costs O(d^2) per vector, so benchmarks draw everything they need in their trial
 * setup and never inside a measured method.
 */
final class SyntheticEmbeddings {
  /** Width of the bundled model's embeddings. */
  static final int DIM = 384;

  /** Fixed seed: every run of the suite sees the same clouds and streams. */
  static final long SEED = 20_240_607L;

  /** Norm of the common offset; with the 1/k spectrum at d = 384 the raw mean cosine is ~0.4. */
  private static final double OFFSET_NORM = 2.0;

  private final int dim;
  private final SplittableRandom random;

  /** Row k is the k-th principal direction, already scaled by its standard deviation. */
  private final double[] scaledBasis;

  private final double[] offset;

  private SyntheticEmbeddings(int dim, SplittableRandom random) {
    this.dim = dim;
    this.random = random;
    this.scaledBasis = orthonormalRows(dim, random);
    for (int k = 0; k < dim; k++) {
      double deviation = 1 / Math.sqrt(k + 1.0);
      for (int j = 0; j < dim; j++) {
        scaledBasis[k * dim + j] *= deviation;
      }
    }
    this.offset = gaussian(dim, random);
    double norm = Math.sqrt(dot(offset, offset));
    for (int j = 0; j < dim; j++) {
      offset[j] *= OFFSET_NORM / norm;
    }
  }

  /** The distribution fixed by {@code seed}; the same seed draws the same vectors in order. */
  static SyntheticEmbeddings seeded(int dim, long seed) {
    return new SyntheticEmbeddings(dim, new SplittableRandom(seed));
  }

  /** The next vector of the stream. */
  double[] next() {
    double[] vector = offset.clone();
    for (int k = 0; k < dim; k++) {
      double z = random.nextGaussian();
      int row = k * dim;
      for (int j = 0; j < dim; j++) {
        vector[j] += z * scaledBasis[row + j];
      }
    }
    return vector;
  }

  /** The next {@code count} vectors. */
  double[][] next(int count) {
    double[][] vectors = new double[count][];
    for (int i = 0; i < count; i++) {
      vectors[i] = next();
    }
    return vectors;
  }

  /** A cloud of the next {@code size} vectors. */
  Cloud cloud(int size) {
    return Cloud.of(next(size));
  }

  /** A uniformly random orthonormal basis: Gram-Schmidt on a Gaussian matrix, row-major. */
  private static double[] orthonormalRows(int dim, SplittableRandom random) {
    double[] rows = new double[dim * dim];
    for (int k = 0; k < dim; k++) {
      double[] row = gaussian(dim, random);
      for (int pass = 0; pass < 2; pass++) { // twice is enough for orthogonality in doubles
        for (int p = 0; p < k; p++) {
          double projection = 0;
          for (int j = 0; j < dim; j++) {
            projection += row[j] * rows[p * dim + j];
          }
          for (int j = 0; j < dim; j++) {
            row[j] -= projection * rows[p * dim + j];
          }
        }
      }
      double norm = Math.sqrt(dot(row, row));
      for (int j = 0; j < dim; j++) {
        rows[k * dim + j] = row[j] / norm;
      }
    }
    return rows;
  }

  private static double[] gaussian(int dim, SplittableRandom random) {
    double[] values = new double[dim];
    for (int j = 0; j < dim; j++) {
      values[j] = random.nextGaussian();
    }
    return values;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}
