package io.isowatch.connectors.kafka;

import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.DeadLetterSink;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sets rejected records aside on a Kafka topic (a dead-letter topic): key = the feed id when it
 * could be read, value = {@link RejectionJson} (reason, feed, original, detail, time).
 *
 * <pre>{@code
 * DeadLetterSink deadLetters =
 *     new KafkaDeadLetterSink(KafkaClientSettings.of("broker:9092"), "isowatch-dead-letters");
 * }</pre>
 *
 * <p>The producer is idempotent ({@code acks=all}) and sends asynchronously; {@link #flush()} waits
 * until every record sent so far is acknowledged and throws, naming the count and the first cause,
 * if any was lost after the producer's own retries ({@code delivery.timeout.ms}), so a lost dead
 * letter never goes unnoticed. Memory: the producer's {@code buffer.memory} (32 MiB by default;
 * {@link #accept} blocks when it is full, up to {@code max.block.ms}). Thread-safe.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink {
  private final String topic;
  private final KafkaProducer<String, String> producer;
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public KafkaDeadLetterSink(KafkaClientSettings settings, String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    this.producer =
        new KafkaProducer<>(
            settings.clientProperties(
                Map.of("linger.ms", "5"),
                Map.of(
                    "enable.idempotence",
                    "true",
                    "acks",
                    "all",
                    "key.serializer",
                    StringSerializer.class.getName(),
                    "value.serializer",
                    StringSerializer.class.getName())));
  }

  @Override
  public void accept(Rejection rejection) {
    producer.send(
        new ProducerRecord<>(
            topic, rejection.feedId().orElse(null), RejectionJson.toLine(rejection)),
        (metadata, exception) -> {
          if (exception != null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, exception);
          }
        });
  }

  /**
   * @throws IOException if a dead letter could not be written, with the first cause
   */
  @Override
  public void flush() throws IOException {
    producer.flush();
    long lost = failed.getAndSet(0);
    if (lost > 0) {
      Exception cause = firstFailure.getAndSet(null);
      throw new IOException(
          lost + " dead letter(s) could not be written to topic " + topic + ": " + cause, cause);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      producer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public String toString() {
    return "kafka dead-letter topic " + topic;
  }
}
