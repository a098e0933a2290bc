package io.isowatch.evaluation.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastLabelsTest {

  /** A ramp whose last-value errors are all equal, with one jump of +100 at {@code jump}. */
  private static double[] rampWithJump(int length, int jump) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = i + (i >= jump ? 100 : 0);
    }
    return values;
  }

  @Test
  void oneBlowUpIsLabelledExactlyWhereTheForecastsSpanIt() {
    double[] values = rampWithJump(700, 400);

    ForecastLabels labels =
        ForecastLabels.of(values, Forecasts.lastValue(values, 8), LabelRule.DEFAULT);

    // on the ramp a held value misses step j by j: error (1 + ... + 8) / 8 / scale 1 = 4.5
    assertThat(labels.error()[300]).isCloseTo(4.5, within(1e-12));
    List<Integer> events = new ArrayList<>();
    for (int t = 0; t < values.length; t++) {
      if (labels.event()[t]) {
        events.add(t);
      }
    }
    // the forecasts made at 392..399 reach the jump at 400; no other forecast is worse than usual
    assertThat(events).containsExactly(392, 393, 394, 395, 396, 397, 398, 399);
    // the first verdict needs the 64-change scale and 200 realized errors: forecasts made at
    // 64..263 are realized by 271
    assertThat(labels.judged()[270]).isFalse();
    assertThat(labels.judged()[271]).isTrue();
  }

  @Test
  void theErrorIsScaleFreeAndNeverDividesByTheLevel() {
    double[] values = rampWithJump(700, 400);
    double[] scaled = new double[values.length];
    double[] nearZero = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      scaled[i] = 1000 * values[i] + 5e6;
      nearZero[i] = values[i] - 350; // crosses zero at 350
    }
    ForecastLabels base =
        ForecastLabels.of(values, Forecasts.lastValue(values, 8), LabelRule.DEFAULT);
    ForecastLabels affine =
        ForecastLabels.of(scaled, Forecasts.lastValue(scaled, 8), LabelRule.DEFAULT);
    ForecastLabels crossing =
        ForecastLabels.of(nearZero, Forecasts.lastValue(nearZero, 8), LabelRule.DEFAULT);

    assertThat(affine.event()).containsExactly(base.event());
    assertThat(crossing.event()).containsExactly(base.event());
    assertThat(crossing.error()[350]).isCloseTo(base.error()[350], within(1e-9));
  }

  @Test
  void onNoiseAboutTheQuantilesShareOfForecastsAreEvents() {
    Random random = new Random(5);
    double[] values = new double[40_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    ForecastLabels labels =
        ForecastLabels.of(values, Forecasts.lastValue(values, 1), LabelRule.DEFAULT);

    int judged = 0;
    int events = 0;
    for (int t = 0; t < values.length; t++) {
      judged += labels.judged()[t] ? 1 : 0;
      events += labels.event()[t] ? 1 : 0;
    }
    // exchangeable errors exceed the 190th of 200 order statistic with probability 11/201
    double expected = (200.0 - 189) / 201;
    assertThat(events / (double) judged).isCloseTo(expected, within(0.01));
  }

  @Test
  void onStationaryRandomWalksTheLabelsDoNotFollowTime() {
    int seeds = 40;
    double[] correlations = new double[seeds];
    for (int seed = 0; seed < seeds; seed++) {
      Random random = new Random(100 + seed);
      double[] values = new double[3000];
      for (int i = 1; i < values.length; i++) {
        values[i] = values[i - 1] + random.nextGaussian();
      }
      ForecastLabels labels =
          ForecastLabels.of(values, Forecasts.lastValue(values, 8), LabelRule.DEFAULT);
      List<double[]> pairs = new ArrayList<>();
      for (int t = 0; t < values.length; t++) {
        if (labels.judged()[t]) {
          pairs.add(new double[] {t, labels.event()[t] ? 1 : 0});
        }
      }
      correlations[seed] = spearman(pairs);
    }
    double mean = 0;
    for (double r : correlations) {
      mean += r / seeds;
    }
    double variance = 0;
    for (double r : correlations) {
      variance += (r - mean) * (r - mean) / (seeds - 1);
    }
    double standardError = Math.sqrt(variance / seeds);
    assertThat(Math.abs(mean)).isLessThan(3 * standardError);
  }

  @Test
  void anExpandingThresholdWouldFollowTimeWhereTheFixedOneDoesNot() {
    // a calm stretch, then volatility that stays: with the threshold taken from all errors so
    // far, the volatile part would be labelled for ever after the change; a fixed trailing
    // history adapts within 200 forecasts, so late steps are not all events
    Random random = new Random(9);
    double[] values = new double[3000];
    for (int i = 1; i < values.length; i++) {
      values[i] = values[i - 1] + random.nextGaussian() * (i < 1000 ? 1 : 1.5);
    }
    ForecastLabels labels =
        ForecastLabels.of(values, Forecasts.lastValue(values, 8), LabelRule.DEFAULT);
    int late = 0;
    int lateEvents = 0;
    for (int t = 1500; t < values.length; t++) {
      late += labels.judged()[t] ? 1 : 0;
      lateEvents += labels.event()[t] ? 1 : 0;
    }
    assertThat(lateEvents / (double) late).isLessThan(0.12);
  }

  /** Spearman's rank correlation of the pairs' two columns (average ranks for ties). */
  static double spearman(List<double[]> pairs) {
    double[] x = ranks(pairs, 0);
    double[] y = ranks(pairs, 1);
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  private static double[] ranks(List<double[]> pairs, int column) {
    Integer[] order = new Integer[pairs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order, (a, b) -> Double.compare(pairs.get(a)[column], pairs.get(b)[column]));
    double[] ranks = new double[order.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length
          && pairs.get(order[j + 1])[column] == pairs.get(order[i])[column]) {
        j++;
      }
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = (i + j) / 2.0;
      }
      i = j + 1;
    }
    return ranks;
  }
}
