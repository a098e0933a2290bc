package io.isowatch.cli.config;

import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.kafkastreams.KeyBy;
import io.isowatch.kafkastreams.StateStoreKind;
import io.isowatch.kafkastreams.StreamsEngineSettings;
import io.isowatch.runtime.PipelineSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code engine.kafka-streams} section, and the {@code run} options that override it: where the
 * Kafka Streams engine reads and writes. Bootstrap and inputs may come from either; {@link
 * #settings} checks that they came from one.
 *
 * @param properties client properties passed through as they are (TLS, SASL); never printed with
 *     their secrets
 */
public record KafkaStreamsConfig(
    Optional<String> bootstrap,
    List<String> inputs,
    String applicationId,
    String alertsTopic,
    Optional<String> measuresTopic,
    String deadLetterTopic,
    KeyBy keyBy,
    StateStoreKind stateStore,
    Optional<Path> stateDir,
    int threads,
    int maxCachedMonitors,
    Map<String, String> properties) {
  public KafkaStreamsConfig {
    Objects.requireNonNull(bootstrap, "bootstrap");
    inputs = List.copyOf(inputs);
    properties = Map.copyOf(properties);
  }

  public static KafkaStreamsConfig defaults() {
    return new KafkaStreamsConfig(
        Optional.empty(),
        List.of(),
        StreamsEngineSettings.DEFAULT_APPLICATION_ID,
        StreamsEngineSettings.DEFAULT_ALERTS_TOPIC,
        Optional.empty(),
        StreamsEngineSettings.DEFAULT_DEAD_LETTER_TOPIC,
        StreamsEngineSettings.DEFAULT_KEY_BY,
        StreamsEngineSettings.DEFAULT_STATE_STORE,
        Optional.empty(),
        StreamsEngineSettings.DEFAULT_THREADS,
        StreamsEngineSettings.DEFAULT_MAX_CACHED_MONITORS,
        Map.of());
  }

  /**
   * Reads the section; {@code bootstrap} and {@code inputs} are checked later, by {@link
   * #settings}.
   */
  public static KafkaStreamsConfig read(ConfigNode section) throws InputFormatException {
    section.allowOnly(
        "bootstrap",
        "inputs",
        "application-id",
        "alerts-topic",
        "measures-topic",
        "dead-letter-topic",
        "key-by",
        "state-store",
        "state-dir",
        "threads",
        "max-cached-monitors",
        "properties");
    KafkaStreamsConfig defaults = defaults();
    return new KafkaStreamsConfig(
        section.optionalText("bootstrap"),
        section.texts("inputs"),
        section.text("application-id", defaults.applicationId()),
        section.text("alerts-topic", defaults.alertsTopic()),
        section.optionalText("measures-topic"),
        section.text("dead-letter-topic", defaults.deadLetterTopic()),
        section.choice("key-by", defaults.keyBy(), ConfigNode.labels(KeyBy.class)),
        section.choice(
            "state-store", defaults.stateStore(), ConfigNode.labels(StateStoreKind.class)),
        section.optionalPath("state-dir"),
        section.atLeast("threads", defaults.threads(), 1),
        section.atLeast("max-cached-monitors", defaults.maxCachedMonitors(), 1),
        section.textMap("properties"));
  }

  /** This configuration with the {@code run} options that were given in place of its values. */
  public KafkaStreamsConfig with(
      Optional<String> bootstrap, List<String> inputs, Map<String, String> properties) {
    Map<String, String> merged = new LinkedHashMap<>(this.properties);
    merged.putAll(properties);
    return new KafkaStreamsConfig(
        bootstrap.or(() -> this.bootstrap),
        inputs.isEmpty() ? this.inputs : inputs,
        applicationId,
        alertsTopic,
        measuresTopic,
        deadLetterTopic,
        keyBy,
        stateStore,
        stateDir,
        threads,
        maxCachedMonitors,
        merged);
  }

  /**
   * The engine's settings, batching as {@code pipeline} says (max-batch, max-wait; max-feeds per
   * task).
   *
   * @throws InputFormatException naming the key (and option) that is missing or wrong
   */
  public StreamsEngineSettings settings(PipelineSettings pipeline) throws InputFormatException {
    if (bootstrap.isEmpty()) {
      throw new InputFormatException(
          "engine.kafka-streams.bootstrap: required with engine kafka-streams (or --bootstrap"
              + " HOST:PORT)");
    }
    if (inputs.isEmpty()) {
      throw new InputFormatException(
          "engine.kafka-streams.inputs: required with engine kafka-streams: the topics of"
              + " observations (or --input TOPIC)");
    }
    try {
      return StreamsEngineSettings.builder()
          .bootstrapServers(bootstrap.get())
          .inputTopics(inputs)
          .applicationId(applicationId)
          .alertsTopic(alertsTopic)
          .measuresTopic(measuresTopic)
          .deadLetterTopic(deadLetterTopic)
          .keyBy(keyBy)
          .stateStore(stateStore)
          .stateDir(stateDir)
          .threads(threads)
          .maxCachedMonitors(maxCachedMonitors)
          .batch(pipeline.batch())
          .maxFeeds(pipeline.maxFeeds())
          .clientProperties(properties)
          .build();
    } catch (IllegalArgumentException e) {
      InputFormatException failure =
          new InputFormatException("engine.kafka-streams: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }
}
