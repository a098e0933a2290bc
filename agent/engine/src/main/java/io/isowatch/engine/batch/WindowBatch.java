package io.isowatch.engine.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The one batching rule of every engine: windows of any feed (type T, a window with whatever the
 * engine needs to route it back) wait for one embedding call, which is due when the batch holds
 * {@code maxBatch} windows or when its oldest window has waited {@code maxWait}. Pure bookkeeping
 * on a clock the engine passes in (its own unit: nanoseconds, a task's wall-clock milliseconds), so
 * the rule is tested without threads or timers.
 *
 * <pre>{@code
 * WindowBatch<Window> batch = new WindowBatch<>(32, 50_000_000L); // 50 ms in nanoseconds
 * batch.add(window, System.nanoTime());
 * if (batch.isDue(System.nanoTime())) {
 *   judge.judge(batch.take(System.nanoTime()), monitors);
 * }
 * }</pre>
 *
 * <p>An engine takes a full batch before adding more, so it holds at most {@code maxBatch}; only an
 * engine that reloads more waiting windows than that (a restart with a smaller {@code maxBatch})
 * holds more for a while, and {@link #take} hands them out in slices of {@code maxBatch}.
 */
public final class WindowBatch<T> {
  private final int maxBatch;
  private final long maxWait;
  private final List<T> pending;
  private long oldestSince;

  /**
   * @param maxBatch windows per embedding call, at least 1
   * @param maxWait longest the oldest window waits, in the unit of the clock passed to the methods
   */
  public WindowBatch(int maxBatch, long maxWait) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    if (maxWait < 0) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
    this.maxBatch = maxBatch;
    this.maxWait = maxWait;
    this.pending = new ArrayList<>(maxBatch);
  }

  /** Adds a window that arrived at {@code now}; an engine takes a full batch first. */
  public void add(T window, long now) {
    if (pending.isEmpty()) {
      oldestSince = now;
    }
    pending.add(window);
  }

  public boolean isFull() {
    return pending.size() >= maxBatch;
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }

  public int size() {
    return pending.size();
  }

  /** Whether a batch should be embedded now: full, or its oldest window waited long enough. */
  public boolean isDue(long now) {
    return isFull() || (!pending.isEmpty() && now - oldestSince >= maxWait);
  }

  /** Time until the batch is due by waiting; 0 when due, {@code Long.MAX_VALUE} when empty. */
  public long untilDue(long now) {
    if (pending.isEmpty()) {
      return Long.MAX_VALUE;
    }
    if (isFull()) {
      return 0;
    }
    return Math.max(0, oldestSince + maxWait - now);
  }

  /**
   * Removes and returns the oldest windows, at most {@code maxBatch}, in arrival order; those left
   * (only after a reload, see the class comment) wait from {@code now}.
   */
  public List<T> take(long now) {
    int count = Math.min(maxBatch, pending.size());
    List<T> batch = List.copyOf(pending.subList(0, count));
    pending.subList(0, count).clear();
    oldestSince = now;
    return batch;
  }

  /** Forgets every waiting window (an engine that reloads them from its own state). */
  public void clear() {
    pending.clear();
  }
}
