package io.isowatch.core.geometry;

import java.util.Optional;
import org.ejml.data.DMatrixRMaj;

/**
 * Exponentially weighted mean and covariance of a stream of vectors, with the moment-based measures
 * ({@link MomentGeometry}) recomputed every {@code recomputeEvery} updates.
 *
 * <p>After t updates the vector seen at step i carries weight {@code w_i = alpha (1 - alpha)^(t -
 * i)}, except the first, which carries {@code (1 - alpha)^(t - 1)}; the weights sum to 1. Each
 * update is West's incremental rule, exact for these weights:
 *
 * <pre>
 *   delta = x - mean;  mean += alpha delta;  S = (1 - alpha) (S + alpha delta delta^T)
 * </pre>
 *
 * and the covariance is reported unbiased with reliability weights, {@code S / (1 - sum w_i^2)},
 * the weighted analogue of dividing by N - 1.
 *
 * <p>Cost: O(d^2) per update, O(d^3) per recomputation. Memory is fixed: {@link #memoryBytes}
 * ({@code 8 (d^2 + 4d)} bytes plus a constant; 1.2 MB at d = 384). Not thread-safe.
 */
public final class EwmaCovarianceTracker {
  public static final double DEFAULT_ALPHA = 0.01;
  public static final int DEFAULT_RECOMPUTE_EVERY = 32;

  private final int dim;
  private final double alpha;
  private final int recomputeEvery;
  // package-private for EwmaCovarianceTrackerCodec, the only other reader and writer
  final double[] mean;

  /** Weighted scatter S, upper triangle kept current; mirrored when read. */
  final double[] scatter;

  /** Weighted mean of the unit vectors x/|x| of the non-zero vectors (a separate EW process). */
  final double[] unitMean;

  /** Scratch for the update, kept to avoid an allocation per vector. */
  private final double[] delta;

  long updates;
  double weightSquares;
  long unitUpdates;
  double unitWeightSquares;
  double meanNorm;
  int sinceRecompute;
  Optional<MomentGeometry> latest = Optional.empty();

  private EwmaCovarianceTracker(int dim, double alpha, int recomputeEvery) {
    this.dim = dim;
    this.alpha = alpha;
    this.recomputeEvery = recomputeEvery;
    this.mean = new double[dim];
    this.scatter = new double[dim * dim];
    this.unitMean = new double[dim];
    this.delta = new double[dim];
  }

  public static Builder builder() {
    return new Builder();
  }

  public static long memoryBytes(int dim) {
    return (long) Double.BYTES * ((long) dim * dim + 4L * dim) + 256;
  }

  /**
   * Folds in a vector. Returns true when this update triggered a recomputation of {@link
   * #latest()}.
   *
   * @throws IllegalArgumentException if the vector has the wrong length or a non-finite value; the
   *     tracker is then unchanged
   */
  public boolean update(double[] vector) {
    VectorChecks.require(vector, dim);
    double norm = MeanNormRatio.norm(vector);
    if (updates == 0) {
      System.arraycopy(vector, 0, mean, 0, dim);
      weightSquares = 1;
      meanNorm = norm;
    } else {
      double keep = 1 - alpha;
      for (int j = 0; j < dim; j++) {
        delta[j] = vector[j] - mean[j];
        mean[j] += alpha * delta[j];
      }
      for (int r = 0; r < dim; r++) {
        int row = r * dim;
        double scaled = alpha * delta[r];
        for (int c = r; c < dim; c++) {
          scatter[row + c] = keep * (scatter[row + c] + scaled * delta[c]);
        }
      }
      weightSquares = keep * keep * weightSquares + alpha * alpha;
      meanNorm += alpha * (norm - meanNorm);
    }
    if (norm > 0) {
      foldUnit(vector, norm);
    }
    updates++;
    sinceRecompute++;
    if (sinceRecompute >= recomputeEvery && updates >= 2) {
      latest = Optional.of(measure());
      sinceRecompute = 0;
      return true;
    }
    return false;
  }

