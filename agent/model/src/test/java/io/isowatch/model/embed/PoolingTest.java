package io.isowatch.model.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolingTest {
  static final float[][] STATES = {{1, 2, 3}, {3, 4, 5}, {-1, 0, 7}};

  @Test
  void meanAveragesEachColumn() {
    assertThat(Pooling.MEAN.pool(STATES)).containsExactly(1, 2, 5);
  }

  @Test
  void lastAndClsPickOneToken() {
    assertThat(Pooling.LAST.pool(STATES)).containsExactly(-1, 0, 7);
    assertThat(Pooling.CLS.pool(STATES)).containsExactly(1, 2, 3);
  }

  @Test
  void poolingReturnsACopyAndLeavesTheStatesAlone() {
    float[] pooled = Pooling.CLS.pool(STATES);
    pooled[0] = 99;

    assertThat(STATES[0]).containsExactly(1, 2, 3);
  }

  @Test
  void noTokensIsRejected() {
    assertThatThrownBy(() -> Pooling.MEAN.pool(new float[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenStates must hold at least one token");
  }
}
