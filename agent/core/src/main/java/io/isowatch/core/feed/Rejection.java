package io.isowatch.core.feed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record set aside, with everything needed to inspect or replay it: nothing is dropped silently.
 *
 * @param reason why it was set aside
 * @param feedId the feed, when it could be read
 * @param original the record as received (a text line, JSON, or a rendering of the observation)
 * @param detail a human-readable explanation, e.g. {@code "value is NaN"}
 * @param rejectedAt wall-clock time of the rejection
 */
public record Rejection(
    RejectionReason reason,
    Optional<String> feedId,
    String original,
    String detail,
    Instant rejectedAt) {
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(rejectedAt, "rejectedAt");
  }
}
