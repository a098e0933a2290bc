package io.isowatch.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.evaluation.data.IndexRange;
import io.isowatch.evaluation.data.Truth;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabScoreTest {
  // One window of 100 rows at 1000..1099 in a file whose probation ends at 150.
  private static final Truth.AnomalyWindows ONE_WINDOW =
      new Truth.AnomalyWindows(List.of(new IndexRange(1000, 1099)), 150);

  /** NAB's scaled sigmoid, written out here independently: 2 / (1 + e^(5x)) - 1. */
  private static double sigma(double x) {
    return 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
  }

  @Test
  void aDetectionAtTheWindowsFirstRowEarnsTheFullTruePositiveWeight() {
    NabScore score = NabScore.of(ONE_WINDOW, new int[] {1000});

    assertThat(score.raw()).isCloseTo(1.0, within(1e-12));
    assertThat(score.truePositives()).isEqualTo(1);
    assertThat(score.falseNegatives()).isZero();
  }

  @Test
  void aDetectionAtTheWindowsLastRowEarnsAlmostNothing() {
    NabScore score = NabScore.of(ONE_WINDOW, new int[] {1099});

    // position -(1099 - 1099 + 1) / 100 = -0.01
    double expected = sigma(-0.01) / sigma(-1.0);
    assertThat(score.raw()).isCloseTo(expected, within(1e-12));
    assertThat(expected).isBetween(0.0, 0.03);
  }

  @Test
  void onlyTheFirstDetectionInAWindowCounts() {
    NabScore first = NabScore.of(ONE_WINDOW, new int[] {1050});
    NabScore more = NabScore.of(ONE_WINDOW, new int[] {1050, 1060, 1098});

    assertThat(more.raw()).isEqualTo(first.raw());
    assertThat(more.falsePositives()).isZero();
  }

  @Test
  void aFalsePositiveBeforeAnyWindowCostsTheFullFalsePositiveWeight() {
    NabScore score = NabScore.of(ONE_WINDOW, new int[] {500, 1000});

    assertThat(score.raw()).isCloseTo(1.0 - 0.11, within(1e-12));
    assertThat(score.falsePositives()).isEqualTo(1);
  }

  @Test
  void aFalsePositiveJustAfterAWindowCostsLittleAndOneFarAfterCostsTheFullWeight() {
    NabScore near = NabScore.of(ONE_WINDOW, new int[] {1000, 1104});
    NabScore far = NabScore.of(ONE_WINDOW, new int[] {1000, 1500});

    // 5 rows after the end, over (length - 1) = 99: sigma(5/99) is slightly negative
    assertThat(near.raw()).isCloseTo(1.0 + 0.11 * sigma(5.0 / 99), within(1e-12));
    assertThat(near.raw()).isBetween(0.97, 1.0);
    // 401 rows after: beyond 3 window lengths, sigma is -1
    assertThat(far.raw()).isCloseTo(1.0 - 0.11, within(1e-12));
  }

  @Test
  void detectionsInTheProbationaryPeriodAreNotScored() {
    NabScore score = NabScore.of(ONE_WINDOW, new int[] {10, 149});

    assertThat(score.falsePositives()).isZero();
    assertThat(score.raw()).isEqualTo(-1.0);
  }

  @Test
  void aMissedWindowCostsTheFalseNegativeWeight() {
    NabScore score = NabScore.of(ONE_WINDOW, new int[] {});

    assertThat(score.raw()).isEqualTo(-1.0);
    assertThat(score.falseNegatives()).isEqualTo(1);
  }

  @Test
  void theNormalizedScoreIsZeroForTheNullDetectorAndHundredForThePerfectOne() {
    Truth.AnomalyWindows two =
        new Truth.AnomalyWindows(List.of(new IndexRange(300, 399), new IndexRange(700, 749)), 150);
    Truth.AnomalyWindows none = new Truth.AnomalyWindows(List.of(), 150);

    double nothing =
        NabScore.normalized(
            List.of(NabScore.of(ONE_WINDOW, new int[0]), NabScore.of(two, new int[0])));
    double perfect =
        NabScore.normalized(
            List.of(
                NabScore.of(ONE_WINDOW, new int[] {1000}),
                NabScore.of(two, new int[] {300, 700}),
                NabScore.of(none, new int[0])));

    assertThat(nothing).isCloseTo(0.0, within(1e-9));
    assertThat(perfect).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void theNormalizedScoreOfAMixedDetectorFollowsTheFormula() {
    Truth.AnomalyWindows two =
        new Truth.AnomalyWindows(List.of(new IndexRange(300, 399), new IndexRange(700, 749)), 150);
    // hits the first window halfway, misses the second, one false positive before the first
    NabScore score = NabScore.of(two, new int[] {200, 350});

    double raw = -0.11 + sigma(-(399 - 350 + 1) / 100.0) / sigma(-1.0) - 1.0;
    assertThat(score.raw()).isCloseTo(raw, within(1e-12));
    // null = -2, perfect = +2
    assertThat(NabScore.normalized(List.of(score))).isCloseTo(100 * (raw + 2) / 4, within(1e-9));
  }
}
