package io.isowatch.connectors.kafka;

import io.isowatch.connectors.delivery.AlertKeys;
import io.isowatch.connectors.delivery.DeliveryQueue;
import io.isowatch.connectors.delivery.Envelope;
import io.isowatch.connectors.delivery.Outcome;
import io.isowatch.connectors.delivery.QueuedSinkBuilder;
import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.io.AlertSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes each alert to a Kafka topic: key = the feed id (so one feed's alerts stay in order on one
 * partition), value = {@link AlertJson}, header {@value #IDEMPOTENCY_HEADER} = {@link
 * AlertKeys#idempotencyKey}.
 *
 * <pre>{@code
 * KafkaAlertSink alerts = KafkaAlertSink.builder(KafkaClientSettings.of("broker:9092"), "alerts")
 *     .spillFile(Path.of("state/kafka-alerts-spill.jsonl"))
 *     .build();
 * }</pre>
 *
 * <p>The producer is idempotent ({@code enable.idempotence=true}, {@code acks=all}): its own
 * retries never write an alert twice. Alerts go through a {@link DeliveryQueue}, one at a time and
 * in order: an alert the cluster cannot take within {@code sendTimeout} (cluster down) is retried
 * with backoff, spilled to the spill file when memory is full and replayed at the next start; one
 * it refuses for good (too large, not authorized) goes to the {@code .rejected} file. Thread-safe.
 */
public final class KafkaAlertSink implements AlertSink {
  public static final String IDEMPOTENCY_HEADER = "idempotency-key";
  public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FLUSH_TIMEOUT = QueuedSinkBuilder.DEFAULT_FLUSH_TIMEOUT;

  private final String topic;
  private final Duration sendTimeout;
  private final Duration flushTimeout;
  private final KafkaProducer<String, String> producer;
  private final DeliveryQueue queue;

  private KafkaAlertSink(Builder builder) throws IOException {
    this.topic = builder.topic;
    this.sendTimeout = builder.sendTimeout;
    this.flushTimeout = builder.flushTimeout();
    long timeoutMs = sendTimeout.toMillis();
    this.producer =
        new KafkaProducer<>(
            builder.settings.clientProperties(
                Map.of(
                    "delivery.timeout.ms", Long.toString(timeoutMs),
                    "request.timeout.ms", Long.toString(Math.min(timeoutMs, 30_000)),
                    "max.block.ms", Long.toString(timeoutMs),
                    "linger.ms", "0"),
                fixed()));
    this.queue = builder.queue("kafka " + topic, this::deliver).build();
  }

  private static Map<String, String> fixed() {
    return Map.of(
        "enable.idempotence",
        "true",
        "acks",
        "all",
        "key.serializer",
        StringSerializer.class.getName(),
        "value.serializer",
        StringSerializer.class.getName());
  }

  public static Builder builder(KafkaClientSettings settings, String topic) {
    return new Builder(settings, topic);
  }

  /** Queues the alert; returns at once. */
  @Override
  public void send(Alert alert) throws IOException {
    queue.offer(new Envelope(AlertKeys.idempotencyKey(alert), AlertJson.toLine(alert)));
  }

  @Override
  public void flush() throws InterruptedException {
    queue.flush(flushTimeout);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      queue.close();
    } finally {
      producer.close(Duration.ofSeconds(5));
    }
  }

  public DeliveryQueue.Stats stats() {
    return queue.stats();
  }

  private Outcome deliver(Envelope envelope) throws InterruptedException {
    String feed = AlertJson.fromLine(envelope.body()).feedId();
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, feed, envelope.body());
    record.headers().add(IDEMPOTENCY_HEADER, envelope.key().getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get(sendTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return new Outcome.Delivered();
    } catch (TimeoutException e) {
      return new Outcome.Retry("no acknowledgement from Kafka within " + sendTimeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RetriableException
          || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        return new Outcome.Retry("kafka: " + cause);
      }
      return new Outcome.Rejected("kafka refused it: " + cause);
    } catch (org.apache.kafka.common.KafkaException e) {
      return new Outcome.Retry("kafka: " + e);
    }
  }

  @Override
  public String toString() {
    return "kafka topic " + topic;
  }

  /** Builds a {@link KafkaAlertSink}; the spill file is required. */
  public static final class Builder extends QueuedSinkBuilder<Builder> {
    private final KafkaClientSettings settings;
    private final String topic;
    private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

    private Builder(KafkaClientSettings settings, String topic) {
      this.settings = Objects.requireNonNull(settings, "settings");
      this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** How long one alert may take to be acknowledged before it is retried. */
    public Builder sendTimeout(Duration sendTimeout) {
      this.sendTimeout = sendTimeout;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option at fault
     * @throws IOException if the spill file cannot be read
     */
    public KafkaAlertSink build() throws IOException {
      if (topic.isBlank()) {
        throw new IllegalArgumentException("topic must not be blank");
      }
      if (sendTimeout == null || sendTimeout.toMillis() < 1) {
        throw new IllegalArgumentException("sendTimeout must be at least 1ms, got " + sendTimeout);
      }
      if (spillFile == null) {
        throw new IllegalArgumentException("spillFile is required");
      }
      settings.clientProperties(Map.of(), fixed());
      return new KafkaAlertSink(this);
    }
  }
}
