package io.isowatch.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogSumExpTest {
  @Test
  void floatsGiveWhatTheirWideningGivesBitForBit() {
    SplittableRandom random = new SplittableRandom(11);
    for (int n : new int[] {1, 2, 7, 4093}) {
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = (float) (random.nextGaussian() * 5);
      }
      assertThat(LogSumExp.of(values)).isEqualTo(LogSumExp.of(FloatArrays.widened(values)));
    }
  }

  @Test
  void equalValuesGiveTheirValuePlusLogN() {
    assertThat(LogSumExp.of(new float[] {1000, 1000, 1000, 1000}))
        .isCloseTo(1000 + Math.log(4), within(1e-9));
    assertThat(LogSumExp.of(new double[] {-1000, -1000}))
        .isCloseTo(-1000 + Math.log(2), within(1e-9));
  }

  @Test
  void noValuesHaveNoMass() {
    assertThat(LogSumExp.of(new float[0])).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(LogSumExp.of(new double[0])).isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
