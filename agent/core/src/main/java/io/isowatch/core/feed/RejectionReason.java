package io.isowatch.core.feed;

/**
 * Why a record was set aside. Each reason is counted separately (metric label {@code reason}, a
 * bounded set) and the record goes to the dead-letter sink with it.
 */
public enum RejectionReason {
  /** The record could not be parsed at all (not JSON, not CSV, wrong field types). */
  UNPARSABLE,
  /** A required field (feed id, time, value) is absent. */
  MISSING_FIELD,
  /** The value is NaN or infinite. */
  NOT_FINITE,
  /** A second value for a feed and event time already seen. */
  DUPLICATE,
  /** Older than the feed's watermark minus the allowed lateness: too late to place in order. */
  TOO_LATE,
  /** Preceded by a gap longer than the feed allows; the window restarts after it. */
  GAP,
  /** A new feed beyond the most feeds the engine tracks at once. */
  FEED_LIMIT;

  /** The lower-case label used in metrics and dead-letter records, e.g. {@code not_finite}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
