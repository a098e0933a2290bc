package io.isowatch.flink.kafka;

import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alerts and dead letters to a topic in their one JSON form, keyed by feed, so that one
 * feed's messages stay in order in one partition.
 */
public abstract class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  JsonRecordSerializer(String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  abstract String key(T value);

  abstract String json(T value);

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T value, KafkaSinkContext context, Long timestamp) {
    String key = key(value);
    return new ProducerRecord<>(
        topic,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        json(value).getBytes(StandardCharsets.UTF_8));
  }

  /** Alerts as {@link AlertJson} lines, keyed by feed. */
  public static JsonRecordSerializer<Alert> alerts(String topic) {
    return new JsonRecordSerializer<>(topic) {
      private static final long serialVersionUID = 1L;

      @Override
      String key(Alert alert) {
        return alert.feedId();
      }

      @Override
      String json(Alert alert) {
        return AlertJson.toLine(alert);
      }
    };
  }

  /** Rejected records as {@link RejectionJson} lines, keyed by feed when it could be read. */
  public static JsonRecordSerializer<Rejection> deadLetters(String topic) {
    return new JsonRecordSerializer<>(topic) {
      private static final long serialVersionUID = 1L;

      @Override
      String key(Rejection rejection) {
        return rejection.feedId().orElse(null);
      }

      @Override
      String json(Rejection rejection) {
        return RejectionJson.toLine(rejection);
      }
    };
  }
}
