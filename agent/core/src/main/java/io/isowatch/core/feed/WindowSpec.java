package io.isowatch.core.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a feed is cut into windows, and how much disorder it tolerates on the way.
 *
 * <pre>{@code
 * WindowSpec spec =
 *     WindowSpec.builder()
 *         .length(64)
 *         .stride(8)
 *         .allowedLateness(Duration.ofMinutes(5))
 *         .maxGap(Duration.ofHours(1))
 *         .maxAhead(Duration.ofMinutes(10))
 *         .build();
 * }</pre>
 *
 * @param length values per window (L)
 * @param stride new values between consecutive windows (s), {@code 1 <= s <= L}
 * @param allowedLateness how far behind the newest event time an observation may arrive and still
 *     be put in order; zero means strictly in order
 * @param maxGap the longest silence between consecutive values that a window may span; empty means
 *     gaps never break windows
 * @param maxPending the most observations the reorder buffer holds while waiting out the lateness
 * @param maxAhead how far an event time may be ahead of the agent's wall clock. The wall clock, not
 *     the feed's newest time, is the reference: that is what one bad record would corrupt, and a
 *     feed's first record has nothing else to be checked against. Beyond it a record is rejected as
 *     {@link RejectionReason#TOO_FAR_AHEAD} and never becomes the feed's newest time
 */
public record WindowSpec(
    int length,
    int stride,
    Duration allowedLateness,
    Optional<Duration> maxGap,
    int maxPending,
    Duration maxAhead) {
  public static final int DEFAULT_LENGTH = 64;
  public static final int DEFAULT_STRIDE = 8;
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ZERO;
  public static final int DEFAULT_MAX_PENDING = 1024;

  /**
   * One hour: wide enough for skewed sender clocks, narrow enough that a record dated in the future
   * holds its feed back at most that long.
   */
  public static final Duration DEFAULT_MAX_AHEAD = Duration.ofHours(1);

  /** Upper bound of {@code length} and {@code maxPending}: keeps per-feed memory sane. */
  public static final int MAX_BUFFER = 1 << 20;

  public WindowSpec {
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(maxGap, "maxGap");
    Objects.requireNonNull(maxAhead, "maxAhead");
    if (length < 1 || length > MAX_BUFFER) {
      throw new IllegalArgumentException(
          "length must be between 1 and " + MAX_BUFFER + ", got " + length);
    }
    if (stride < 1 || stride > length) {
      throw new IllegalArgumentException(
          "stride must be between 1 and length (" + length + "), got " + stride);
    }
    if (allowedLateness.isNegative()) {
      throw new IllegalArgumentException(
          "allowedLateness must not be negative, got " + allowedLateness);
    }
    if (maxGap.isPresent() && (maxGap.get().isNegative() || maxGap.get().isZero())) {
      throw new IllegalArgumentException("maxGap must be positive, got " + maxGap.get());
    }
    if (maxPending < 1 || maxPending > MAX_BUFFER) {
      throw new IllegalArgumentException(
          "maxPending must be between 1 and " + MAX_BUFFER + ", got " + maxPending);
    }
    if (maxAhead.isNegative() || maxAhead.isZero()) {
      throw new IllegalArgumentException("maxAhead must be positive, got " + maxAhead);
    }
  }

  /** A spec with the default {@link #DEFAULT_MAX_AHEAD}. */
  public WindowSpec(
      int length, int stride, Duration allowedLateness, Optional<Duration> maxGap, int maxPending) {
    this(length, stride, allowedLateness, maxGap, maxPending, DEFAULT_MAX_AHEAD);
  }

  /**
   * Windows of 64 values every 8, strictly in order, no gap limit, 1024 pending at most, up to an
   * hour ahead of the wall clock.
   */
  public static WindowSpec defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link WindowSpec}; every option has a default. */
  public static final class Builder {
    private int length = DEFAULT_LENGTH;
    private int stride = DEFAULT_STRIDE;
    private Duration allowedLateness = DEFAULT_ALLOWED_LATENESS;
    private Duration maxGap;
    private int maxPending = DEFAULT_MAX_PENDING;
    private Duration maxAhead = DEFAULT_MAX_AHEAD;

    private Builder() {}

    /** Values per window (default 64). */
    public Builder length(int length) {
      this.length = length;
      return this;
    }

    /** New values between consecutive windows (default 8); 1 makes every value end a window. */
    public Builder stride(int stride) {
      this.stride = stride;
      return this;
    }

    /** How late an observation may arrive behind the newest one (default zero: in order). */
    public Builder allowedLateness(Duration allowedLateness) {
      this.allowedLateness = allowedLateness;
      return this;
    }

    /** The longest silence a window may span; {@code null} (the default) means no limit. */
    public Builder maxGap(Duration maxGap) {
      this.maxGap = maxGap;
      return this;
    }

    /** The reorder buffer's capacity (default 1024). */
    public Builder maxPending(int maxPending) {
      this.maxPending = maxPending;
      return this;
    }

    /** How far ahead of the wall clock an event time may be (default one hour). */
    public Builder maxAhead(Duration maxAhead) {
      this.maxAhead = maxAhead;
      return this;
    }

    public WindowSpec build() {
      return new WindowSpec(
          length, stride, allowedLateness, Optional.ofNullable(maxGap), maxPending, maxAhead);
    }
  }
}
