package io.isowatch.evaluation.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeasonalPeriodTest {

  @ParameterizedTest
  @ValueSource(ints = {7, 24, 168})
  void findsThePeriodOfANoisyCycleOnATrend(int period) {
    Random random = new Random(period);
    double[] values = new double[4000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.01 * i + 5 * Math.sin(2 * Math.PI * i / period) + random.nextGaussian();
    }

    assertThat(SeasonalPeriod.of(values)).isEqualTo(period);
  }

  @Test
  void findsNoneInARandomWalkOrAConstant() {
    Random random = new Random(1);
    double[] walk = new double[4000];
    for (int i = 1; i < walk.length; i++) {
      walk[i] = walk[i - 1] + random.nextGaussian();
    }

    assertThat(SeasonalPeriod.of(walk)).isZero();
    assertThat(SeasonalPeriod.of(new double[500])).isZero();
  }

  @Test
  void theSeasonalNaiveForecastRepeatsThePreviousCycle() {
    double[] values = new double[50];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 5;
    }
    Forecasts forecasts = Forecasts.seasonalNaive(values, 5, 8);

    assertThat(forecasts.paths()[3]).isNull();
    // made at 9 (value 4): the next 8 values are 0,1,2,3,4,0,1,2, which is what one cycle back says
    assertThat(forecasts.paths()[9]).containsExactly(0, 1, 2, 3, 4, 0, 1, 2);
    ForecastLabels labels = ForecastLabels.of(values, forecasts, new LabelRule(4, 10, 0.9));
    for (int t = 0; t < values.length; t++) {
      if (Double.isFinite(labels.error()[t])) {
        assertThat(labels.error()[t]).isZero();
        assertThat(labels.event()[t]).isFalse();
      }
    }
  }
}
