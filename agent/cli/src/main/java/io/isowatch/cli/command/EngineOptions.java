package io.isowatch.cli.command;

import io.isowatch.cli.config.Engine;
import io.isowatch.cli.config.EngineConfig;
import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.InputFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of {@code run} that choose the engine and, for Kafka Streams, where it reads: they
 * override the configuration file's {@code engine} section, or stand in for a file altogether.
 */
public final class EngineOptions {
  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "embedded (in-process, over the configuration's sources), kafka-streams or flink (the"
              + " Flink job on a local MiniCluster; jsonl sources and the bundled models); default:"
              + " the configuration's engine.type, else embedded.")
  public String engine;

  @Option(
      names = "--parallelism",
      defaultValue = "1",
      description = "Subtasks of the flink engine, each with its own model session (default: 1).")
  public int parallelism;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (kafka-streams).")
  public String bootstrap;

  @Option(
      names = "--input",
      paramLabel = "TOPIC",
      split = ",",
      description = "Topic of JSON observations; repeat or separate with commas (kafka-streams).")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka client property, e.g. security.protocol=SASL_SSL; repeat for more"
              + " (kafka-streams). Secrets are never printed.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  /** The configuration's engine section with these options in place of its values. */
  public EngineConfig applyTo(EngineConfig config) throws InputFormatException {
    EngineConfig merged = config;
    Optional<Engine> type = engineType();
    if (type.isPresent()) {
      merged = merged.withType(type.get());
    }
    return merged.withKafkaStreams(
        merged.kafkaStreams().with(Optional.ofNullable(bootstrap), inputs, kafkaProperties));
  }

  /** The engine --engine names, if given. */
  public Optional<Engine> engineType() throws InputFormatException {
    if (engine == null) {
      return Optional.empty();
    }
    Engine type =
        ConfigNode.labels(Engine.class).get(engine.strip().toLowerCase(java.util.Locale.ROOT));
    if (type == null) {
      throw new InputFormatException(
          "--engine: expected one of "
              + String.join(", ", ConfigNode.labels(Engine.class).keySet())
              + ", got "
              + engine);
    }
    return Optional.of(type);
  }

  /** Whether any Kafka option was given. */
  public boolean kafkaOptionsGiven() {
    return bootstrap != null || !inputs.isEmpty() || !kafkaProperties.isEmpty();
  }
}
