package io.isowatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTest {
  @Test
  void windowCopiesItsValuesInAndOut() {
    double[] values = {1, 2, 3};
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    Window window = new Window("cpu", 0, t, t.plusSeconds(2), values);

    values[0] = 99;
    window.values()[1] = 99;

    assertThat(window.values()).containsExactly(1, 2, 3);
    assertThat(window.value(2)).isEqualTo(3);
    assertThat(window).isEqualTo(new Window("cpu", 0, t, t.plusSeconds(2), new double[] {1, 2, 3}));
    assertThat(window)
        .hasSameHashCodeAs(new Window("cpu", 0, t, t.plusSeconds(2), new double[] {1, 2, 3}));
    assertThat(window).isNotEqualTo(new Window("cpu", 0, t, t.plusSeconds(2), new double[] {1, 2}));
    assertThatThrownBy(() -> new Window("cpu", 0, t.plusSeconds(1), t, values))
        .hasMessage(
            "lastEventTime 2024-01-01T00:00:00Z is before firstEventTime 2024-01-01T00:00:01Z");
  }
}
