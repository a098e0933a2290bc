package io.isowatch.testkit.hostile;

import io.isowatch.core.feed.RejectionReason;
import java.util.Optional;

/**
 * What a record of the {@link HostileCorpus} is, and so what must become of it: accepted, or
 * dead-lettered with one reason. The expectation lives here, once, and every source and engine test
 * derives its expected outcome per record from it.
 */
public enum HostileKind {
  /** An ordinary observation of an established feed. */
  VALID(null, Stage.PARSED),
  /** Finite but extreme values: the largest and smallest doubles, a 30-digit integer. */
  EXTREME_VALUE(null, Stage.PARSED),
  /** A valid observation carrying a large field nobody reads. */
  HUGE_IGNORED_FIELD(null, Stage.PARSED),
  /** The first record of a new feed, one of a flood: accepted, or refused beyond the feed cap. */
  NEW_FEED(null, Stage.PARSED),
  /** Not JSON, truncated JSON, an array, trailing tokens. */
  MALFORMED(RejectionReason.UNPARSABLE, Stage.RAW),
  /** A field of the wrong JSON type: a boolean value, an object time, a numeric feed. */
  WRONG_TYPE(RejectionReason.UNPARSABLE, Stage.RAW),
  /** Time or value absent or null. */
  MISSING_FIELD(RejectionReason.MISSING_FIELD, Stage.RAW),
  /** Thousands of nested arrays or objects. */
  DEEPLY_NESTED(RejectionReason.UNPARSABLE, Stage.RAW),
  /** A raw control character inside a JSON string (JSON requires it escaped). */
  RAW_CONTROL_CHARACTER(RejectionReason.UNPARSABLE, Stage.RAW),
  /** An integer time that looks like epoch seconds. */
  EPOCH_SECONDS(RejectionReason.UNPARSABLE, Stage.RAW),
  /** NaN or an infinity, as a token, a string or an overflowing number. */
  NOT_FINITE(RejectionReason.NOT_FINITE, Stage.PARSED),
  /** A feed name too long, not UTF-8, or holding control, format or separator characters. */
  INVALID_FEED_NAME(RejectionReason.INVALID_FEED_NAME, Stage.PARSED),
  /** An event time far ahead of the wall clock (hours, the year 9999, the largest millisecond). */
  FUTURE_TIME(RejectionReason.TOO_FAR_AHEAD, Stage.PARSED),
  /** A time far behind its established feed (1970, year 1, a day back). */
  ANCIENT_TIME(RejectionReason.TOO_LATE, Stage.PARSED),
  /** A second value, or the same line again, for a time its feed already accepted. */
  DUPLICATE(RejectionReason.DUPLICATE, Stage.PARSED);

  /** Where a record is refused, which decides what its dead letter keeps as the original. */
  public enum Stage {
    /** Refused while decoding: the dead letter keeps the received text. */
    RAW,
    /** Decoded into an observation first: the dead letter keeps its rendering. */
    PARSED
  }

  private final RejectionReason reason;
  private final Stage stage;

  HostileKind(RejectionReason reason, Stage stage) {
    this.reason = reason;
    this.stage = stage;
  }

  /** The reason a record of this kind is dead-lettered with; empty when it must be accepted. */
  public Optional<RejectionReason> reason() {
    return Optional.ofNullable(reason);
  }

  /** Whether the record may also be refused as {@link RejectionReason#FEED_LIMIT}. */
  public boolean countsAgainstTheFeedCap() {
    return this == NEW_FEED;
  }

  public Stage stage() {
    return stage;
  }
}
