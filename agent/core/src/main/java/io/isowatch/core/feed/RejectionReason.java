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
  /** The feed name breaks a rule of {@link FeedName}: too long, not UTF-8, control characters. */
  INVALID_FEED_NAME,
  /** The value is NaN or infinite. */
  NOT_FINITE,
  /** A second value for a feed and event time already seen. */
  DUPLICATE,
  /** Older than the feed's watermark minus the allowed lateness: too late to place in order. */
  TOO_LATE,
  /**
   * Further ahead of the agent's clock than the window spec allows: most likely a wrong clock or
   * unit at the sender. Never adopted as the feed's newest time, so it cannot make later records
   * late.
   */
  TOO_FAR_AHEAD,
  /** Preceded by a gap longer than the feed allows; the window restarts after it. */
  GAP,
  /** A new feed beyond the most feeds the engine tracks at once. */
  FEED_LIMIT;

  /**
   * Whether the record itself was refused. Only {@link #GAP} is not: it documents a window restart,
   * and the value after the gap is kept. A record is either accepted or refused, never both.
   */
  public boolean refusesRecord() {
    return this != GAP;
  }

  /** The lower-case label used in metrics and dead-letter records, e.g. {@code not_finite}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
