package io.isowatch.flink;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.flink.kafka.KafkaConnections;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job as it runs against Kafka: observations from one topic, alerts and dead letters to two
 * others, both exactly once. Sources and sinks have fixed uids, like the stateful operators, so a
 * savepoint restores into a new submission of the job.
 *
 * @param bootstrapServers the brokers
 * @param observationsTopic where observations are read (JSON, keyed by feed or naming it)
 * @param alertsTopic where alerts are written ({@code AlertJson}, keyed by feed)
 * @param deadLettersTopic where rejected records are written ({@code RejectionJson})
 * @param groupId the consumer group (offsets are committed to it on each checkpoint, for lag
 *     monitoring; the job itself restarts from its checkpoints)
 * @param transactionalIdPrefix unique per job on the cluster: the prefix of its Kafka transactions
 * @param bounded stop at the offsets that were the latest at start (replays, tests)
 */
public record KafkaJob(
    String bootstrapServers,
    String observationsTopic,
    String alertsTopic,
    String deadLettersTopic,
    String groupId,
    String transactionalIdPrefix,
    boolean bounded) {
  public static final String SOURCE_UID = "isowatch-kafka-source";
  public static final String ALERTS_SINK_UID = "isowatch-alerts-sink";
  public static final String DEAD_LETTERS_SINK_UID = "isowatch-dead-letters-sink";

  public KafkaJob {
    requireText(bootstrapServers, "bootstrapServers");
    requireText(observationsTopic, "observationsTopic");
    requireText(alertsTopic, "alertsTopic");
    requireText(deadLettersTopic, "deadLettersTopic");
    requireText(groupId, "groupId");
    requireText(transactionalIdPrefix, "transactionalIdPrefix");
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** The observations, as source events. */
  public DataStream<SourceEvent> events(StreamExecutionEnvironment env) {
    KafkaSource<SourceEvent> source =
        bounded
            ? KafkaConnections.boundedObservations(bootstrapServers, observationsTopic, groupId)
            : KafkaConnections.observations(bootstrapServers, observationsTopic, groupId);
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "observations").uid(SOURCE_UID);
  }

  /** Writes the alerts to their topic. */
  public void sinkAlerts(DataStream<Alert> alerts) {
    alerts
        .sinkTo(KafkaConnections.alerts(bootstrapServers, alertsTopic, transactionalIdPrefix))
        .name("alerts")
        .uid(ALERTS_SINK_UID);
  }

  /** Writes the dead letters to their topic. */
  public void sinkDeadLetters(DataStream<Rejection> deadLetters) {
    deadLetters
        .sinkTo(
            KafkaConnections.deadLetters(bootstrapServers, deadLettersTopic, transactionalIdPrefix))
        .name("dead letters")
        .uid(DEAD_LETTERS_SINK_UID);
  }

  /** The whole job on {@code env}: source, dataflow, sinks. */
  public void build(StreamExecutionEnvironment env, AgentSpec settings) {
    build(env, settings, IsowatchTopology.DEFAULT_MAX_FEEDS);
  }

  /**
   * As {@link #build(StreamExecutionEnvironment, AgentSpec)}, each subtask tracking at most {@code
   * maxFeeds} feeds.
   */
  public void build(StreamExecutionEnvironment env, AgentSpec settings, int maxFeeds) {
    IsowatchTopology.Outputs outputs = IsowatchTopology.build(events(env), settings, maxFeeds);
    sinkAlerts(outputs.alerts());
    sinkDeadLetters(outputs.deadLetters());
  }
}
