package io.isowatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {
  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(HumanDuration.format(Duration.ZERO)).isEqualTo("0 s");
    assertThat(HumanDuration.format(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
    assertThat(HumanDuration.format(Duration.ofHours(26))).isEqualTo("1 d 2 h");
    assertThat(HumanDuration.format(Duration.ofMillis(90_250))).isEqualTo("1 min 30 s 250 ms");
    assertThat(HumanDuration.format(Duration.ofNanos(1_001))).isEqualTo("1 \u00b5s 1 ns");
    assertThat(HumanDuration.format(Duration.ofSeconds(-5))).isEqualTo("-5 s");
  }
}
