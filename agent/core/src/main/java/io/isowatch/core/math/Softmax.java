package io.isowatch.core.math;

/**
 * p_k = exp(z_k - max z) / sum_j exp(z_j - max z): one exponential a logit. The same distribution
 * as exp(z_k - log Z) ({@link LogSumExp}), which takes two a logit, to the last bit or two; every
 * caller that keeps or compares a softmax takes it from here, so they agree bit for bit.
 */
public final class Softmax {
  private Softmax() {}

  /**
   * A softmax and the log-partition its normalizer gives for free.
   *
   * @param probabilities p_k for every logit
   * @param logPartition log Z = max z + log sum_j exp(z_j - max z), to the bit what {@link
   *     LogSumExp#of(float[])} returns (the same sum in the same order)
   */
  public record Distribution(double[] probabilities, double logPartition) {}

  /** The softmax of {@code logits} (finite, at least one). */
  public static double[] of(float[] logits) {
    return distribution(logits).probabilities();
  }

  /** The softmax of {@code logits} (finite, at least one) with its log-partition. */
  public static Distribution distribution(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float z : logits) {
      max = Math.max(max, z);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(logits[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return new Distribution(p, max + Math.log(sum));
  }
}
