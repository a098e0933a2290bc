package io.isowatch.core.predict;

import io.isowatch.core.math.FloatArrays;
import io.isowatch.core.math.LogSumExp;
import io.isowatch.core.math.Softmax;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * A predictive distribution of one future value, as a softmax over {@link ValueBins}: the logits z,
 * so that p(k) = exp(z_k) / Z with log Z = logsumexp(z), and the scale that maps the bins' scaled
 * units back to the feed's units. Within a bin the mass is spread uniformly, which gives a
 * continuous CDF and so a median and intervals.
 *
 * <p>The logits are floats, a model's own precision (ONNX Runtime gives floats), so that a model's
 * logits are held exactly in half the memory of doubles: a monitor keeps each forecast until its
 * actual arrives, and a language model's head has thousands of bins. Every computation on them is
 * in double. Logits computed in double (a learning head's) are rounded to float when given.
 *
 * <p>A value class rather than a record only so that it can keep its log Z once computed: a monitor
 * asks for it when it forecasts (with the softmax) and again when the actual arrives, and each time
 * costs an exponential a bin. The logits are never changed after construction, so the cached value
 * is the one a fresh computation would give, to the bit. Equality is a record's: the arrays by
 * identity, the numbers by value.
 */
public final class Prediction {
  private final float[] logits;
  private final ValueBins bins;
  private final double offset;
  private final double scale;
  private final float[] features;

  /**
   * log Z once known, NaN before (log Z of finite logits is never NaN). Volatile so that a
   * prediction read by another thread never sees half of a double; computing it twice is harmless.
   */
  private volatile double logPartition = Double.NaN;

  /**
   * @param logits one logit per bin (finite)
   * @param bins the value classes, in scaled units
   * @param offset the feed value at scaled 0
   * @param scale feed units per scaled unit (positive)
   * @param features the vector the logits were computed from, kept so that a learning head can be
   *     updated once the actual value is known; empty for a model's own logits
   */
  public Prediction(float[] logits, ValueBins bins, double offset, double scale, float[] features) {
    Objects.requireNonNull(logits, "logits");
    Objects.requireNonNull(bins, "bins");
    Objects.requireNonNull(features, "features");
    if (logits.length != bins.count()) {
      throw new IllegalArgumentException(logits.length + " logits for " + bins.count() + " bins");
    }
    for (float logit : logits) {
      if (!Float.isFinite(logit)) {
        throw new IllegalArgumentException("logits must be finite, got " + logit);
      }
    }
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException("offset must be finite, got " + offset);
    }
    if (!(scale > 0 && Double.isFinite(scale))) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    this.logits = logits;
    this.bins = bins;
    this.offset = offset;
    this.scale = scale;
    this.features = features;
  }

  /** A prediction in purely multiplicative units (offset 0), as Chronos' mean scaling gives. */
  public Prediction(float[] logits, ValueBins bins, double scale, float[] features) {
    this(logits, bins, 0, scale, features);
  }

  /** A prediction from logits computed in double, each rounded to the nearest float. */
  public Prediction(
      double[] logits, ValueBins bins, double offset, double scale, float[] features) {
    this(
        FloatArrays.rounded(Objects.requireNonNull(logits, "logits")),
        bins,
        offset,
        scale,
        features);
  }

  /** As {@link #Prediction(double[], ValueBins, double, double, float[])}, offset 0. */
  public Prediction(double[] logits, ValueBins bins, double scale, float[] features) {
    this(logits, bins, 0, scale, features);
  }

  /** {@code value} in the bins' scaled units. */
  public double toScaled(double value) {
    return (value - offset) / scale;
  }

  public float[] logits() {
    return logits;
  }

  public ValueBins bins() {
    return bins;
  }

  public double offset() {
    return offset;
  }

  public double scale() {
    return scale;
  }

  public float[] features() {
    return features;
  }

  /**
   * log Z = log sum_k exp(z_k): what softmax cannot see, tracked by the shift-drift signals.
   * Computed once, by this call or by {@link #distribution()}, whichever comes first: both give the
   * same double.
   */
  public double logPartition() {
    double known = logPartition;
    if (Double.isNaN(known)) {
      known = LogSumExp.of(logits);
      logPartition = known;
    }
    return known;
  }

  /** p(k) for every bin ({@link Softmax}: one exponential a bin). */
  public double[] probabilities() {
    return Softmax.of(logits);
  }

  /** {@link #probabilities()} and {@link #logPartition()} from one pass of exponentials. */
  public Softmax.Distribution distribution() {
    Softmax.Distribution distribution = Softmax.distribution(logits);
    logPartition = distribution.logPartition();
    return distribution;
  }

  /** Shannon entropy of the bin probabilities, in nats: 0 when certain, log K when uniform. */
  public double entropy() {
    double logZ = logPartition();
    double entropy = 0;
    for (float logit : logits) {
      double logP = logit - logZ;
      entropy -= Math.exp(logP) * logP;
    }
    return entropy;
  }

  /** The value below which the distribution puts mass {@code q}, in the feed's units. */
  public double quantile(double q) {
    requireLevel(q);
    return quantile(probabilities(), q);
  }

  /**
   * {@link #quantile} of every level, in the order given, from one softmax: the same values as
   * separate calls, for a fraction of the cost (each call computes the whole softmax).
   */
  public double[] quantiles(double... levels) {
    return quantilesFrom(probabilities(), levels);
  }

  /**
   * {@link #quantiles} from {@code p}, which must be what {@link #probabilities()} gave: for a
   * caller that keeps the softmax too, so that it is computed once.
   */
  public double[] quantilesFrom(double[] p, double... levels) {
    for (double q : levels) {
      requireLevel(q);
    }
    if (p.length != logits.length) {
      throw new IllegalArgumentException(
          p.length + " probabilities for " + logits.length + " bins");
    }
    // one walk up the bins for every level, lowest level first: each is found at the first bin
    // whose cumulative mass reaches it, as a walk of its own would find it, with the same sums
    Integer[] order = new Integer[levels.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> levels[i]));
    double[] quantiles = new double[levels.length];
    int found = 0;
    double cumulative = 0;
    for (int k = 0; k < p.length && found < order.length; k++) {
      while (found < order.length && reaches(cumulative, p[k], levels[order[found]])) {
        quantiles[order[found]] = withinBin(k, (levels[order[found]] - cumulative) / p[k]);
        found++;
      }
      cumulative += p[k];
    }
    for (; found < order.length; found++) {
      quantiles[order[found]] = offset + scale * bins.high();
    }
    return quantiles;
  }

  /** Whether bin k, with {@code below} under it, holds the level {@code q}: its first such bin. */
  private static boolean reaches(double below, double mass, double q) {
    return below + mass >= q && mass > 0;
  }

  /** The feed value at {@code inside} (clamped to [0, 1]) of the way through bin k. */
  private double withinBin(int k, double inside) {
    double width = bins.edge(k + 1) - bins.edge(k);
    return offset + scale * (bins.edge(k) + Math.max(0, Math.min(1, inside)) * width);
  }

  private static void requireLevel(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1], got " + q);
    }
  }

  private double quantile(double[] p, double q) {
    double cumulative = 0;
    for (int k = 0; k < p.length; k++) {
      if (reaches(cumulative, p[k], q)) {
        return withinBin(k, (q - cumulative) / p[k]);
      }
      cumulative += p[k];
    }
    return offset + scale * bins.high();
  }

  /** The point forecast: the median, in the feed's units. */
  public double median() {
    return quantile(0.5);
  }

  /**
   * P(value' <= value): the probability integral transform of a realized value, with each bin's
   * mass spread uniformly over it; 0 below the bins and 1 above them.
   */
  public double cdf(double value) {
    return cdf(value, logPartition());
  }

  /** {@link #cdf} given log Z: the exponentials of the bins up to the value's, no more. */
  private double cdf(double value, double logZ) {
    double scaled = toScaled(value);
    if (scaled <= bins.low()) {
      return 0;
    }
    if (scaled >= bins.high()) {
      return 1;
    }
    int bin = bins.binOf(scaled);
    double below = 0;
    for (int k = 0; k < bin; k++) {
      below += Math.exp(logits[k] - logZ);
    }
    double width = bins.edge(bin + 1) - bins.edge(bin);
    double inside = width > 0 ? (scaled - bins.edge(bin)) / width : 1;
    return Math.min(1, below + Math.exp(logits[bin] - logZ) * Math.max(0, Math.min(1, inside)));
  }

  /**
   * The surprisal of a realized value, -log of the predictive density at it, in nats per scaled
   * unit: per unit rather than per bin, so that bins of different widths compare. A value outside
   * the bins is charged the outer bin's density; the bin's mass is floored at {@code 1e-12}, so
   * that a value where the model put no mass gives a large but finite number.
   */
  public double surprisal(double value) {
    return surprisal(value, logPartition());
  }

  private double surprisal(double value, double logZ) {
    int bin = bins.binOf(toScaled(value));
    double logMass = logits[bin] - logZ;
    double width = bins.edge(bin + 1) - bins.edge(bin);
    return -(Math.max(logMass, Math.log(1e-12)) - Math.log(width));
  }

  /**
   * The {@link #cdf} (the PIT) and the {@link #surprisal} of a realized value, from one log Z: what
   * a monitor asks of every forecast whose actual arrives.
   */
  public Realized realized(double value) {
    double logZ = logPartition();
    return new Realized(cdf(value, logZ), surprisal(value, logZ));
  }

  /**
   * @param pit the probability integral transform, P(value' <= value)
   * @param surprisal -log predictive density at the value, nats per scaled unit
   */
  public record Realized(double pit, double surprisal) {}

  /** Mean of the bin centers under p, in the feed's units. */
  public double mean() {
    double[] p = probabilities();
    double mean = 0;
    for (int k = 0; k < p.length; k++) {
      mean += p[k] * bins.center(k);
    }
    return offset + scale * mean;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Prediction that
        && logits == that.logits
        && bins.equals(that.bins)
        && Double.compare(offset, that.offset) == 0
        && Double.compare(scale, that.scale) == 0
        && features == that.features;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        System.identityHashCode(logits), bins, offset, scale, System.identityHashCode(features));
  }

  @Override
  public String toString() {
    return "Prediction[logits="
        + logits.length
        + " floats, bins="
        + bins
        + ", offset="
        + offset
        + ", scale="
        + scale
        + ", features="
        + features.length
        + " floats]";
  }
}
