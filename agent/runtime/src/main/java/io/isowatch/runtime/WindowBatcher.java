package io.isowatch.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects windows (of type T, a window with whatever the caller needs to route it back) of any
 * feed into embedding batches: a batch is due when it holds {@code maxBatch} windows or when its
 * oldest window has waited {@code maxWaitNanos}. Pure bookkeeping on a caller-supplied clock, so
 * the policy is tested without threads. Bounded: it never holds more than {@code maxBatch} windows
 * (the caller drains a full batch before adding more).
 */
final class WindowBatcher<T> {
  private final int maxBatch;
  private final long maxWaitNanos;
  private final List<T> pending;
  private long oldestSince;

  WindowBatcher(int maxBatch, long maxWaitNanos) {
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWaitNanos;
    this.pending = new ArrayList<>(maxBatch);
  }

  /** Adds a window; the caller must drain first when {@link #isFull()}. */
  void add(T window, long nowNanos) {
    if (isFull()) {
      throw new IllegalStateException("batch is full: drain it before adding");
    }
    if (pending.isEmpty()) {
      oldestSince = nowNanos;
    }
    pending.add(window);
  }

  boolean isFull() {
    return pending.size() >= maxBatch;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Whether the batch should be embedded now: full, or its oldest window waited long enough. */
  boolean isDue(long nowNanos) {
    return isFull() || (!pending.isEmpty() && nowNanos - oldestSince >= maxWaitNanos);
  }

  /** Nanoseconds until the batch is due by time; 0 when due, {@code Long.MAX_VALUE} when empty. */
  long nanosUntilDue(long nowNanos) {
    if (pending.isEmpty()) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, oldestSince + maxWaitNanos - nowNanos);
  }

  /** The pending windows, in arrival order; the batcher is empty afterwards. */
  List<T> drain() {
    List<T> batch = List.copyOf(pending);
    pending.clear();
    return batch;
  }
}
