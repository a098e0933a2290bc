package io.isowatch.kafkastreams;

import io.isowatch.core.feed.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of one task waiting for an embedding call, across its feeds: due when it holds {@code
 * maxBatch} windows or when its oldest has waited {@code maxWaitNanos}. Every window in it is also
 * in the task's pending-window store, which is what survives a crash; this list only saves reading
 * the store back. Holds at most {@code maxBatch} windows, except right after a restart with a
 * smaller {@code maxBatch} than the run that stored them (then {@link #take} drains it in slices).
 */
final class PendingBatch {
  private final int maxBatch;
  private final long maxWaitNanos;
  private final List<Window> windows;
  private long oldestSince;

  PendingBatch(int maxBatch, long maxWaitNanos) {
    this.maxBatch = maxBatch;
    this.maxWaitNanos = maxWaitNanos;
    this.windows = new ArrayList<>(maxBatch);
  }

  void add(Window window, long nowNanos) {
    if (windows.isEmpty()) {
      oldestSince = nowNanos;
    }
    windows.add(window);
  }

  boolean isFull() {
    return windows.size() >= maxBatch;
  }

  boolean isEmpty() {
    return windows.isEmpty();
  }

  int size() {
    return windows.size();
  }

  boolean isDue(long nowNanos) {
    return isFull() || (!windows.isEmpty() && nowNanos - oldestSince >= maxWaitNanos);
  }

  /** Removes and returns the oldest windows, at most {@code maxBatch}, in arrival order. */
  List<Window> take(long nowNanos) {
    int count = Math.min(maxBatch, windows.size());
    List<Window> batch = new ArrayList<>(windows.subList(0, count));
    windows.subList(0, count).clear();
    oldestSince = nowNanos;
    return batch;
  }

  void clear() {
    windows.clear();
  }
}
