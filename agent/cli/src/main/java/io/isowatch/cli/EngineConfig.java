package io.isowatch.cli;

import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.InputFormatException;
import java.util.Objects;

/**
 * The {@code engine} section: which engine runs, and the settings of those that need their own.
 *
 * @param kafkaStreams read whatever the type, used with {@link Engine#KAFKA_STREAMS}
 */
record EngineConfig(Engine type, KafkaStreamsConfig kafkaStreams) {
  EngineConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kafkaStreams, "kafkaStreams");
  }

  static EngineConfig defaults() {
    return new EngineConfig(Engine.EMBEDDED, KafkaStreamsConfig.defaults());
  }

  static EngineConfig read(ConfigNode section) throws InputFormatException {
    section.allowOnly("type", "kafka-streams");
    Engine type = section.choice("type", Engine.EMBEDDED, ConfigNode.labels(Engine.class));
    return new EngineConfig(type, KafkaStreamsConfig.read(section.section("kafka-streams")));
  }

  EngineConfig withType(Engine type) {
    return new EngineConfig(type, kafkaStreams);
  }

  EngineConfig withKafkaStreams(KafkaStreamsConfig kafkaStreams) {
    return new EngineConfig(type, kafkaStreams);
  }
}
