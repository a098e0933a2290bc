package io.isowatch.core.predict;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Window;
import io.isowatch.core.math.LogSumExp;
import java.util.Locale;
import java.util.Optional;

/**
 * The paper's model for an encoder without a head: a softmax over K value bins on the window
 * vector, z = W x + b with x the unit-normalized pooled embedding, trained online by multinomial
 * logistic regression (cross-entropy, Adagrad, L2 on W) as each next value arrives.
 *
 * <p>Targets are framed like the text encoder frames its input: the value after a window is written
 * in that window's min-max units, (y - min) / (max - min), so the head learns "where the next value
 * falls relative to the window it has seen". Until {@code warmup} targets have arrived the head is
 * not {@link #ready()}; with quantile binning its bins are then cut from those targets (the last
 * {@code warmup} of them once they hold two distinct values: a feed that starts flat warms up on).
 *
 * <p>Memory: K x (d + 1) weights and as many Adagrad accumulators, as floats: 8·K·(d+1) bytes (98.6
 * KB for K = 32, d = 384), plus the warm-up targets.
 */
public final class OnlineLogLinearHead implements SoftmaxSource {
  private static final double ADAGRAD_EPSILON = 1e-8;

  // package-private for OnlineLogLinearHeadCodec, the only other reader and writer
  private final HeadSettings settings;
  final int width;
  final double[] warmupTargets;
  int warmupSeen;
  ValueBins bins;

  /** Row k holds w_k (width entries) then b_k. */
  float[] weights;

  float[] squaredGradients;

  OnlineLogLinearHead(HeadSettings settings, int width) {
    this.settings = settings;
    this.width = width;
    this.warmupTargets = new double[settings.warmup()];
    this.bins = provisionalBins(settings);
    this.weights = new float[bins.count() * (width + 1)];
    this.squaredGradients = new float[weights.length];
  }

  /** An untrained head on window vectors of {@code width} dimensions. */
  public static OnlineLogLinearHead create(HeadSettings settings, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, got " + width);
    }
    return new OnlineLogLinearHead(settings, width);
  }

  /** Bytes of state a head with these settings holds. */
  public static long memoryBytes(HeadSettings settings, int width) {
    return 8L * settings.bins() * (width + 1) + 8L * settings.warmup() + 64;
  }

  private static ValueBins provisionalBins(HeadSettings settings) {
    return ValueBins.uniform(settings.low(), settings.high(), settings.bins());
  }

  @Override
  public Optional<Prediction> predict(Window window, Embedding embedding) {
    float[] features = features(embedding.pooled());
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < window.length(); i++) {
      min = Math.min(min, window.value(i));
      max = Math.max(max, window.value(i));
    }
    double range = max > min ? max - min : Math.max(Math.abs(max), 1.0) * 1e-6;
    return Optional.of(new Prediction(logits(features), bins, min, range, features));
  }

  /** z = W x + b for unit-normalized features x. */
  double[] logits(float[] features) {
    int stride = width + 1;
    double[] logits = new double[bins.count()];
    for (int k = 0; k < logits.length; k++) {
      int row = k * stride;
      double z = weights[row + width];
      for (int j = 0; j < width; j++) {
        z += weights[row + j] * features[j];
      }
      logits[k] = z;
    }
    return logits;
  }

  private float[] features(float[] pooled) {
    if (pooled.length != width) {
      throw new IllegalArgumentException(
          "window vector has " + pooled.length + " dimensions, the head expects " + width);
    }
    double norm = 0;
    for (float v : pooled) {
      norm += (double) v * v;
    }
    norm = Math.sqrt(norm);
    float[] x = new float[width];
    if (norm > 0) {
      for (int j = 0; j < width; j++) {
        x[j] = (float) (pooled[j] / norm);
      }
    }
    return x;
  }

  @Override
  public void learn(Prediction prediction, double actual) {
    if (!Double.isFinite(actual)) {
      return;
    }
    double target = prediction.toScaled(actual);
    if (!ready()) {
      warmupTargets[warmupSeen++] = target;
      if (ready() && settings.binning() == HeadSettings.Binning.QUANTILE) {
        if (!ValueBins.canCutQuantiles(warmupTargets)) {
          // A flat stretch has no quantiles: keep warming up on the newest targets instead.
          System.arraycopy(warmupTargets, 1, warmupTargets, 0, warmupTargets.length - 1);
          warmupSeen--;
          return;
        }
        bins = ValueBins.quantiles(warmupTargets, settings.bins());
        weights = new float[bins.count() * (width + 1)];
        squaredGradients = new float[weights.length];
      }
      return;
    }
    step(prediction.features(), bins.binOf(target));
  }

  /** One Adagrad step on the cross-entropy of class {@code target} given features x. */
  private void step(float[] features, int target) {
    double[] z = logits(features);
    double logZ = LogSumExp.of(z);
    int stride = width + 1;
    double rate = settings.learningRate();
    for (int k = 0; k < z.length; k++) {
      double gradient = Math.exp(z[k] - logZ) - (k == target ? 1 : 0);
      int row = k * stride;
      for (int j = 0; j < width; j++) {
        int index = row + j;
        double g = gradient * features[j] + settings.l2() * weights[index];
        squaredGradients[index] += (float) (g * g);
        weights[index] -=
            (float) (rate * g / (Math.sqrt(squaredGradients[index]) + ADAGRAD_EPSILON));
      }
      int bias = row + width;
      squaredGradients[bias] += (float) (gradient * gradient);
      weights[bias] -=
          (float) (rate * gradient / (Math.sqrt(squaredGradients[bias]) + ADAGRAD_EPSILON));
    }
  }

  @Override
  public boolean ready() {
    return warmupSeen >= warmupTargets.length;
  }

  /** The bins predictions are made over (provisional uniform ones until quantile bins are cut). */
  public ValueBins bins() {
    return bins;
  }

  /** This head's state as bytes; {@link OnlineLogLinearHeadCodec} holds the layout. */
  @Override
  public byte[] snapshot() {
    return OnlineLogLinearHeadCodec.write(this);
  }

  /** A head that continues where the one that wrote {@code snapshot} stopped. */
  public static OnlineLogLinearHead restore(byte[] snapshot, HeadSettings settings) {
    return OnlineLogLinearHeadCodec.read(snapshot, settings);
  }

  @Override
  public long memoryBytes() {
    return memoryBytes(settings, width);
  }

  @Override
  public String describe() {
    return "online log-linear head, "
        + settings.bins()
        + " "
        + settings.binning().name().toLowerCase(Locale.ROOT)
        + " bins";
  }

  @Override
  public String toString() {
    return describe() + " (" + (ready() ? "ready" : warmupSeen + " warm-up targets") + ")";
  }
}
