package io.isowatch.kafkastreams;

import io.isowatch.core.feed.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of one task waiting for an embedding call, across its feeds: due when it holds {@code
 * maxBatch} windows or when its oldest has waited {@code maxWaitMillis} (task wall clock). Every
 * window in it is also in the task's pending-window store, which is what survives a crash; this
 * list only saves reading the store back. Holds at most {@code maxBatch} windows, except right
 * after a restart with a smaller {@code maxBatch} than the run that stored them (then {@link #take}
 * drains it in slices).
 */
final class PendingBatch {
  private final int maxBatch;
  private final long maxWaitMillis;
  private final List<Window> windows;
  private long oldestSince;

  PendingBatch(int maxBatch, long maxWaitMillis) {
    this.maxBatch = maxBatch;
    this.maxWaitMillis = maxWaitMillis;
    this.windows = new ArrayList<>(maxBatch);
  }

  void add(Window window, long nowMillis) {
    if (windows.isEmpty()) {
      oldestSince = nowMillis;
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

  boolean isDue(long nowMillis) {
    return isFull() || (!windows.isEmpty() && nowMillis - oldestSince >= maxWaitMillis);
  }

  /** Removes and returns the oldest windows, at most {@code maxBatch}, in arrival order. */
  List<Window> take(long nowMillis) {
    int count = Math.min(maxBatch, windows.size());
    List<Window> batch = new ArrayList<>(windows.subList(0, count));
    windows.subList(0, count).clear();
    oldestSince = nowMillis;
    return batch;
  }

  void clear() {
    windows.clear();
  }
}
