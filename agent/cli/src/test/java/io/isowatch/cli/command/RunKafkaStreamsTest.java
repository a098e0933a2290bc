package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.cli.Cli;
import io.isowatch.cli.config.AgentConfig;
import io.isowatch.cli.config.Engine;
import io.isowatch.cli.config.EngineConfig;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.kafkastreams.KeyBy;
import io.isowatch.kafkastreams.StateStoreKind;
import io.isowatch.kafkastreams.StreamsEngineSettings;
import io.isowatch.runtime.PipelineSettings;
import io.isowatch.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code isowatch run --engine kafka-streams}: options, the YAML section, and start-up errors. */
class RunKafkaStreamsTest {
  private static final Path BASE = Path.of("/configs");

  @Test
  void theEngineSectionReadsEveryKey() throws Exception {
    AgentConfig config =
        AgentConfig.parse(
            "engine:\n"
                + "  type: kafka-streams\n"
                + "  kafka-streams:\n"
                + "    bootstrap: broker:9092\n"
                + "    inputs: [a, b]\n"
                + "    application-id: watch\n"
                + "    alerts-topic: al\n"
                + "    measures-topic: me\n"
                + "    dead-letter-topic: de\n"
                + "    key-by: field\n"
                + "    state-store: in-memory\n"
                + "    state-dir: state\n"
                + "    threads: 2\n"
                + "    max-cached-monitors: 10\n"
                + "    properties: {security.protocol: SSL, request.timeout.ms: 5000}\n"
                + "pipeline: {max-batch: 8, max-wait: 20ms, max-feeds: 50}\n",
            BASE,
            key -> {});

    assertThat(config.sources()).as("no sources needed with kafka-streams").isEmpty();
    assertThat(config.engine().type()).isEqualTo(Engine.KAFKA_STREAMS);
    StreamsEngineSettings settings =
        config.engine().kafkaStreams().settings(config.settings().pipeline());
    assertThat(settings)
        .isEqualTo(
            StreamsEngineSettings.builder()
                .bootstrapServers("broker:9092")
                .inputTopics(List.of("a", "b"))
                .applicationId("watch")
                .alertsTopic("al")
                .measuresTopic(Optional.of("me"))
                .deadLetterTopic("de")
                .keyBy(KeyBy.FIELD)
                .stateStore(StateStoreKind.IN_MEMORY)
                .stateDir(Optional.of(BASE.resolve("state")))
                .threads(2)
                .maxCachedMonitors(10)
                .batch(new BatchSettings(8, Duration.ofMillis(20)))
                .maxFeeds(50)
                .clientProperties(Map.of("security.protocol", "SSL", "request.timeout.ms", "5000"))
                .build());
  }

  @Test
  void optionsOverrideTheSection() throws Exception {
    EngineOptions options = new EngineOptions();
    options.engine = "kafka-streams";
    options.bootstrap = "other:9092";
    options.inputs = List.of("x");
    options.kafkaProperties = Map.of("client.id", "me");
    EngineConfig merged = options.applyTo(EngineConfig.defaults());

    StreamsEngineSettings settings = merged.kafkaStreams().settings(PipelineSettings.defaults());
    assertThat(merged.type()).isEqualTo(Engine.KAFKA_STREAMS);
    assertThat(settings.bootstrapServers()).isEqualTo("other:9092");
    assertThat(settings.inputTopics()).containsExactly("x");
    assertThat(settings.clientProperties()).containsEntry("client.id", "me");
  }

  @Test
  void aMissingBootstrapOrInputIsNamed() {
    Cli.Result noBootstrap = Cli.run("run", "--engine", "kafka-streams", "--input", "in");
    assertThat(noBootstrap.exitCode()).isEqualTo(2);
    assertThat(noBootstrap.err())
        .contains("engine.kafka-streams.bootstrap: required with engine kafka-streams")
        .contains("--bootstrap");

    Cli.Result noInput = Cli.run("run", "--engine", "kafka-streams", "--bootstrap", "h:1");
    assertThat(noInput.exitCode()).isEqualTo(2);
    assertThat(noInput.err()).contains("engine.kafka-streams.inputs: required");
  }

  @Test
  void anUnknownEngineOrAKafkaOptionWithoutItIsAUsageError() {
    Cli.Result unknown = Cli.run("run", "--engine", "spark", "--bootstrap", "h:1");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("--engine: expected one of embedded, kafka-streams, flink, got spark");

    assertThat(Cli.run("run", "--bootstrap", "h:1").err())
        .contains("Missing required argument: --config=FILE");
  }

  @Test
  void aMissingInputTopicStopsTheStartNamingIt() {
    try (KafkaBroker kafka = KafkaBroker.start()) {
      Cli.Result result =
          Cli.run(
              "run",
              "--engine",
              "kafka-streams",
              "--bootstrap",
              kafka.bootstrapServers(),
              "--input",
              "nowhere",
              "--kafka-property",
              "client.id=cli-test");
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .contains("input topic nowhere not found on " + kafka.bootstrapServers());
    }
  }
}
