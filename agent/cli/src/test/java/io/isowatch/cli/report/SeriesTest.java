package io.isowatch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesTest {
  @Test
  void keepsEveryPointUpToItsCapacity() {
    Series series = new Series("value", 8);
    for (int i = 0; i < 8; i++) {
      series.add(1000L * i, i * 0.5);
    }
    assertThat(series.size()).isEqualTo(8);
    assertThat(series.values()).containsExactly(0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5);
  }

  @Test
  void aLongRunIsThinnedEvenlyAndNeverHoldsMoreThanItsCapacity() {
    Series series = new Series("value", 100);
    int offered = 10_000;
    for (int i = 0; i < offered; i++) {
      series.add(i, i);
      assertThat(series.size()).isLessThanOrEqualTo(100);
    }
    long[] times = series.times();
    // 10 000 points thinned by halving: one kept in 128 (the smallest power of two with at most
    // 100 multiples below 10 000), starting with the first point.
    int step = 1;
    while ((offered + step - 1) / step > 100) {
      step *= 2;
    }
    assertThat(step).isEqualTo(128);
    assertThat(times).hasSize((offered + step - 1) / step);
    for (int i = 0; i < times.length; i++) {
      assertThat(times[i]).isEqualTo((long) i * step);
    }
    assertThat(series.offered()).isEqualTo(offered);
  }

  @Test
  void anOddOrTinyCapacityIsRefused() {
    assertThatThrownBy(() -> new Series("x", 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be even and at least 2, got 7");
    assertThatThrownBy(() -> new Series("x", 0)).hasMessageContaining("got 0");
  }
}
