package io.isowatch.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowBatchTest {
  private static final long WAIT = 50;

  @Test
  void aFullBatchIsDueAtOnce() {
    WindowBatch<String> batch = new WindowBatch<>(3, WAIT);
    batch.add("a", 0);
    batch.add("b", 1);
    assertThat(batch.isDue(2)).isFalse();

    batch.add("c", 2);

    assertThat(batch.isFull()).isTrue();
    assertThat(batch.isDue(2)).isTrue();
    assertThat(batch.untilDue(2)).isZero();
    assertThat(batch.take(2)).containsExactly("a", "b", "c");
    assertThat(batch.isEmpty()).isTrue();
  }

  @Test
  void aPartialBatchIsDueWhenItsOldestWindowHasWaited() {
    WindowBatch<String> batch = new WindowBatch<>(8, WAIT);
    assertThat(batch.untilDue(0)).isEqualTo(Long.MAX_VALUE);
    batch.add("a", 100);
    batch.add("b", 140);

    assertThat(batch.untilDue(120)).isEqualTo(30);
    assertThat(batch.isDue(149)).isFalse();
    assertThat(batch.isDue(150)).isTrue();
    assertThat(batch.untilDue(170)).isZero();
  }

  @Test
  void theWaitRestartsWithTheNextBatch() {
    WindowBatch<String> batch = new WindowBatch<>(8, WAIT);
    batch.add("a", 0);
    batch.take(10);
    batch.add("b", 1000);

    assertThat(batch.isDue(1049)).isFalse();
    assertThat(batch.isDue(1050)).isTrue();
  }

  /** A restart that reloads more waiting windows than the new maxBatch drains them in slices. */
  @Test
  void aReloadedSurplusIsTakenInSlicesThatWaitFromTheTake() {
    WindowBatch<String> batch = new WindowBatch<>(2, WAIT);
    for (String window : new String[] {"a", "b", "c", "d", "e"}) {
      batch.add(window, 0);
    }

    assertThat(batch.take(5)).containsExactly("a", "b");
    assertThat(batch.take(6)).containsExactly("c", "d");
    assertThat(batch.size()).isEqualTo(1);
    assertThat(batch.isDue(6 + WAIT - 1)).as("the rest waits from the last take").isFalse();
    assertThat(batch.isDue(6 + WAIT)).isTrue();
    assertThat(batch.take(100)).containsExactly("e");
  }

  @Test
  void clearForgetsTheWaitingWindows() {
    WindowBatch<String> batch = new WindowBatch<>(4, WAIT);
    batch.add("a", 0);

    batch.clear();

    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.isDue(1000)).isFalse();
  }

  @Test
  void settingsOutOfRangeAreNamed() {
    assertThatThrownBy(() -> new WindowBatch<>(0, WAIT))
        .hasMessage("maxBatch must be at least 1, got 0");
    assertThatThrownBy(() -> new WindowBatch<>(1, -1))
        .hasMessage("maxWait must not be negative, got -1");
  }
}
