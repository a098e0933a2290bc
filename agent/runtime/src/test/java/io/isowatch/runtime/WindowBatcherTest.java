package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowBatcherTest {
  private static final long WAIT = 50;

  @Test
  void aFullBatchIsDueAtOnce() {
    WindowBatcher<String> batcher = new WindowBatcher<>(3, WAIT);
    batcher.add("a", 0);
    batcher.add("b", 1);
    assertThat(batcher.isDue(2)).isFalse();

    batcher.add("c", 2);

    assertThat(batcher.isFull()).isTrue();
    assertThat(batcher.isDue(2)).isTrue();
    assertThat(batcher.drain()).containsExactly("a", "b", "c");
    assertThat(batcher.isEmpty()).isTrue();
  }

  @Test
  void aPartialBatchIsDueWhenItsOldestWindowHasWaited() {
    WindowBatcher<String> batcher = new WindowBatcher<>(8, WAIT);
    assertThat(batcher.nanosUntilDue(0)).isEqualTo(Long.MAX_VALUE);
    batcher.add("a", 100);
    batcher.add("b", 140);

    assertThat(batcher.nanosUntilDue(120)).isEqualTo(30);
    assertThat(batcher.isDue(149)).isFalse();
    assertThat(batcher.isDue(150)).isTrue();
    assertThat(batcher.nanosUntilDue(170)).isZero();
  }

  @Test
  void theWaitRestartsWithTheNextBatch() {
    WindowBatcher<String> batcher = new WindowBatcher<>(8, WAIT);
    batcher.add("a", 0);
    batcher.drain();
    batcher.add("b", 1000);

    assertThat(batcher.isDue(1049)).isFalse();
    assertThat(batcher.isDue(1050)).isTrue();
  }

  @Test
  void neverHoldsMoreThanABatch() {
    WindowBatcher<String> batcher = new WindowBatcher<>(1, WAIT);
    batcher.add("a", 0);

    assertThatThrownBy(() -> batcher.add("b", 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("batch is full: drain it before adding");
  }
}
