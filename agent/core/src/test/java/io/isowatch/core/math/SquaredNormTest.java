package io.isowatch.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SquaredNormTest {

  /** Small integers square and sum exactly in any order: the value is known to the bit. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 5, 7, 128, 131})
  void sumsEverySquareWhateverTheLengthsRemainderByFour(int length) {
    double[] values = new double[length];
    double expected = 0;
    for (int j = 0; j < length; j++) {
      values[j] = j % 2 == 0 ? j : -j;
      expected += (double) j * j;
    }
    assertThat(SquaredNorm.of(values)).isEqualTo(expected);
    assertThat(SquaredNorm.of(values, 0, length)).isEqualTo(expected);
  }

  /** A run inside a longer array reads that run only. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 6})
  void aRunReadsOnlyItsOwnValues(int from) {
    double[] values = {100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
    double expected = 0;
    for (int j = from; j < from + 4; j++) {
      expected += values[j] * values[j];
    }
    assertThat(SquaredNorm.of(values, from, 4)).isEqualTo(expected);
  }

  /** Floats give what their widened doubles give, and both stay within rounding of a plain sum. */
  @ParameterizedTest
  @ValueSource(ints = {9, 128, 384})
  void floatsGiveWhatTheirWidenedDoublesGive(int length) {
    Random random = new Random(length);
    float[] floats = new float[length];
    double[] widened = new double[length];
    double plain = 0;
    for (int j = 0; j < length; j++) {
      floats[j] = (float) (random.nextGaussian() * 3);
      widened[j] = floats[j];
      plain += widened[j] * widened[j];
    }
    assertThat(SquaredNorm.of(floats)).isEqualTo(SquaredNorm.of(widened));
    assertThat(SquaredNorm.of(widened)).isCloseTo(plain, within(1e-12 * plain));
  }
}
