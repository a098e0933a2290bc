package io.isowatch.connectors.pacing;

/**
 * Holds a source's thread until a wall-clock deadline, and lets another thread stop the wait: how
 * paced sources honour a rate and still stop at once on {@code close()}.
 *
 * <pre>{@code
 * Pacer pacer = new Pacer();
 * long start = System.nanoTime();
 * for (int k = 0; k < n; k++) {
 *   if (!pacer.awaitNanos(start + k * 10_000_000L)) {
 *     return; // stopped
 *   }
 *   emit(k);
 * }
 * }</pre>
 *
 * <p>Deadlines are absolute ({@link System#nanoTime()}), so the delays of one step do not add up
 * over a long run. Thread-safe.
 */
public final class Pacer {
  private final Object lock = new Object();
  private volatile boolean stopped;

  /**
   * Waits until {@code System.nanoTime()} reaches {@code deadlineNanos} or {@link #stop()} is
   * called. Returns at once when the deadline has passed.
   *
   * @return true when the deadline was reached, false when the pacer was stopped
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public boolean awaitNanos(long deadlineNanos) throws InterruptedException {
    synchronized (lock) {
      while (!stopped) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return true;
        }
        lock.wait(remaining / 1_000_000L, (int) (remaining % 1_000_000L));
      }
      return false;
    }
  }

  /** Ends every current and future wait; the owner's loop should then return. */
  public void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
  }

  /** Whether {@link #stop()} has been called. */
  public boolean stopped() {
    return stopped;
  }
}
