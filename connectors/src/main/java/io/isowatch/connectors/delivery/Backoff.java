package io.isowatch.connectors.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff: {@code initial}, then twice the previous delay after each failure, never
 * more than {@code max}; a success starts again from {@code initial}. Not thread-safe.
 *
 * <pre>{@code
 * Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
 * Duration wait = backoff.failed(); // 500 ms, then 1 s, 2 s, ... 30 s
 * backoff.succeeded();
 * }</pre>
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;
  private int failures;

  public Backoff(Duration initial, Duration max) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max backoff " + max + " must be at least the initial " + initial);
    }
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  public Duration failed() {
    Duration wait = next;
    failures++;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return wait;
  }

  public void succeeded() {
    next = initial;
    failures = 0;
  }

  /** Failures in a row since the last success. */
  public int failures() {
    return failures;
  }
}
