package io.isowatch.core.io;

import java.util.function.Consumer;

/**
 * A feed of observations: a file replay, a synthetic generator, a broker subscription. The engine
 * gives each source a thread and calls {@link #run}; {@code downstream.accept} may block, which is
 * how backpressure reaches the source.
 */
public interface ObservationSource extends AutoCloseable {
  /**
   * Emits events until the source is exhausted (a file's end) or {@link #close()} is called from
   * another thread; then returns.
   */
  void run(Consumer<SourceEvent> downstream) throws Exception;

  /** A short description for logs, e.g. {@code "csv replay of data/ec2_cpu.csv (x60)"}. */
  String describe();

  /** Stops {@link #run} early; a no-op for sources that end by themselves. */
  @Override
  default void close() throws Exception {}
}
