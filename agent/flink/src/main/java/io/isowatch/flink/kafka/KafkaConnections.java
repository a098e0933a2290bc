package io.isowatch.flink.kafka;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.SourceEvent;
import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's Kafka ends: observations in, alerts and dead letters out. Both sinks write in Kafka
 * transactions committed with each checkpoint (exactly once for readers with {@code
 * isolation.level=read_committed}), so alerts appear only as often as a checkpoint records them.
 */
public final class KafkaConnections {
  /**
   * How long an open transaction may stay open; below the broker's default {@code
   * transaction.max.timeout.ms} (15 min), and well above any checkpoint interval.
   */
  public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

  private KafkaConnections() {}

  /**
   * Observations from {@code topic}, starting at the group's committed offsets (the earliest when
   * it has none); after a failure or from a savepoint, at the checkpointed offsets.
   */
  public static KafkaSource<SourceEvent> observations(
      String bootstrapServers, String topic, String groupId) {
    return KafkaSource.<SourceEvent>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new ObservationRecordDeserializer())
        .build();
  }

  /** The same source, ending at the offsets that were the latest when the job started. */
  public static KafkaSource<SourceEvent> boundedObservations(
      String bootstrapServers, String topic, String groupId) {
    return KafkaSource.<SourceEvent>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setBounded(OffsetsInitializer.latest())
        .setDeserializer(new ObservationRecordDeserializer())
        .build();
  }

  /**
   * Alerts to {@code topic}, exactly once; {@code transactionalIdPrefix} must be unique per job.
   */
  public static KafkaSink<Alert> alerts(
      String bootstrapServers, String topic, String transactionalIdPrefix) {
    return KafkaSink.<Alert>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(JsonRecordSerializer.alerts(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix + "-alerts")
        .setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
        .build();
  }

  /** Dead letters to {@code topic}, exactly once as well. */
  public static KafkaSink<Rejection> deadLetters(
      String bootstrapServers, String topic, String transactionalIdPrefix) {
    return KafkaSink.<Rejection>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(JsonRecordSerializer.deadLetters(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix + "-dead-letters")
        .setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
        .build();
  }
}
