package io.isowatch.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.risk.LinearRiskModel;
import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVector;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustScorerCodecTest {
  private static final TrustSettings SETTINGS =
      TrustSettings.forFalseAlarmRate(0.1).withCalibration(9, 32);
  private static final RiskModel MODEL = model(new SplittableRandom(7));

  /** Evaluations in the seeded state: past the 32-risk history, so both rings have wrapped. */
  private static final int SEEDED = 50;

  /**
   * Features the seeded input draws: the count when the v3 fixture was written. Features added
   * since are neutral (weight 0, input 0), so the seeded state, and the fixture, stay the same
   * whatever the vector's length.
   */
  private static final int DRAWN_FEATURES = 51;

  private static RiskModel model(SplittableRandom random) {
    int n = RiskFeatures.count();
    double[] mean = new double[n];
    double[] scale = new double[n];
    double[] weight = new double[n];
    Arrays.fill(scale, 1);
    for (int i = 0; i < DRAWN_FEATURES; i++) {
      mean[i] = random.nextGaussian();
      scale[i] = 0.5 + random.nextDouble();
      weight[i] = random.nextGaussian();
    }
    return new LinearRiskModel("fixture", mean, scale, weight, -2);
  }

  /** One evaluation; the change statistic is NaN for the first few, as while raw values fill. */
  private static TrustReading evaluate(TrustScorer scorer, SplittableRandom random, int k) {
    double[] x = new double[RiskFeatures.count()];
    for (int i = 0; i < DRAWN_FEATURES; i++) {
      x[i] = random.nextGaussian();
    }
    double peak = k < 5 ? Double.NaN : Math.abs(random.nextGaussian()) * (1 + k % 3);
    return scorer.evaluate(new SignalVector(x), peak);
  }

  private static TrustScorer seeded() {
    TrustScorer scorer = new TrustScorer(SETTINGS, MODEL);
    SplittableRandom random = new SplittableRandom(31);
    for (int k = 0; k < SEEDED; k++) {
      evaluate(scorer, random, k);
    }
    return scorer;
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        TrustScorerCodec.KIND, TrustScorerCodec.VERSION, TrustScorerCodec.write(seeded()));
  }

  /** Version 3 did not name the risk model: its risks are taken as the current model's. */
  @ParameterizedTest
  @ValueSource(ints = {3, 4})
  void versionsFrom3ContinueLikeAFreshScorerFedTheSameInput(int version) {
    TrustScorer fresh = seeded();
    TrustScorer restored =
        TrustScorerCodec.read(SnapshotFixtures.load("trust-scorer", version), SETTINGS, MODEL);

    assertThat(restored.evaluationsUntilReady()).isEqualTo(fresh.evaluationsUntilReady());
    // same continuation into both: p-values depend on both histories and the draw counter
    SplittableRandom next = new SplittableRandom(47);
    SplittableRandom sameNext = new SplittableRandom(47);
    for (int k = SEEDED; k < SEEDED + 20; k++) {
      TrustReading expected = evaluate(fresh, next, k);
      assertThat(evaluate(restored, sameNext, k)).isEqualTo(expected);
    }
  }

  /**
   * Restored with another risk model, the scorer leaves the old model's risks behind and calibrates
   * again, as a fresh scorer would: it keeps the change statistic's history and the draw counter.
   */
  @Test
  void restoredWithAnotherRiskModelTheScoreCalibratesAgainstItsOwnRisks() {
    TrustScorer seeded = seeded();
    assertThat(seeded.evaluationsUntilReady()).isZero();
    RiskModel other = model(new SplittableRandom(8));

    TrustScorer restored = TrustScorerCodec.read(TrustScorerCodec.write(seeded), SETTINGS, other);

    assertThat(restored.evaluationsUntilReady())
        .isEqualTo(new TrustScorer(SETTINGS, other).evaluationsUntilReady())
        .isEqualTo(SETTINGS.calibration() + SETTINGS.delay());
    assertThat(restored.risks.added()).isZero();
    assertThat(restored.peaks.added()).isEqualTo(seeded.peaks.added()).isPositive();
    assertThat(restored.evaluations).isEqualTo(seeded.evaluations);
  }

  /** Formats 1 and 2 are refused from their header alone, before any field is read. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void formatsBeforeTheChangeStatisticAreRefusedWithAdvice(int version) {
    assertThatThrownBy(
            () ->
                TrustScorerCodec.read(
                    SnapshotFixtures.header("trust-scorer", version), SETTINGS, MODEL))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "trust-scorer snapshot of format "
                + version
                + " predates the change statistic (format 3); start this feed's state afresh");
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                TrustScorerCodec.read(SnapshotFixtures.header("trust-scorer", 5), SETTINGS, MODEL))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'trust-scorer' snapshot has format version 5, this build reads versions 1 to 4: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                TrustScorerCodec.read(SnapshotFixtures.header("trust-policy", 2), SETTINGS, MODEL))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'trust-policy' state, expected 'trust-scorer': "
                + SnapshotAdvice.MISMATCH);
  }
}
