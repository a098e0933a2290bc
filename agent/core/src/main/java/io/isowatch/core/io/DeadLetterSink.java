package io.isowatch.core.io;

import io.isowatch.core.feed.Rejection;

/** Where rejected records go, with their reason: a file, a dead-letter topic. */
public interface DeadLetterSink extends AutoCloseable {
  void accept(Rejection rejection) throws Exception;

  default void flush() throws Exception {}

  @Override
  default void close() throws Exception {}
}
