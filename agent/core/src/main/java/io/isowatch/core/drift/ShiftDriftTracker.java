package io.isowatch.core.drift;

import io.isowatch.core.math.LogSumExp;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.Optional;

/**
 * Tracks how a feed's predictive logits drift: the first {@code referenceSize} predictions fix a
 * reference (mean logits z_ref and mean distribution p_ref); the last {@code recentSize}
 * predictions are "now". Softmax is blind to adding a constant to every logit, so the shift dz =
 * z_now - z_ref is split into its common part a (invisible) and the rest r (visible); log Z is
 * tracked for the same reason: a model whose log-partition wanders is one whose logits are not
 * pinned (the paper's argument for isotropy).
 *
 * <p>Memory: the recent logits ring, recentSize x K doubles, plus 3 vectors of K: 8·K·(recent+3)
 * bytes. If the number of classes changes (a head that re-cut its bins), the tracker starts over.
 */
public final class ShiftDriftTracker {
  static final String SNAPSHOT_KIND = "shift-drift";
  static final int SNAPSHOT_VERSION = 1;

  private final int referenceSize;
  private final int recentSize;
  private int classes;
  private double[] referenceLogitSum;
  private double[] referenceProbabilitySum;
  private int referenceCount;
  private double[][] recent;
  private int recentCount;
  private int next;

  private ShiftDriftTracker(int referenceSize, int recentSize) {
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
    return 8L * classes * (recentSize + 3) + 64;
  }

  /** Adds the logits of one ready prediction. */
  public void update(Prediction prediction) {
    double[] logits = prediction.logits();
    if (logits.length != classes) {
      reset(logits.length);
    }
    if (referenceCount < referenceSize) {
      double[] p = prediction.probabilities();
      for (int k = 0; k < classes; k++) {
        referenceLogitSum[k] += logits[k];
        referenceProbabilitySum[k] += p[k];
      }
      referenceCount++;
    }
    recent[next] = logits.clone();
    next = (next + 1) % recentSize;
    recentCount = Math.min(recentCount + 1, recentSize);
  }

  private void reset(int newClasses) {
    classes = newClasses;
    referenceLogitSum = new double[classes];
    referenceProbabilitySum = new double[classes];
    referenceCount = 0;
    recent = new double[recentSize][];
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
    for (int i = 0; i < recentCount; i++) {
      double[] z = recent[i];
      double logZ = LogSumExp.of(z);
      logZSum += logZ;
      logZSquares += logZ * logZ;
      for (int k = 0; k < classes; k++) {
        meanLogits[k] += z[k] / recentCount;
        double logP = z[k] - logZ;
        double p = Math.exp(logP);
        meanProbabilities[k] += p / recentCount;
        entropySum -= p * logP;
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

  public byte[] snapshot() {
    SnapshotWriter out =
        SnapshotWriter.start(SNAPSHOT_KIND, SNAPSHOT_VERSION)
            .writeInt(referenceSize)
            .writeInt(recentSize)
            .writeInt(classes)
            .writeInt(referenceCount)
            .writeInt(recentCount)
            .writeInt(next);
    if (classes > 0) {
      out.writeDoubles(referenceLogitSum).writeDoubles(referenceProbabilitySum);
      for (int i = 0; i < recentCount; i++) {
        out.writeDoubles(recent[i]);
      }
    }
    return out.toByteArray();
  }

  public static ShiftDriftTracker restore(byte[] snapshot) {
    SnapshotReader in = SnapshotReader.open(snapshot, SNAPSHOT_KIND, SNAPSHOT_VERSION);
    ShiftDriftTracker tracker = new ShiftDriftTracker(in.readInt(), in.readInt());
    int classes = in.readInt();
    int referenceCount = in.readInt();
    int recentCount = in.readInt();
    int next = in.readInt();
    if (tracker.referenceSize < 1
        || tracker.recentSize < 1
        || recentCount > tracker.recentSize
        || next >= tracker.recentSize) {
      throw new CorruptSnapshotException("shift-drift snapshot has inconsistent sizes");
    }
    if (classes > 0) {
      tracker.reset(classes);
      tracker.referenceLogitSum = requireLength(in.readDoubles(), classes);
      tracker.referenceProbabilitySum = requireLength(in.readDoubles(), classes);
      for (int i = 0; i < recentCount; i++) {
        tracker.recent[i] = requireLength(in.readDoubles(), classes);
      }
      tracker.referenceCount = referenceCount;
      tracker.recentCount = recentCount;
      tracker.next = next;
    }
    in.finish();
    return tracker;
  }

  private static double[] requireLength(double[] values, int classes) {
    if (values.length != classes) {
      throw new CorruptSnapshotException(
          "shift-drift snapshot has a vector of " + values.length + ", expected " + classes);
    }
    return values;
  }
}
