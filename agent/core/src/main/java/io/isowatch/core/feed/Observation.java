package io.isowatch.core.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of one feed at one event time: what every source produces and every engine keys by
 * {@code feedId}. The value is carried as read, NaN and infinities included, so that the windowing
 * step can reject it with a reason instead of a parser dropping it silently.
 *
 * @param feedId the feed, e.g. {@code "ec2_cpu_utilization_24ae8d"}; never blank
 * @param eventTime when the value was observed (not when it arrived)
 * @param value the observed value
 */
public record Observation(String feedId, Instant eventTime, double value) {
  public Observation {
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(eventTime, "eventTime");
    if (feedId.isBlank()) {
      throw new IllegalArgumentException("feedId must not be blank");
    }
  }

  /**
   * The observation as one {@code key=value} line, e.g. {@code feed=cpu time=2024-01-01T00:05:00Z
   * value=NaN}: how a rejected observation is shown in dead letters.
   */
  public String asText() {
    return "feed=" + feedId + " time=" + eventTime + " value=" + value;
  }
}
