package io.isowatch.connectors.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheMaxAndStartsAgainAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofMillis(300), Duration.ofSeconds(2));
    long[] waits = new long[6];
    for (int i = 0; i < waits.length; i++) {
      waits[i] = backoff.failed().toMillis();
    }
    assertThat(waits).containsExactly(300, 600, 1200, 2000, 2000, 2000);
    assertThat(backoff.failures()).isEqualTo(6);
    backoff.succeeded();
    assertThat(backoff.failures()).isZero();
    assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void boundsAreChecked() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("initial backoff must be positive, got PT0S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("max backoff PT1S must be at least the initial PT2S");
  }
}
