package io.isowatch.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TcpdScoreTest {

  @Test
  void aPredictionExactlyFivePointsAwayCountsAndSixDoesNot() {
    List<List<Integer>> one = List.of(List.of(50));

    TcpdScore five = TcpdScore.of(one, new int[] {55}, 100);
    TcpdScore six = TcpdScore.of(one, new int[] {56}, 100);
    TcpdScore earlyFive = TcpdScore.of(one, new int[] {45}, 100);

    // with 0 added to both sides: truth {0, 50}, prediction {0, 55}: 2 of 2
    assertThat(five.precision()).isEqualTo(1.0);
    assertThat(five.recall()).isEqualTo(1.0);
    assertThat(earlyFive.f1()).isEqualTo(1.0);
    // {0, 56}: only 0 matches: P = 1/2, R = 1/2
    assertThat(six.precision()).isEqualTo(0.5);
    assertThat(six.recall()).isEqualTo(0.5);
    assertThat(six.f1()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void onePredictionDetectsOneChangePointAtMost() {
    TreeSet<Integer> truth = new TreeSet<>(List.of(0, 50, 53));
    TreeSet<Integer> prediction = new TreeSet<>(List.of(0, 51));

    assertThat(TcpdScore.truePositives(truth, prediction)).isEqualTo(2);
  }

  @Test
  void recallAveragesOverAnnotatorsAndPrecisionUsesTheirUnion() {
    // annotator A: {0, 20}; annotator B: {0, 20, 70}; prediction {0, 21, 90}
    TcpdScore score = TcpdScore.of(List.of(List.of(20), List.of(20, 70)), new int[] {21, 90}, 100);

    double precision = 2.0 / 3; // 0 and 21 match the union {0, 20, 70}
    double recall = (2.0 / 2 + 2.0 / 3) / 2;
    assertThat(score.precision()).isCloseTo(precision, within(1e-12));
    assertThat(score.recall()).isCloseTo(recall, within(1e-12));
    assertThat(score.f1()).isCloseTo(2 * precision * recall / (precision + recall), within(1e-12));
  }

  @Test
  void aSeriesWithoutChangePointsScoresOneForASilentDetector() {
    TcpdScore score = TcpdScore.of(List.of(List.of(), List.of()), new int[0], 200);

    assertThat(score.f1()).isEqualTo(1.0);
    assertThat(score.covering()).isEqualTo(1.0);
  }

  @Test
  void theCoveringOfAPerfectSegmentationIsOne() {
    TcpdScore score = TcpdScore.of(List.of(List.of(30, 60)), new int[] {30, 60}, 100);

    assertThat(score.covering()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theCoveringOfAHandWorkedCaseFollowsTheDefinition() {
    // truth segments [0,50) [50,100); prediction [0,40) [40,100)
    // [0,50): best Jaccard with [0,40) = 40/50; [50,100): with [40,100) = 50/60
    double expected = (50 * (40.0 / 50) + 50 * (50.0 / 60)) / 100;

    assertThat(TcpdScore.of(List.of(List.of(50)), new int[] {40}, 100).covering())
        .isCloseTo(expected, within(1e-12));
  }
}
