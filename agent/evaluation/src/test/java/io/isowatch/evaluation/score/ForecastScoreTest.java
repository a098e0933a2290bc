package io.isowatch.evaluation.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.evaluation.label.ForecastLabels;
import io.isowatch.evaluation.label.Forecasts;
import io.isowatch.evaluation.label.LabelRule;
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
  void aScoreThatRisesBeforeTheJumpPredictsItWithALeadTime() {
    Random random = new Random(11);
    double[] values = new double[600];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 + random.nextGaussian() + (i >= 400 ? 30 : 0);
    }
    ForecastLabels labels =
        ForecastLabels.of(values, Forecasts.lastValue(values, 8), LabelRule.DEFAULT);
    double[] warning = new double[600];
    for (int t = 0; t < 600; t++) {
      warning[t] = t >= 384 && t < 400 ? 1 : 0;
    }
    double[] blank = new double[600];
    Arrays.fill(blank, Double.NaN);

    ForecastScore score = ForecastScore.of(warning, labels, 200, 0.05);
    ForecastScore blind = ForecastScore.of(new double[600], labels, 200, 0.05);
    ForecastScore silent = ForecastScore.of(blank, labels, 200, 0.05);

    // a 0/1 score's AUROC is (1 + TPR - FPR) / 2; the targets derived here from the labels
    int positives = 0;
    int negatives = 0;
    int truePositives = 0;
    int falsePositives = 0;
    for (int t = 200; t + 8 <= 600; t++) {
      boolean complete = true;
      boolean some = false;
      boolean any = false;
      for (int s = t; s < t + 8; s++) {
        complete &= labels.judged()[s] || Double.isNaN(labels.error()[s]);
        some |= labels.judged()[s];
        any |= labels.event()[s];
      }
      if (!complete || !some) {
        continue;
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
    assertThat(score.positives()).isEqualTo(positives);
    assertThat(score.steps()).isEqualTo(positives + negatives);
    assertThat(score.auroc()).isCloseTo(expected, within(1e-12));
    assertThat(score.auroc()).isGreaterThan(0.6);
    assertThat(blind.auroc()).isEqualTo(0.5);
    // a detector with no score at all ranks every step the same: chance, never flagged
    assertThat(silent.auroc()).isEqualTo(0.5);
    assertThat(silent.precisionAtFar()).isZero();
    // the first event (at 392) is preceded by the rise at 384: a lead within the lookahead
    assertThat(score.leadTimes()).isNotEmpty();
    assertThat(score.medianLead()).isBetween(1.0, 8.0);
    assertThat(blind.leadTimes()).isEmpty();
    assertThat(blind.precisionAtFar()).isZero();
    assertThat(score.precisionAtFar())
        .isCloseTo(truePositives / (double) (truePositives + falsePositives), within(1e-12));
  }
}
