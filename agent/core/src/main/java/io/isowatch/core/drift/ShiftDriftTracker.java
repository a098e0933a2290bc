package io.isowatch.core.drift;

import io.isowatch.core.math.Softmax;
import io.isowatch.core.predict.Prediction;
import java.util.Arrays;
import java.util.Optional;

/**
 * Tracks how a feed's predictive logits drift: the first {@code referenceSize} predictions fix a
 * reference (mean logits z_ref and mean distribution p_ref); the last {@code recentSize}
 * predictions are "now". Softmax is blind to adding a constant to every logit, so the shift dz =
 * z_now - z_ref is split into its common part a (invisible) and the rest r (visible); log Z is
 * tracked for the same reason: a model whose log-partition wanders is one whose logits are not
 * pinned (the paper's argument for isotropy).
 *
 * <p>Memory: the recent logits, recentSize x K floats (a prediction's own), their softmax,
 * recentSize x K doubles, and the two reference sums of K doubles: 4·K·(3·recent+4) bytes (and a
 * log Z and an entropy per recent slot). If the number of classes changes (a head that re-cut its
 * bins), the tracker starts over.
 */
public final class ShiftDriftTracker {
  // package-private for ShiftDriftTrackerCodec, the only other reader and writer
  final int referenceSize;
  final int recentSize;
  int classes;
  double[] referenceLogitSum;
  double[] referenceProbabilitySum;
  int referenceCount;
  float[][] recent;
  int recentCount;
  int next;

  /**
   * log Z of each recent slot's logits: given with its softmax, or NaN until {@link #current}
   * computes both for a restored slot. Each prediction stays recent for several evaluations, and
   * its log Z (K exponentials) is the same at every one.
   */
  private double[] recentLogZ;

  /**
   * The entropy of each recent slot's softmax, NaN until {@link #current} first needs it; like log
   * Z, the same at every evaluation the slot takes part in.
   */
  private double[] recentEntropy;

  /**
   * The softmax of each recent slot's logits, {@link Softmax#distribution} as both {@link
   * Prediction#distribution()} and {@link #current} compute it: handed over by the caller that took
   * it for its forecast, or computed by {@link #current} once for a restored slot. Every evaluation
   * reads every recent slot's, so keeping them saves K exponentials per slot and evaluation.
   */
  private double[][] recentProbabilities;

  ShiftDriftTracker(int referenceSize, int recentSize) {
    this.referenceSize = referenceSize;
    this.recentSize = recentSize;
  }

  /**
   * @param referenceSize predictions that make the reference
   * @param recentSize predictions that make "now"
   */
  public static ShiftDriftTracker create(int referenceSize, int recentSize) {
    if (referenceSize < 1 || recentSize < 1) {
      throw new IllegalArgumentException(
          "referenceSize and recentSize must be at least 1, got "
              + referenceSize
              + ", "
              + recentSize);
    }
    return new ShiftDriftTracker(referenceSize, recentSize);
  }

  public static long memoryBytes(int classes, int recentSize) {
    return 4L * classes * (3L * recentSize + 4) + 16L * recentSize + 112;
  }

  /** Adds the logits of one ready prediction. */
  public void update(Prediction prediction) {
    update(prediction, prediction.distribution());
  }

  /**
   * Adds the logits of one ready prediction whose softmax the caller has already taken: {@code
   * distribution} must be what {@link Prediction#distribution()} gave. The logits and the softmax
   * are kept, not copied (a prediction's logits are never changed).
   */
  public void update(Prediction prediction, Softmax.Distribution distribution) {
    float[] logits = prediction.logits();
    double[] probabilities = distribution.probabilities();
    if (probabilities.length != logits.length) {
      throw new IllegalArgumentException(
          probabilities.length + " probabilities for " + logits.length + " logits");
    }
    if (logits.length != classes) {
      reset(logits.length);
    }
    double[] p = probabilities;
    if (referenceCount < referenceSize) {
      for (int k = 0; k < classes; k++) {
        referenceLogitSum[k] += logits[k];
        referenceProbabilitySum[k] += p[k];
      }
      referenceCount++;
    }
    recent[next] = logits;
    recentProbabilities[next] = p;
    recentLogZ[next] = distribution.logPartition();
    recentEntropy[next] = Double.NaN;
    next = (next + 1) % recentSize;
    recentCount = Math.min(recentCount + 1, recentSize);
  }

