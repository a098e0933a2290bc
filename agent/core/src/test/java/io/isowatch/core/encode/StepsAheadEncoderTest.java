package io.isowatch.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StepsAheadEncoderTest {
  private static final ChronosEncoder CHRONOS =
      ChronosEncoder.builder().appendEos(false).maxTokens(8).build();
  private static final ForecastQueries QUERIES = new ForecastQueries(2, 5);
  private static final double[] VALUES = {1, 3, 2, 5, 4, 6, 5, 7, 6, 8};

  @Test
  void theWindowsOwnTokensAreFollowedByOneQueryLessThanTheStepsAhead() {
    StepsAheadEncoder encoder = new StepsAheadEncoder(CHRONOS, QUERIES, 3);

    EncodedWindow plain = CHRONOS.encode(VALUES);
    EncodedWindow asked = encoder.encode(VALUES);

    assertThat(asked.queries()).isEqualTo(2);
    assertThat(asked.length()).isEqualTo(plain.length() + 2);
    long[] expected = Arrays.copyOf(plain.inputIds(), plain.length() + 2);
    expected[plain.length()] = 2;
    expected[plain.length() + 1] = 2;
    assertThat(asked.inputIds()).containsExactly(expected);
    assertThat(encoder.describe())
        .isEqualTo(CHRONOS.describe() + ", asking 3 steps ahead (2 queries of id 2)");
  }

  @Test
  void onlyStepsTheQueriesAnswerAndThatNeedAQueryAreAccepted() {
    assertThat(new StepsAheadEncoder(CHRONOS, QUERIES, 5).encode(VALUES).queries()).isEqualTo(4);
    assertThatThrownBy(() -> new StepsAheadEncoder(CHRONOS, QUERIES, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps must be in [2, 5]");
    assertThatThrownBy(() -> new StepsAheadEncoder(CHRONOS, QUERIES, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encode without queries");
  }
}
