package io.isowatch.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncodedWindowTest {
  private static final long[] IDS = {7, 8, 9, 2};
  private static final long[] TYPES = new long[4];

  @Test
  void aPlainWindowIsAllContext() {
    EncodedWindow plain = new EncodedWindow(IDS, new long[] {1, 1, 1, 1}, TYPES);

    assertThat(plain.queries()).isZero();
    assertThat(plain.contextLength()).isEqualTo(4);
    assertThat(new EncodedWindow(new long[0], new long[0], new long[0]).length()).isZero();
  }

  @Test
  void trailingQueriesAreNotPartOfTheContext() {
    EncodedWindow asked = new EncodedWindow(IDS, new long[] {1, 1, 1, 1}, TYPES, 1);

    assertThat(asked.length()).isEqualTo(4);
    assertThat(asked.contextLength()).isEqualTo(3);
  }

  @Test
  void queriesNeedAContextBeforeThemAndMustBeRealTokens() {
    long[] mask = {1, 1, 1, 1};
    assertThatThrownBy(() -> new EncodedWindow(IDS, mask, TYPES, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queries must be in [0, 3]");
    assertThatThrownBy(() -> new EncodedWindow(IDS, mask, TYPES, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EncodedWindow(IDS, new long[] {1, 1, 1, 0}, TYPES, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 3 has mask 0");
    assertThat(new EncodedWindow(IDS, new long[] {1, 1, 0, 1}, TYPES, 1).contextLength())
        .as("padding inside the context is the embedder's business")
        .isEqualTo(3);
  }
}
