package io.isowatch.cli.config;

import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.InputFormatException;
import java.util.Objects;

/**
 * The {@code engine} section: which engine runs, and the settings of those that need their own.
 *
 * @param kafkaStreams read whatever the type, used with {@link Engine#KAFKA_STREAMS}
 */
public record EngineConfig(Engine type, KafkaStreamsConfig kafkaStreams) {
  public EngineConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kafkaStreams, "kafkaStreams");
  }

  public static EngineConfig defaults() {
    return new EngineConfig(Engine.EMBEDDED, KafkaStreamsConfig.defaults());
  }

  public static EngineConfig read(ConfigNode section) throws InputFormatException {
    section.allowOnly("type", "kafka-streams");
    Engine type = section.choice("type", Engine.EMBEDDED, ConfigNode.labels(Engine.class));
    return new EngineConfig(type, KafkaStreamsConfig.read(section.section("kafka-streams")));
  }

  public EngineConfig withType(Engine type) {
    return new EngineConfig(type, kafkaStreams);
  }

  public EngineConfig withKafkaStreams(KafkaStreamsConfig kafkaStreams) {
    return new EngineConfig(type, kafkaStreams);
  }
}
