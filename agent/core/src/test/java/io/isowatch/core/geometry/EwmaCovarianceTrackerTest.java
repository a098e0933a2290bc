package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaCovarianceTrackerTest {
  private static final int DIM = 5;
  private static final double ALPHA = 0.05;
  private static final double[][] STREAM = Clouds.scaledAndShifted(300, DIM, 50);

  /**
   * Weights after t updates: (1 - alpha)^(t-1) for the first vector, alpha (1 - alpha)^(t-i) after.
   */
  private static double[] weights(int t) {
    double[] w = new double[t];
    for (int i = 0; i < t; i++) {
      w[i] = (i == 0 ? 1 : ALPHA) * Math.pow(1 - ALPHA, t - 1 - i);
    }
    return w;
  }

  private static EwmaCovarianceTracker feed(int t, int recomputeEvery) {
    EwmaCovarianceTracker tracker =
        EwmaCovarianceTracker.builder()
            .dim(DIM)
            .alpha(ALPHA)
            .recomputeEvery(recomputeEvery)
            .build();
    for (int i = 0; i < t; i++) {
      tracker.update(STREAM[i]);
    }
    return tracker;
  }

  @Test
  void meanAndCovarianceEqualTheExplicitlyWeightedBatch() {
    int t = 173;
    double[] w = weights(t);
    double weightSquares = 0;
    double[] mean = new double[DIM];
    for (int i = 0; i < t; i++) {
      weightSquares += w[i] * w[i];
      for (int j = 0; j < DIM; j++) {
        mean[j] += w[i] * STREAM[i][j];
      }
    }
    double[] covariance = new double[DIM * DIM];
    for (int i = 0; i < t; i++) {
      for (int r = 0; r < DIM; r++) {
        for (int c = 0; c < DIM; c++) {
          covariance[r * DIM + c] +=
              w[i] * (STREAM[i][r] - mean[r]) * (STREAM[i][c] - mean[c]) / (1 - weightSquares);
        }
      }
    }

    EwmaCovarianceTracker tracker = feed(t, 1000);

    assertThat(tracker.mean()).containsExactly(mean, within(1e-9));
    assertThat(tracker.covariance()).containsExactly(covariance, within(1e-9));
  }

  @Test
  void momentMeasuresEqualThoseOfTheWeightedBatch() {
    int t = 160; // a multiple of recomputeEvery, so latest() describes exactly t vectors
    double[] w = weights(t);
    EwmaCovarianceTracker tracker = feed(t, 32);
    Spectrum spectrum = Spectrum.of(symmetricEigenvalues(tracker.covariance()));

    MomentGeometry moments = tracker.latest().orElseThrow();

    double weightSquares = 0;
    double[] mean = new double[DIM];
    double meanNorm = 0;
    for (int i = 0; i < t; i++) {
      weightSquares += w[i] * w[i];
      meanNorm += w[i] * MeanNormRatio.norm(STREAM[i]);
      for (int j = 0; j < DIM; j++) {
        mean[j] += w[i] * STREAM[i][j];
      }
    }
    assertThat(moments.updates()).isEqualTo(t);
    assertThat(moments.effectiveSampleSize()).isCloseTo(1 / weightSquares, within(1e-9));
    assertThat(moments.rawAverageCosine()).isCloseTo(weightedPairCosine(w, t), within(1e-10));
    assertThat(moments.meanNormRatio())
        .isCloseTo(MeanNormRatio.norm(mean) / meanNorm, within(1e-10));
    assertThat(moments.isoScore()).isCloseTo(spectrum.isoScore(), within(1e-10));
    assertThat(moments.participationRatio()).isCloseTo(spectrum.participationRatio(), within(1e-9));
    assertThat(moments.effectiveDim80()).isEqualTo(spectrum.effectiveDimension(0.8));
  }

  @Test
  void withEqualSpreadTheWeightedCosineIsTheUsualAverageCosine() {
    // alpha = 1/2 and two vectors give weights 1/2, 1/2: the plain average cosine of the pair.
    EwmaCovarianceTracker tracker =
        EwmaCovarianceTracker.builder().dim(2).alpha(0.5).recomputeEvery(2).build();
    tracker.update(new double[] {1, 0});
    tracker.update(new double[] {1, 1});

    assertThat(tracker.latest().orElseThrow().rawAverageCosine())
        .isCloseTo(Math.sqrt(0.5), within(1e-15));
  }

  @Test
  void effectiveSampleSizeTendsToTwoMinusAlphaOverAlpha() {
    EwmaCovarianceTracker tracker = feed(300, 300);

    assertThat(tracker.latest().orElseThrow().effectiveSampleSize())
        .isCloseTo((2 - ALPHA) / ALPHA, within(0.01));
  }

  @Test
  void restoredTrackerContinuesExactlyLikeTheOriginal() {
    for (int stopAt : new int[] {0, 1, 45, 64}) {
      EwmaCovarianceTracker original = feed(stopAt, 16);
      EwmaCovarianceTracker restored = EwmaCovarianceTracker.restore(original.snapshot());
      assertThat(restored.snapshot()).isEqualTo(original.snapshot());

      for (int i = stopAt; i < STREAM.length; i++) {
        assertThat(restored.update(STREAM[i])).isEqualTo(original.update(STREAM[i]));
        assertThat(restored.latest()).isEqualTo(original.latest());
      }
      assertThat(restored.covariance()).containsExactly(original.covariance());
    }
  }

  @Test
  void halfLifeSetsTheDecay() {
    EwmaCovarianceTracker tracker = EwmaCovarianceTracker.builder().dim(3).halfLife(10).build();

    assertThat(Math.pow(1 - tracker.alpha(), 10)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void builderNamesTheFieldAtFault() {
    assertThatThrownBy(() -> EwmaCovarianceTracker.builder().dim(3).alpha(1).build())
        .hasMessage("alpha must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> EwmaCovarianceTracker.builder().dim(0).build())
        .hasMessage("dim must be at least 1, got 0");
    assertThatThrownBy(() -> EwmaCovarianceTracker.builder().halfLife(0))
        .hasMessage("halfLife must be positive, got 0.0");
  }

  @Test
  void memoryIsQuadraticInDimension() {
    assertThat(EwmaCovarianceTracker.memoryBytes(384) - EwmaCovarianceTracker.memoryBytes(0))
        .isEqualTo(8L * (384 * 384 + 4 * 384));
  }

  /** sum_{i != j} w_i w_j cos_ij / sum_{i != j} w_i w_j, by brute force. */
  private static double weightedPairCosine(double[] w, int t) {
    double numerator = 0;
    double denominator = 0;
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        if (i != j) {
          numerator += w[i] * w[j] * Clouds.cosine(STREAM[i], STREAM[j]);
          denominator += w[i] * w[j];
        }
      }
    }
    return numerator / denominator;
  }

  private static double[] symmetricEigenvalues(double[] rowMajor) {
    return SymmetricEigen.of(org.ejml.data.DMatrixRMaj.wrap(DIM, DIM, rowMajor), false).values();
  }
}
