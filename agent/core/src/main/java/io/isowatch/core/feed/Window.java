package io.isowatch.core.feed;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A run of consecutive values of one feed, in event-time order: what an encoder turns into model
 * input. The values are copied in and out, so a window never changes after it is made.
 *
 * @param feedId the feed
 * @param sequence 0 for the feed's first window, then 1, 2, ... (gaps included: the count never
 *     restarts)
 * @param firstEventTime event time of the first (oldest) value
 * @param lastEventTime event time of the last (newest) value
 * @param values the values, oldest first
 */
public record Window(
    String feedId, long sequence, Instant firstEventTime, Instant lastEventTime, double[] values) {
  public Window {
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(firstEventTime, "firstEventTime");
    Objects.requireNonNull(lastEventTime, "lastEventTime");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    if (lastEventTime.isBefore(firstEventTime)) {
      throw new IllegalArgumentException(
          "lastEventTime " + lastEventTime + " is before firstEventTime " + firstEventTime);
    }
    values = values.clone();
  }

  /** A copy of the values, oldest first. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** The number of values. */
  public int length() {
    return values.length;
  }

  /** The value at {@code index} (0 = oldest), without copying the array. */
  public double value(int index) {
    return values[index];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Window that
        && sequence == that.sequence
        && feedId.equals(that.feedId)
        && firstEventTime.equals(that.firstEventTime)
        && lastEventTime.equals(that.lastEventTime)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feedId, sequence, firstEventTime, lastEventTime)
        + 31 * Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Window[feedId="
        + feedId
        + ", sequence="
        + sequence
        + ", "
        + firstEventTime
        + " .. "
        + lastEventTime
        + ", "
        + values.length
        + " values]";
  }
}
