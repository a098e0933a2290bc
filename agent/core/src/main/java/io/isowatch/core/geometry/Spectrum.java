package io.isowatch.core.geometry;

import java.util.Arrays;

/**
 * The eigenvalues of a covariance matrix, largest first, and the isotropy summaries that depend on
 * them alone: IsoScore, effective dimension and participation ratio.
 *
 * <pre>{@code
 * Spectrum spectrum = Spectrum.ofCovariance(cloud);
 * double iso = spectrum.isoScore();             // 1 = all directions used equally
 * int d80 = spectrum.effectiveDimension(0.8);   // components holding 80% of the variance
 * }</pre>
 */
public final class Spectrum {
  /** Negative eigenvalues smaller than this fraction of the largest are round-off and read as 0. */
  private static final double ROUND_OFF = 1e-9;

  private final double[] eigenvalues;

  private Spectrum(double[] descending) {
    this.eigenvalues = descending;
  }

  /**
   * A spectrum from the eigenvalues of a positive semi-definite matrix, in any order. Round-off
   * negatives are clamped to 0; anything more negative is rejected.
   */
  public static Spectrum of(double... eigenvalues) {
    if (eigenvalues.length == 0) {
      throw new IllegalArgumentException("a spectrum needs at least one eigenvalue");
    }
    double[] sorted = eigenvalues.clone();
    Arrays.sort(sorted);
    double largest = Math.abs(sorted[sorted.length - 1]);
    double[] descending = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      double value = sorted[sorted.length - 1 - i];
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("eigenvalue " + value + " is not finite");
      }
      if (value < 0) {
        if (value < -ROUND_OFF * Math.max(largest, Double.MIN_NORMAL)) {
          throw new IllegalArgumentException(
              "eigenvalue " + value + " is negative: a covariance spectrum is never negative");
        }
        value = 0;
      }
      descending[i] = value;
    }
    return new Spectrum(descending);
  }

  /** The spectrum of the unbiased sample covariance (divisor N - 1) of a cloud of N >= 2. */
  public static Spectrum ofCovariance(Cloud cloud) {
    requireTwo(cloud);
    return fromCenteredEigen(CloudEigen.valuesOnly(cloud.centered()), cloud.size());
  }

  /** Covariance eigenvalues from the Gram eigenvalues of the centered cloud: divide by N - 1. */
  static Spectrum fromCenteredEigen(CloudEigen centered, int size) {
    return fromGramEigenvalues(centered.featureEigenvalues(), size);
  }

  private static Spectrum fromGramEigenvalues(double[] gramEigenvalues, int size) {
    double[] covariance = new double[gramEigenvalues.length];
    for (int i = 0; i < covariance.length; i++) {
      covariance[i] = gramEigenvalues[i] / (size - 1);
    }
    return of(covariance);
  }

  static void requireTwo(Cloud cloud) {
    if (cloud.size() < 2) {
      throw new IllegalArgumentException(
          "a covariance needs at least 2 vectors, the cloud has " + cloud.size());
    }
  }

  /** The eigenvalues, largest first. */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  public int dim() {
    return eigenvalues.length;
  }

  public double total() {
    double sum = 0;
    for (double v : eigenvalues) {
      sum += v;
    }
    return sum;
  }

  /**
   * IsoScore (Rudman et al. 2022) in [0, 1]: 1 when every direction carries the same variance, 0
   * when one direction carries all of it. NaN for a zero spectrum or a single dimension. Biased low
   * when the cloud has fewer points than dimensions (then at most N - 1 eigenvalues are non-zero).
   * Algebraically it is ({@link #participationRatio} - 1) / (n - 1): the same information, kept
   * under its own name because the literature reports it (SpectrumTest derives the identity).
   */
  public double isoScore() {
    int n = eigenvalues.length;
    double norm = 0;
    for (double v : eigenvalues) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (n < 2 || norm == 0) {
      return Double.NaN;
    }
    double sqrtN = Math.sqrt(n);
    double distance = 0;
    for (double v : eigenvalues) {
      double gap = sqrtN * v / norm - 1;
      distance += gap * gap;
    }
    double delta = Math.sqrt(distance) / Math.sqrt(2 * (n - sqrtN));
    double used = Math.pow(n - delta * delta * (n - sqrtN), 2) / n;
    return (used - 1) / (n - 1);
  }

  /**
   * The fewest leading principal components whose variance reaches {@code fraction} of the total; 0
   * for a zero spectrum.
   */
  public int effectiveDimension(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    double total = total();
    if (total == 0) {
      return 0;
    }
    // A relative slack so that an exact 80% split is not missed by round-off.
    double target = fraction * total * (1 - 1e-12);
    double cumulative = 0;
    for (int i = 0; i < eigenvalues.length; i++) {
      cumulative += eigenvalues[i];
      if (cumulative >= target) {
        return i + 1;
      }
    }
    return eigenvalues.length;
  }

  /** {@code (sum lambda)^2 / sum lambda^2}: 1 for rank one, d for a flat spectrum; NaN if zero. */
  public double participationRatio() {
    double sum = 0;
    double squares = 0;
    for (double v : eigenvalues) {
      sum += v;
      squares += v * v;
    }
    return squares == 0 ? Double.NaN : sum * sum / squares;
  }

  @Override
  public String toString() {
    return "Spectrum" + Arrays.toString(eigenvalues);
  }
}