  void reset(int newClasses) {
    classes = newClasses;
    referenceLogitSum = new double[classes];
    referenceProbabilitySum = new double[classes];
    referenceCount = 0;
    recent = new float[recentSize][];
    recentProbabilities = new double[recentSize][];
    recentLogZ = new double[recentSize];
    Arrays.fill(recentLogZ, Double.NaN);
    recentEntropy = new double[recentSize];
    Arrays.fill(recentEntropy, Double.NaN);
    recentCount = 0;
    next = 0;
  }

  /** The signals, once the reference is complete. */
  public Optional<ShiftDrift> current() {
    if (referenceCount < referenceSize || recentCount == 0) {
      return Optional.empty();
    }
    double[] meanLogits = new double[classes];
    double[] meanProbabilities = new double[classes];
    double logZSum = 0;
    double logZSquares = 0;
    double entropySum = 0;
    Share share = Share.of(recentCount);
    for (int i = 0; i < recentCount; i++) {
      float[] z = recent[i];
      if (recentProbabilities[i] == null) {
        // a restored slot: its softmax and log Z from one pass, as update() is handed them
        Softmax.Distribution distribution = Softmax.distribution(z);
        recentProbabilities[i] = distribution.probabilities();
        recentLogZ[i] = distribution.logPartition();
      }
      double logZ = recentLogZ[i];
      logZSum += logZ;
      logZSquares += logZ * logZ;
      double[] probabilities = recentProbabilities[i];
      if (Double.isNaN(recentEntropy[i])) {
        recentEntropy[i] = entropy(z, logZ, probabilities);
      }
      entropySum += recentEntropy[i];
      for (int k = 0; k < classes; k++) {
        meanLogits[k] += share.of(z[k]);
        meanProbabilities[k] += share.of(probabilities[k]);
      }
    }
    double logZMean = logZSum / recentCount;
    double logZSpread = Math.sqrt(Math.max(0, logZSquares / recentCount - logZMean * logZMean));

    double[] shift = new double[classes];
    double common = 0;
    for (int k = 0; k < classes; k++) {
      shift[k] = meanLogits[k] - referenceLogitSum[k] / referenceCount;
      common += shift[k] / classes;
    }
    double effectiveSquares = 0;
    for (int k = 0; k < classes; k++) {
      double visible = shift[k] - common;
      effectiveSquares += visible * visible;
    }
    double effective = Math.sqrt(effectiveSquares);
    double total = Math.abs(common) + effective;
    double commonShare = total > 0 ? Math.abs(common) / total : 0;

    double divergence = 0;
    for (int k = 0; k < classes; k++) {
      double reference = referenceProbabilitySum[k] / referenceCount;
      if (reference > 0) {
        divergence += reference * Math.log(reference / Math.max(meanProbabilities[k], 1e-300));
      }
    }
    return Optional.of(
        new ShiftDrift(
            logZMean,
            logZSpread,
            common,
            effective,
            commonShare,
            entropySum / recentCount,
            divergence));
  }

  /** -sum p_k log p_k, with log p_k = z_k - log Z. */
  private static double entropy(float[] z, double logZ, double[] probabilities) {
    double entropy = 0;
    for (int k = 0; k < z.length; k++) {
      entropy -= probabilities[k] * (z[k] - logZ);
    }
    return entropy;
  }

  /**
   * {@code x / count}, taken as {@code x * (1 / count)} when count is a power of two: both round
   * the same exact value {@code x 2^-n}, so they give the same double, and a product is several
   * times cheaper than a division (an evaluation takes 2 x recent x K of them).
   */
  private record Share(int count, double reciprocal, boolean exact) {
    static Share of(int count) {
      return new Share(count, 1.0 / count, Integer.bitCount(count) == 1);
    }

    double of(double x) {
      return exact ? x * reciprocal : x / count;
    }
  }

  /** This tracker's state as bytes; {@link ShiftDriftTrackerCodec} holds the layout. */
  public byte[] snapshot() {
    return ShiftDriftTrackerCodec.write(this);
  }

  /** A tracker that continues where the one that wrote {@code snapshot} stopped. */
  public static ShiftDriftTracker restore(byte[] snapshot) {
    return ShiftDriftTrackerCodec.read(snapshot);
  }
}
