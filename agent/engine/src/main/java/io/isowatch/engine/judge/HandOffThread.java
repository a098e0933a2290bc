package io.isowatch.engine.judge;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One thread that runs one task at a time for its owner: the owner {@link #start starts} a task,
 * does its own work meanwhile, then {@link #await awaits} it before it starts the next. A second
 * task while one is in flight is refused, so nothing ever queues up behind it; and since the owner
 * always awaits, everything the task touched is visible to the owner afterwards, and the two never
 * touch the same objects at the same time unless the owner does so between start and await.
 *
 * <p>Not thread-safe: one owner thread calls every method.
 */
final class HandOffThread<T> implements AutoCloseable {
  private final ThreadPoolExecutor thread;
  private Future<T> inFlight;

  /**
   * @param name the thread's name; it is a daemon thread, started on the first task
   */
  HandOffThread(String name) {
    // One thread and room for one task: the owner awaits each task before the next, so the slot
    // is free whenever a task is handed over, even before the thread is back to take it.
    this.thread =
        new ThreadPoolExecutor(
            1,
            1,
            0L,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1),
            runnable -> {
              Thread t = new Thread(runnable, name);
              t.setDaemon(true);
              return t;
            });
  }

  /** Hands the task to the thread; refused while another is in flight. */
  void start(Callable<T> task) {
    if (inFlight != null) {
      throw new IllegalStateException("a task is still in flight: await it first");
    }
    inFlight = thread.submit(task);
  }

  /** Whether a task was started and not yet awaited. */
  boolean inFlight() {
    return inFlight != null;
  }

  /** Whether the task in flight has finished, so that {@link #await} would not wait. */
  boolean done() {
    return inFlight != null && inFlight.isDone();
  }

  /**
   * Waits for the task in flight and returns its result (null when none was in flight), or throws
   * what it threw, as it threw it. An interrupt does not cut the wait short (the task may still be
   * touching the owner's objects; it ends soon enough): the owner's interrupt status is restored
   * afterwards.
   *
   * @throws Exception what the task threw
   */
  T await() throws Exception {
    if (inFlight == null) {
      return null;
    }
    Future<T> task = inFlight;
    inFlight = null;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Exception exception) {
            throw exception;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException("the task threw", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Lets the thread end once the task in flight, if any, is done; does not wait for it (an owner
   * that needs its outcome awaits first).
   */
  @Override
  public void close() {
    thread.shutdown();
  }

  /** Whether the thread has ended (after {@link #close}); for tests. */
  boolean ended() {
    return thread.isTerminated();
  }

  /** Waits at most the given time for the thread to end after {@link #close}; for tests. */
  boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
    return thread.awaitTermination(timeout, unit);
  }
}
