package io.isowatch.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.math.FloatArrays;
import io.isowatch.core.math.LogSumExp;
import io.isowatch.core.math.Softmax;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.ValueBins;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftDriftTrackerTest {
  private static final ValueBins BINS = ValueBins.uniform(0, 1, 6);

  private static Prediction prediction(double[] logits) {
    return new Prediction(logits, BINS, 1, new float[0]);
  }

  /**
   * Gaussian logits on a grid of 2^-10, which floats hold exactly, as do their sums with the
   * constants below: a prediction's logits are the test's own, not roundings of them.
   */
  private static double[] randomLogits(SplittableRandom random) {
    double[] z = new double[BINS.count()];
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.rint(random.nextGaussian() * 1024) / 1024;
    }
    return z;
  }

  private static double[] plus(double[] z, double c) {
    double[] out = z.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] += c;
    }
    return out;
  }

  /**
   * The signals computed the straightforward way: every recent prediction's log Z, softmax and
   * entropy afresh, and every share a division. {@code recent} is in the tracker's slot order.
   */
  private static ShiftDrift straightforward(
      float[][] recent, int count, double[] referenceLogits, double[] referenceP, int references) {
    int classes = referenceLogits.length;
    double[] meanLogits = new double[classes];
    double[] meanProbabilities = new double[classes];
    double logZSum = 0;
    double logZSquares = 0;
    double entropySum = 0;
    for (int i = 0; i < count; i++) {
      float[] z = recent[i];
      double logZ = LogSumExp.of(FloatArrays.widened(z));
      double[] probabilities = Softmax.of(z);
      logZSum += logZ;
      logZSquares += logZ * logZ;
      double entropy = 0; // this prediction's, then added to the sum over predictions
      for (int k = 0; k < classes; k++) {
        double zk = z[k]; // widened: a float divided by an int would be a float
        meanLogits[k] += zk / count;
        double logP = zk - logZ;
        double p = probabilities[k];
        meanProbabilities[k] += p / count;
        entropy -= p * logP;
      }
      entropySum += entropy;
    }
    double logZMean = logZSum / count;
    double logZSpread = Math.sqrt(Math.max(0, logZSquares / count - logZMean * logZMean));
    double[] shift = new double[classes];
    double common = 0;
    for (int k = 0; k < classes; k++) {
      shift[k] = meanLogits[k] - referenceLogits[k] / references;
      common += shift[k] / classes;
    }
    double effectiveSquares = 0;
    for (int k = 0; k < classes; k++) {
      double visible = shift[k] - common;
      effectiveSquares += visible * visible;
    }
    double effective = Math.sqrt(effectiveSquares);
    double total = Math.abs(common) + effective;
    double divergence = 0;
    for (int k = 0; k < classes; k++) {
      double reference = referenceP[k] / references;
      if (reference > 0) {
        divergence += reference * Math.log(reference / Math.max(meanProbabilities[k], 1e-300));
      }
    }
    return new ShiftDrift(
        logZMean,
        logZSpread,
        common,
        effective,
        total > 0 ? Math.abs(common) / total : 0,
        entropySum / count,
        divergence);
  }

  @Test
  void signalsAreThoseOfTheStraightforwardComputationBitForBit() {
    for (int recentSize : new int[] {3, 4, 5, 16}) {
      SplittableRandom random = new SplittableRandom(recentSize);
      int referenceSize = 6;
      ShiftDriftTracker tracker = ShiftDriftTracker.create(referenceSize, recentSize);
      float[][] recent = new float[recentSize][];
      double[] referenceLogits = new double[BINS.count()];
      double[] referenceP = new double[BINS.count()];
      for (int i = 0; i < 50; i++) {
        Prediction prediction = prediction(plus(randomLogits(random), i % 5 * 0.75));
        tracker.update(prediction);
        if (i < referenceSize) {
          double[] p = prediction.probabilities();
          for (int k = 0; k < p.length; k++) {
            referenceLogits[k] += prediction.logits()[k];
            referenceP[k] += p[k];
          }
        }
        recent[i % recentSize] = prediction.logits().clone();
        int count = Math.min(i + 1, recentSize);
        if (i + 1 >= referenceSize) {
          assertThat(tracker.current())
              .as("recent %d, after %d predictions", recentSize, i + 1)
              .contains(straightforward(recent, count, referenceLogits, referenceP, referenceSize));
        }
      }
    }
  }

  @Test
  void keptLogPartitionsGiveTheSignalsOfAFreshComputationBitForBit() {
    SplittableRandom random = new SplittableRandom(17);
    ShiftDriftTracker tracker = ShiftDriftTracker.create(5, 4);
    for (int i = 0; i < 40; i++) {
      tracker.update(prediction(plus(randomLogits(random), i % 7 * 0.25)));
      if (i % 3 == 0 || i > 30) {
        // a restored tracker keeps no log Z, so it computes every slot's afresh
        Optional<ShiftDrift> fresh = ShiftDriftTracker.restore(tracker.snapshot()).current();
        assertThat(tracker.current()).isEqualTo(fresh);
      }
    }
    assertThat(tracker.current()).isPresent();
  }

  @Test
  void addingAConstantToEveryLogitMovesOnlyTheCommonPart() {
    SplittableRandom random = new SplittableRandom(5);
    double[] z = randomLogits(random);
    ShiftDriftTracker tracker = ShiftDriftTracker.create(4, 4);
    for (int i = 0; i < 4; i++) {
      tracker.update(prediction(z));
    }
    ShiftDrift before = tracker.current().orElseThrow();
    assertThat(before.common()).isCloseTo(0, within(1e-12));
    assertThat(before.effective()).isCloseTo(0, within(1e-12));

    for (int i = 0; i < 4; i++) {
      tracker.update(prediction(plus(z, 2.5)));
    }
    ShiftDrift after = tracker.current().orElseThrow();
    assertThat(after.common()).isCloseTo(2.5, within(1e-12));
    assertThat(after.effective()).isCloseTo(0, within(1e-12));
    assertThat(after.commonShare()).isCloseTo(1, within(1e-12));
    // softmax cannot see it: same entropy, no divergence; but log Z moved by exactly the constant
    assertThat(after.divergence()).isCloseTo(0, within(1e-12));
    assertThat(after.entropy()).isCloseTo(before.entropy(), within(1e-12));
    assertThat(after.logPartitionMean() - before.logPartitionMean()).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void aZeroMeanShiftIsAllEffectiveAndItsDivergenceMatchesADirectComputation() {
    double[] z = {0.5, -1, 2, 0, 1, -0.5};
    double[] v = {1, -1, 0.5, -0.5, 0.25, -0.25}; // sums to 0
    double[] shifted = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      shifted[k] = z[k] + v[k];
    }
    ShiftDriftTracker tracker = ShiftDriftTracker.create(1, 1);
    tracker.update(prediction(z));
    tracker.update(prediction(shifted));
    ShiftDrift drift = tracker.current().orElseThrow();

    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    assertThat(drift.common()).isCloseTo(0, within(1e-12));
    assertThat(drift.effective()).isCloseTo(Math.sqrt(norm), within(1e-12));
    assertThat(drift.commonShare()).isCloseTo(0, within(1e-12));

    double logZRef = LogSumExp.of(z);
    double logZNow = LogSumExp.of(shifted);
    double kl = 0;
    double entropy = 0;
    for (int k = 0; k < z.length; k++) {
      double pRef = Math.exp(z[k] - logZRef);
      double pNow = Math.exp(shifted[k] - logZNow);
      kl += pRef * Math.log(pRef / pNow);
      entropy -= pNow * Math.log(pNow);
    }
    assertThat(drift.divergence()).isCloseTo(kl, within(1e-12));
    assertThat(drift.entropy()).isCloseTo(entropy, within(1e-12));
    assertThat(drift.logPartitionMean()).isCloseTo(logZNow, within(1e-12));
  }

  @Test
  void logPartitionSpreadIsTheStandardDeviationOverTheRecentPredictions() {
    SplittableRandom random = new SplittableRandom(9);
    ShiftDriftTracker tracker = ShiftDriftTracker.create(2, 5);
    double[] logZ = new double[7];
    for (int i = 0; i < 7; i++) {
      double[] z = randomLogits(random);
      logZ[i] = LogSumExp.of(z);
      tracker.update(prediction(z));
    }
    double mean = 0;
    for (int i = 2; i < 7; i++) {
      mean += logZ[i] / 5;
    }
    double variance = 0;
    for (int i = 2; i < 7; i++) {
      variance += (logZ[i] - mean) * (logZ[i] - mean) / 5;
    }
    ShiftDrift drift = tracker.current().orElseThrow();
    assertThat(drift.logPartitionMean()).isCloseTo(mean, within(1e-12));
    assertThat(drift.logPartitionSpread()).isCloseTo(Math.sqrt(variance), within(1e-9));
  }

  @Test
  void isEmptyUntilTheReferenceIsCompleteAndRestoresToTheSameState() {
    SplittableRandom random = new SplittableRandom(2);
    ShiftDriftTracker tracker = ShiftDriftTracker.create(3, 4);
    tracker.update(prediction(randomLogits(random)));
    assertThat(tracker.current()).isEmpty();
    for (int i = 0; i < 6; i++) {
      tracker.update(prediction(randomLogits(random)));
    }
    ShiftDriftTracker copy = ShiftDriftTracker.restore(tracker.snapshot());
    double[] z = randomLogits(random);
    tracker.update(prediction(z));
    copy.update(prediction(z));
    assertThat(copy.current()).isEqualTo(tracker.current());
  }
}
