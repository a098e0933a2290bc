package io.isowatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowSpecTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    WindowSpec spec = WindowSpec.defaults();

    assertThat(spec.length()).isEqualTo(64);
    assertThat(spec.stride()).isEqualTo(8);
    assertThat(spec.allowedLateness()).isEqualTo(Duration.ZERO);
    assertThat(spec.maxGap()).isEmpty();
    assertThat(spec.maxPending()).isEqualTo(1024);
  }

  @Test
  void builderSetsEveryOption() {
    WindowSpec spec =
        WindowSpec.builder()
            .length(32)
            .stride(32)
            .allowedLateness(Duration.ofSeconds(30))
            .maxGap(Duration.ofHours(2))
            .maxPending(10)
            .build();

    assertThat(spec)
        .isEqualTo(
            new WindowSpec(32, 32, Duration.ofSeconds(30), Optional.of(Duration.ofHours(2)), 10));
  }

  @Test
  void validationNamesTheFieldAtFault() {
    assertThatThrownBy(() -> WindowSpec.builder().length(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be between 1 and 1048576, got 0");
    assertThatThrownBy(() -> WindowSpec.builder().length(16).stride(17).build())
        .hasMessage("stride must be between 1 and length (16), got 17");
    assertThatThrownBy(() -> WindowSpec.builder().stride(0).build())
        .hasMessage("stride must be between 1 and length (64), got 0");
    assertThatThrownBy(() -> WindowSpec.builder().allowedLateness(Duration.ofSeconds(-1)).build())
        .hasMessage("allowedLateness must not be negative, got PT-1S");
    assertThatThrownBy(() -> WindowSpec.builder().maxGap(Duration.ZERO).build())
        .hasMessage("maxGap must be positive, got PT0S");
    assertThatThrownBy(() -> WindowSpec.builder().maxPending(0).build())
        .hasMessage("maxPending must be between 1 and 1048576, got 0");
  }
}