  private void foldUnit(double[] vector, double norm) {
    if (unitUpdates == 0) {
      for (int j = 0; j < dim; j++) {
        unitMean[j] = vector[j] / norm;
      }
      unitWeightSquares = 1;
    } else {
      for (int j = 0; j < dim; j++) {
        unitMean[j] += alpha * (vector[j] / norm - unitMean[j]);
      }
      unitWeightSquares = (1 - alpha) * (1 - alpha) * unitWeightSquares + alpha * alpha;
    }
    unitUpdates++;
  }

  private MomentGeometry measure() {
    Spectrum spectrum =
        Spectrum.of(SymmetricEigen.of(DMatrixRMaj.wrap(dim, dim, covariance()), false).values());
    double unitSquared = 0;
    for (double v : unitMean) {
      unitSquared += v * v;
    }
    double rawCosine =
        unitUpdates < 2 ? Double.NaN : (unitSquared - unitWeightSquares) / (1 - unitWeightSquares);
    return new MomentGeometry(
        updates,
        1 / weightSquares,
        rawCosine,
        spectrum.isoScore(),
        spectrum.effectiveDimension(GeometryAnalyzer.EFFECTIVE_DIM_FRACTION),
        spectrum.participationRatio(),
        meanNorm == 0 ? Double.NaN : MeanNormRatio.norm(mean) / meanNorm);
  }

  /** The measures of the last recomputation; empty until the first one. */
  public Optional<MomentGeometry> latest() {
    return latest;
  }

  /** The weighted mean, a copy. */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The unbiased weighted covariance as a row-major d x d copy; all zeros before the second update.
   */
  public double[] covariance() {
    double[] covariance = new double[dim * dim];
    if (updates < 2) {
      return covariance;
    }
    double scale = 1 / (1 - weightSquares);
    for (int r = 0; r < dim; r++) {
      for (int c = r; c < dim; c++) {
        double value = scatter[r * dim + c] * scale;
        covariance[r * dim + c] = value;
        covariance[c * dim + r] = value;
      }
    }
    return covariance;
  }

  public long updates() {
    return updates;
  }

  public int dim() {
    return dim;
  }

  public double alpha() {
    return alpha;
  }

  public int recomputeEvery() {
    return recomputeEvery;
  }

  /** The whole state as versioned bytes; {@link EwmaCovarianceTrackerCodec} holds the layout. */
  public byte[] snapshot() {
    return EwmaCovarianceTrackerCodec.write(this);
  }

  /** A tracker that continues exactly where the one that wrote {@code snapshot} stopped. */
  public static EwmaCovarianceTracker restore(byte[] snapshot) {
    return EwmaCovarianceTrackerCodec.read(snapshot);
  }

  /** Builds an {@link EwmaCovarianceTracker}; {@code dim} is required. */
  public static final class Builder {
    private int dim;
    private double alpha = DEFAULT_ALPHA;
    private int recomputeEvery = DEFAULT_RECOMPUTE_EVERY;

    private Builder() {}

    public Builder dim(int dim) {
      this.dim = dim;
      return this;
    }

    /** Weight of the newest vector, in (0, 1); the memory spans roughly 1 / alpha updates. */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** The alpha whose weights halve every {@code updates} updates. */
    public Builder halfLife(double updates) {
      if (!(updates > 0)) {
        throw new IllegalArgumentException("halfLife must be positive, got " + updates);
      }
      this.alpha = 1 - Math.pow(0.5, 1 / updates);
      return this;
    }

    public Builder recomputeEvery(int recomputeEvery) {
      this.recomputeEvery = recomputeEvery;
      return this;
    }

    public EwmaCovarianceTracker build() {
      if (dim < 1) {
        throw new IllegalArgumentException("dim must be at least 1, got " + dim);
      }
      if ((long) dim * dim > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("dim^2 must fit one array, got dim " + dim);
      }
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
      }
      if (recomputeEvery < 1) {
        throw new IllegalArgumentException(
            "recomputeEvery must be at least 1, got " + recomputeEvery);
      }
      return new EwmaCovarianceTracker(dim, alpha, recomputeEvery);
    }
  }
}
