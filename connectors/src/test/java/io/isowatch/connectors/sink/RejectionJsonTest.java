package io.isowatch.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RejectionJsonTest {
  @Test
  void roundTripsEveryReasonWithAndWithoutAFeed() {
    for (RejectionReason reason : RejectionReason.values()) {
      for (Optional<String> feed : List.of(Optional.of("ETTh1/OT"), Optional.<String>empty())) {
        Rejection r =
            new Rejection(
                reason, feed, "a,\"b\"\tc", "line 2: why", Instant.parse("2025-05-05T05:05:05Z"));

        assertThat(RejectionJson.fromLine(RejectionJson.toLine(r))).isEqualTo(r);
      }
    }
  }

  @Test
  void readingNamesTheBadField() {
    assertThatThrownBy(
            () ->
                RejectionJson.fromLine(
                    "{\"reason\":\"bogus\",\"feed_id\":null,\"original\":\"\",\"detail\":\"\","
                        + "\"rejected_at\":\"2025-05-05T05:05:05Z\"}"))
        .hasMessage("field reason has no value bogus");
  }
}
