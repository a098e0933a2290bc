package io.isowatch.connectors.sink;

import java.util.function.LongSupplier;

/**
 * A token bucket of bytes: holds up to {@code burst}, refills at {@code perSecond}. Keeps a flood
 * of rejections from turning into a flood of disk writes. Not thread-safe: its owner locks.
 */
final class ByteBudget {
  private static final double NANOS_PER_SECOND = 1e9;

  private final long burst;
  private final long perSecond;
  private final LongSupplier nanoTime;
  private double available;
  private long last;

  ByteBudget(long burst, long perSecond, LongSupplier nanoTime) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.available = burst;
    this.last = nanoTime.getAsLong();
  }

  /** Takes {@code bytes} if that many are available now. */
  boolean take(long bytes) {
    if (!has(bytes)) {
      return false;
    }
    available -= bytes;
    return true;
  }

  /** Whether {@code bytes} are available now, taking none. */
  boolean has(long bytes) {
    long now = nanoTime.getAsLong();
    available = Math.min(burst, available + (now - last) / NANOS_PER_SECOND * perSecond);
    last = now;
    return bytes <= available;
  }
}
