package io.isowatch.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** Runs a pipeline on a thread of its own, and waits for conditions by polling, never blindly. */
final class Concurrently {
  private static final long POLL_MILLIS = 20;

  private Concurrently() {}

  /** Starts {@code pipeline.run()} on a daemon thread; the future ends when run() returns. */
  static Future<Void> run(EmbeddedPipeline pipeline) {
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              pipeline.run();
              return null;
            });
    Thread thread = new Thread(task, "pipeline under test");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /**
   * Polls {@code condition} until it holds and returns its last value, or fails after {@code
   * timeout} naming {@code what}.
   */
  static <T> T await(Duration timeout, String what, Callable<T> probe, Condition<T> condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = probe.call();
    while (!condition.holds(value)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + timeout + " for " + what + "; last seen: " + value);
      }
      Thread.sleep(POLL_MILLIS);
      value = probe.call();
    }
    return value;
  }

  /** A test of a polled value. */
  @FunctionalInterface
  interface Condition<T> {
    boolean holds(T value) throws Exception;
  }
}
