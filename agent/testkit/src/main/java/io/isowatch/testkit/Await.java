package io.isowatch.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a generous deadline passes (never a timing assertion). */
public final class Await {
  private Await() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    until(what, timeout, condition, () -> "");
  }

  /** Fails with {@code what} and the {@code state} shown when the deadline passes. */
  public static void until(
      String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + ": " + state.get());
      }
      Thread.sleep(20);
    }
  }
}
