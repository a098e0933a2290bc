package io.isowatch.engine.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The batching settings every engine takes: their defaults and the messages of their rules. */
class BatchSettingsTest {
  @Test
  void defaultsAreThirtyTwoWindowsOrFiftyMilliseconds() {
    assertThat(BatchSettings.defaults()).isEqualTo(new BatchSettings(32, Duration.ofMillis(50)));
    assertThat(BatchSettings.defaults().withMaxBatch(8).withMaxWait(Duration.ZERO))
        .isEqualTo(new BatchSettings(8, Duration.ZERO));
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new BatchSettings(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatch must be at least 1, got 0");
    assertThatThrownBy(() -> new BatchSettings(1, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWait must not be negative, got PT-0.001S");
  }
}
