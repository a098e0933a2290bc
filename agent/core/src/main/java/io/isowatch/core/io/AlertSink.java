package io.isowatch.core.io;

import io.isowatch.core.alert.Alert;

/** Where alerts go: the console, a JSONL file, Alertmanager, a webhook, a Kafka topic. */
public interface AlertSink extends AutoCloseable {
  void send(Alert alert) throws Exception;

  /** Makes everything sent so far durable or delivered; called at shutdown before close. */
  default void flush() throws Exception {}

  @Override
  default void close() throws Exception {}
}
