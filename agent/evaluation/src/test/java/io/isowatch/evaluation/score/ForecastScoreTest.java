package io.isowatch.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastScoreTest {

  @Test
  void theAurocOfAConstantScoreIsOneHalf() {
    double[] scores = new double[10];
    boolean[] positive = {true, false, false, true, false, false, false, true, false, false};

    assertThat(ForecastScore.auroc(scores, positive)).isEqualTo(0.5);
  }

  @Test
  void theAurocOfAPerfectScoreIsOneAndOfItsReverseZero() {
    double[] scores = {0.1, 0.2, 0.3, 0.9, 0.95};
    boolean[] positive = {false, false, false, true, true};
    double[] reversed = Arrays.stream(scores).map(s -> -s).toArray();

    assertThat(ForecastScore.auroc(scores, positive)).isEqualTo(1.0);
    assertThat(ForecastScore.auroc(reversed, positive)).isEqualTo(0.0);
  }

  @Test
  void theAurocCountsPairsWithTiesAsHalf() {
    // positives {2, 1}, negatives {1, 0}: pairs (2>1) (2>0) (1=1 half) (1>0) = 3.5 of 4
    double[] scores = {2, 1, 1, 0};
    boolean[] positive = {true, true, false, false};

    assertThat(ForecastScore.auroc(scores, positive)).isEqualTo(3.5 / 4);
  }

  @Test
  void theThresholdLetsAtMostTheFalseAlarmRateOfNegativesAboveIt() {
    List<Double> negatives = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);

    assertThat(ForecastScore.thresholdAtFar(negatives, 0.1)).isEqualTo(9.0);
    assertThat(ForecastScore.thresholdAtFar(negatives, 0.05)).isEqualTo(10.0);
  }

  @Test
  void errorEventsMarkTheForecastsThatSpanAJump() {
    Random random = new Random(7);
    double[] values = new double[600];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + random.nextGaussian() + (i >= 400 ? 30 : 0);
    }

    ErrorEvents events = ErrorEvents.of(values, Forecaster.lastValue(), 16);

    // every naive forecast made in the 16 steps before the jump carries it: far above the
    // realized quantile of the noise before
    for (int t = 384; t < 399; t++) {
      assertThat(events.judged()[t]).isTrue();
      assertThat(events.event()[t]).as("forecast made at %d", t).isTrue();
    }
    assertThat(events.judged()[50]).isFalse();
    long early = 0;
    for (int t = 0; t < 380; t++) {
      early += events.event()[t] ? 1 : 0;
    }
    // the 99% quantile of the noise flags about 1% of the quiet forecasts
    assertThat(early).isLessThan(15);
  }

  @Test
  void aScoreThatRisesBeforeTheJumpPredictsItWithALeadTime() {
    Random random = new Random(11);
    double[] values = new double[600];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + random.nextGaussian() + (i >= 400 ? 30 : 0);
    }
    ErrorEvents events = ErrorEvents.of(values, Forecaster.lastValue(), 16);
    double[] warning = new double[600];
    for (int t = 0; t < 600; t++) {
      warning[t] = t >= 370 && t < 400 ? 1 : 0;
    }

    ForecastScore score = ForecastScore.of(warning, events, 200, 0.05);
    ForecastScore blind = ForecastScore.of(new double[600], events, 200, 0.05);

    // a 0/1 score's AUROC is (1 + TPR - FPR) / 2; the targets derived here from the events
    int positives = 0;
    int negatives = 0;
    int truePositives = 0;
    int falsePositives = 0;
    for (int t = 200; t + 16 <= 600; t++) {
      boolean any = false;
      for (int s = t; s < t + 16; s++) {
        any |= events.event()[s];
      }
      if (any) {
        positives++;
        truePositives += warning[t] > 0 ? 1 : 0;
      } else {
        negatives++;
        falsePositives += warning[t] > 0 ? 1 : 0;
      }
    }
    double expected =
        (1 + truePositives / (double) positives - falsePositives / (double) negatives) / 2;
    assertThat(score.auroc()).isCloseTo(expected, within(1e-12));
    assertThat(score.auroc()).isGreaterThan(0.6);
    assertThat(blind.auroc()).isEqualTo(0.5);
    // the first event (at 384) is preceded by the rise at 370: a lead of 14 steps at most 16
    assertThat(score.leadTimes()).isNotEmpty();
    assertThat(score.medianLead()).isBetween(1.0, 16.0);
    assertThat(blind.leadTimes()).isEmpty();
    assertThat(blind.precisionAtFar()).isZero();
    assertThat(score.precisionAtFar())
        .isCloseTo(truePositives / (double) (truePositives + falsePositives), within(1e-12));
  }
}
