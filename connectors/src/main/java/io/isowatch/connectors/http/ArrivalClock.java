package io.isowatch.connectors.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Arrival times that never repeat: each is the clock's time, or one {@link #STEP} after the
 * previous one if the clock has not moved past it. A body of bare numbers arrives at one instant,
 * yet each number is its own observation; equal times would make the windower reject all but the
 * first as duplicates. Thread-safe.
 */
final class ArrivalClock {
  /** One microsecond: ISO-8601 times keep it, and a 1 MiB body of numbers spans under a second. */
  static final Duration STEP = Duration.ofNanos(1_000);

  private final Clock clock;
  private Instant last = Instant.MIN;

  ArrivalClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  synchronized Instant next() {
    Instant now = clock.instant();
    Instant floor = last.equals(Instant.MIN) ? now : last.plus(STEP);
    last = now.isAfter(floor) ? now : floor;
    return last;
  }
}
