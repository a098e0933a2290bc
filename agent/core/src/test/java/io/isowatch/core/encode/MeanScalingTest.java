package io.isowatch.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeanScalingTest {

  @Test
  void theScaleIsTheMeanAbsoluteValueOfTheNewestContext() {
    assertThat(new MeanScaling(3).scale(new double[] {100, 2, -4, 0})).isEqualTo(2.0);
    assertThat(new MeanScaling(10).scale(new double[] {100, 2, -4, 0})).isEqualTo(26.5);
    assertThat(new MeanScaling(3).contextStart(4)).isEqualTo(1);
    assertThat(new MeanScaling(10).contextStart(4)).isZero();
  }

  @Test
  void anAllZeroContextScalesByOne() {
    assertThat(new MeanScaling(2).scale(new double[] {5, 0, 0}))
        .isEqualTo(MeanScaling.ZERO_WINDOW_SCALE)
        .isEqualTo(1.0);
  }

  @Test
  void hugeValuesDoNotOverflow() {
    double big = Double.MAX_VALUE;
    assertThat(new MeanScaling(2).scale(new double[] {big, -big})).isEqualTo(big);
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> new MeanScaling(0))
        .hasMessage("contextLength must be at least 1, got 0");
    assertThatThrownBy(() -> new MeanScaling(2).scale(new double[0]))
        .hasMessage("values must not be empty");
    assertThatThrownBy(() -> new MeanScaling(2).scale(new double[] {1, Double.POSITIVE_INFINITY}))
        .hasMessage(
            "values[1] is Infinity; mean scaling needs finite values (drop or fill missing values"
                + " first)");
    // outside the context a bad value is never read
    assertThat(new MeanScaling(1).scale(new double[] {Double.NaN, 3})).isEqualTo(3);
  }
}
