package io.isowatch.core.geometry;

import io.isowatch.core.math.SquaredNorm;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable cloud of {@code size} vectors in {@code dim} dimensions: the unit every geometry
 * measure works on (token hidden states of one window, or the window vectors of one feed).
 *
 * <pre>{@code
 * Cloud cloud = Cloud.of(new double[][] {{1, 0}, {0, 1}, {-1, 0}});
 * double s = AverageCosine.raw(cloud);
 * }</pre>
 *
 * <p>Stored row-major in one array so that measures can hand it to EJML without copying. Every
 * value is finite; the factories reject anything else with the row and column at fault.
 */
public final class Cloud {
  private final int size;
  private final int dim;
  private final double[] data;

  private Cloud(int size, int dim, double[] data) {
    this.size = size;
    this.dim = dim;
    this.data = data;
  }

  /** Copies {@code rows} into a new cloud; all rows must have the same, non-zero length. */
  public static Cloud of(double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("a cloud needs at least one vector, got none");
    }
    int dim = rows[0].length;
    if (dim == 0) {
      throw new IllegalArgumentException(
          "row 0 has no values; vectors need at least one dimension");
    }
    double[] data = new double[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values, expected " + dim);
      }
      System.arraycopy(rows[i], 0, data, i * dim, dim);
    }
    return checked(rows.length, dim, data);
  }

  /** Copies a row-major array of {@code size * dim} values into a new cloud. */
  public static Cloud ofRowMajor(int size, int dim, double[] rowMajor) {
    if (size < 1 || dim < 1) {
      throw new IllegalArgumentException(
          "size and dim must be positive, got size=" + size + " dim=" + dim);
    }
    if (rowMajor.length != size * dim) {
      throw new IllegalArgumentException(
          "expected size*dim = " + size * dim + " values, got " + rowMajor.length);
    }
    return checked(size, dim, rowMajor.clone());
  }

  private static Cloud checked(int size, int dim, double[] data) {
    for (int k = 0; k < data.length; k++) {
      if (!Double.isFinite(data[k])) {
        throw new IllegalArgumentException(
            "row " + k / dim + ", column " + k % dim + " is not finite: " + data[k]);
      }
    }
    return new Cloud(size, dim, data);
  }

  /** Wraps an array this package already owns and has validated; no copy, no check. */
  static Cloud trusted(int size, int dim, double[] data) {
    return new Cloud(size, dim, data);
  }

  public int size() {
    return size;
  }

  public int dim() {
    return dim;
  }

  public double get(int row, int column) {
    return data[row * dim + column];
  }

  /** A copy of vector {@code row}. */
  public double[] row(int row) {
    return Arrays.copyOfRange(data, row * dim, (row + 1) * dim);
  }

  /** The arithmetic mean of the vectors. */
  public double[] mean() {
    double[] mean = new double[dim];
    for (int i = 0; i < size; i++) {
      int offset = i * dim;
      for (int j = 0; j < dim; j++) {
        mean[j] += data[offset + j];
      }
    }
    for (int j = 0; j < dim; j++) {
      mean[j] /= size;
    }
    return mean;
  }

  /** The cloud translated by {@code -mean()}. */
  public Cloud centered() {
    return translated(mean(), -1.0);
  }

  /** The cloud with {@code sign * offset} added to every vector. */
  Cloud translated(double[] offset, double sign) {
    double[] shifted = new double[data.length];
    for (int i = 0; i < size; i++) {
      int base = i * dim;
      for (int j = 0; j < dim; j++) {
        shifted[base + j] = data[base + j] + sign * offset[j];
      }
    }
    return new Cloud(size, dim, shifted);
  }

  /** The vectors at {@code indices}, in that order. */
  public Cloud subset(int[] indices) {
    double[] picked = new double[indices.length * dim];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(data, indices[k] * dim, picked, k * dim, dim);
    }
    return new Cloud(indices.length, dim, picked);
  }

  /** Euclidean norm of every vector. */
  double[] norms() {
    double[] norms = new double[size];
    for (int i = 0; i < size; i++) {
      norms[i] = Math.sqrt(squaredNorm(i));
    }
    return norms;
  }

  double squaredNorm(int row) {
    return SquaredNorm.of(data, row * dim, dim);
  }

  /**
   * An EJML view of the cloud as a {@code size x dim} matrix sharing this cloud's storage. Callers
   * inside the package only read it.
   */
  DMatrixRMaj asMatrix() {
    return DMatrixRMaj.wrap(size, dim, data);
  }

  @Override
  public String toString() {
    return "Cloud[size=" + size + ", dim=" + dim + "]";
  }
}
