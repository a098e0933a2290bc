package io.isowatch.cli.config;

/**
 * The engine that moves records through the monitors: {@code run --engine}, or {@code engine.type}
 * in the configuration file. Each engine is started by its own class; this is the one switch.
 */
public enum Engine {
  /** The in-process pipeline over the configuration's sources. */
  EMBEDDED,
  /** Kafka Streams: observations from Kafka topics, alerts and dead letters to topics. */
  KAFKA_STREAMS,
  /** Flink: the configuration's JSONL sources replayed through the Flink job on a MiniCluster. */
  FLINK
}
