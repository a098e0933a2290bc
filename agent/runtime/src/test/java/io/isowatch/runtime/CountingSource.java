package io.isowatch.runtime;

import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Wraps a real source and watches the hand-over from the source's side: how many events it handed
 * to the pipeline (a call of {@code downstream.accept} that returned), and how far it ever ran
 * ahead of the events the pipeline had handled, as a {@code handled} count tells (read from a
 * listener). Events can be altered on the way, e.g. to inject bad values.
 */
final class CountingSource implements ObservationSource {
  private final ObservationSource inner;
  private final UnaryOperator<SourceEvent> alter;
  private final LongSupplier handled;
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong maxAhead = new AtomicLong();
  private final CountDownLatch ended = new CountDownLatch(1);

  CountingSource(ObservationSource inner, LongSupplier handled, UnaryOperator<SourceEvent> alter) {
    this.inner = inner;
    this.handled = handled;
    this.alter = alter;
  }

  @Override
  public void run(Consumer<SourceEvent> downstream) throws Exception {
    try {
      inner.run(
          event -> {
            long ahead = emitted.get() - handled.getAsLong();
            maxAhead.accumulateAndGet(ahead, Math::max);
            downstream.accept(alter.apply(event));
            emitted.incrementAndGet();
          });
    } finally {
      ended.countDown();
    }
  }

  @Override
  public String describe() {
    return "counting " + inner.describe();
  }

  @Override
  public void close() throws Exception {
    inner.close();
  }

  /** Whether run() returned within {@code timeout}: the source's thread is free. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Events handed over: their {@code accept} call returned. */
  long emitted() {
    return emitted.get();
  }

  /**
   * The most events ever handed over but not yet handled, seen just before handing over the next:
   * those in the queue plus at most one the worker has taken and not yet reported.
   */
  long maxAhead() {
    return maxAhead.get();
  }
}
