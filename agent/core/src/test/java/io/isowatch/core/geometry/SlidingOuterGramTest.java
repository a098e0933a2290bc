package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SlidingOuterGramTest {
  private static final double[][] STREAM = Clouds.scaledAndShifted(120, 40, 40);

  private static Cloud lastOf(int end, int size) {
    return Cloud.of(Arrays.copyOfRange(STREAM, Math.max(0, end - size), end));
  }

  @Test
  void isBitForBitTheOuterGramOfEveryCloud() {
    SlidingOuterGram gram = new SlidingOuterGram();
    // growing, sliding by 1 to 5, jumping past the whole cloud, standing still
    int[] ends = {2, 3, 7, 12, 13, 17, 18, 22, 27, 60, 61, 61, 65, 70, 75, 119};
    for (int end : ends) {
      Cloud cloud = lastOf(end, 12);
      assertThat(gram.of(cloud, end).data)
          .as("cloud ending at %d", end)
          .containsExactly(CloudEigen.outer(cloud.asMatrix()).data);
    }
  }

  @Test
  void refusesAStreamThatGoesBack() {
    SlidingOuterGram gram = new SlidingOuterGram();
    gram.of(lastOf(20, 8), 20);
    assertThatThrownBy(() -> gram.of(lastOf(19, 8), 19))
        .hasMessage("the stream went back from 20 to 19");
  }
}
