package io.isowatch.cli.config;

import io.isowatch.connectors.file.CsvReplaySource;
import io.isowatch.connectors.file.JsonlReplaySource;
import io.isowatch.connectors.file.TcpdSeriesSource;
import io.isowatch.connectors.file.TimestampParser;
import io.isowatch.connectors.sink.DeadLetterLimits;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.engine.spec.AgentSpecReader;
import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.FieldKeys;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.engine.spec.ModelConfig;
import io.isowatch.runtime.PipelineLimits;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A configuration file of {@code isowatch run}, read and checked: the agent every engine runs (its
 * {@link AgentSpec}, read by the one {@link AgentSpecReader} that the Flink job's {@code --config}
 * uses too) and what this command adds around it: the sources, the in-process engine's limits, the
 * metrics endpoint, the sinks and the engine that runs it. Every option, its default and its range
 * are documented in the resource {@value #REFERENCE}, which {@code isowatch run --print-reference}
 * prints; a test keeps the two in step.
 *
 * <pre>{@code
 * AgentConfig config = AgentConfig.read(Path.of("isowatch.yaml"));
 * }</pre>
 *
 * <p>Reading checks the structure, the types and the ranges, and rejects unknown keys, each error
 * naming its key path ({@code window.stride: must be between 1 and window.length (64), got 0}).
 * Files are checked when the agent starts: the model's by {@link ModelConfig#requireFiles()}, the
 * sources' when they are opened.
 *
 * @param sources what to watch, in order
 * @param settings the agent's specification and how this run serves it
 * @param engine the engine that runs it, and its own settings
 */
public record AgentConfig(List<SourceSpec> sources, AgentSettings settings, EngineConfig engine) {
  /** The classpath resource that documents every option. */
  public static final String REFERENCE = "isowatch-config-reference.yaml";

  /** The source connectors' builder options under the names the configuration gives them. */
  public static final Map<String, String> SOURCE_OPTION_NAMES =
      Map.ofEntries(
          Map.entry("valueColumns", "columns"),
          Map.entry("keyColumn", "key-column"),
          Map.entry("timeColumn", "time-column"),
          Map.entry("feedPrefix", "feed-prefix"),
          Map.entry("speedUp", "speed"),
          Map.entry("maxLineLength", "max-line-length"),
          Map.entry("feedField", "feed-field"),
          Map.entry("timeField", "time-field"),
          Map.entry("valueField", "value-field"),
          Map.entry("maxPayloadBytes", "max-payload-bytes"),
          Map.entry("bufferCapacity", "buffer-capacity"),
          Map.entry("maxBodyBytes", "max-body-bytes"),
          Map.entry("groupId", "group-id"));

  /** The {@code type} of a source. */
  public enum SourceType {
    SYNTHETIC,
    CSV,
    JSONL,
    TCPD,
    MQTT,
    HTTP_POLL,
    HTTP_PUSH,
    KAFKA,
    STDIN
  }

  public AgentConfig {
    sources = List.copyOf(sources);
  }

  /** The model section, to check a user's model files at start. */
  public ModelConfig model() {
    return AgentSpecReader.model(settings.spec());
  }

  /** This configuration with the Prometheus endpoint on {@code port} ({@code --metrics-port}). */
  public AgentConfig withMetricsPort(int port) {
    return new AgentConfig(sources, settings.withMetricsPort(port), engine);
  }

  /** This configuration with a bundled model in place of its model section ({@code --model}). */
  public AgentConfig withModel(ModelChoice bundled) {
    return new AgentConfig(sources, settings.withModel(bundled.manifest()), engine);
  }

  /** This configuration with the Prometheus endpoint on {@code host} ({@code --metrics-host}). */
  public AgentConfig withMetricsHost(String host) {
    return new AgentConfig(sources, settings.withMetricsHost(host), engine);
  }

  /**
   * Reads the configuration file at {@code file}; relative paths in it are resolved against its
   * folder.
   *
   * @throws InputFormatException naming the file and, for a bad value, its key path
   */
  public static AgentConfig read(Path file) throws InputFormatException {
    return read(file, Optional.empty());
  }

  /**
   * Reads the configuration file at {@code file} for the engine {@code engine} when given (an
   * option of {@code run} overriding the file's {@code engine.type}): the sources are required by
   * the engine that runs, not by the one the file names.
   */
  public static AgentConfig read(Path file, Optional<Engine> engine) throws InputFormatException {
    return AgentSpecReader.readFile(file, key -> {}, root -> read(root, engine));
  }

  /**
   * Reads a configuration from its text.
   *
   * @param baseDir the folder relative paths are resolved against
   * @param declared told the pattern of every key the schema declares, e.g. {@code sources[].path}
   * @throws InputFormatException naming the key path at fault (a YAML syntax error: the line)
   */
  public static AgentConfig parse(String text, Path baseDir, Consumer<String> declared)
      throws InputFormatException {
    return AgentSpecReader.readText(text, baseDir, declared, root -> read(root, Optional.empty()));
  }

  private static AgentConfig read(ConfigNode root, Optional<Engine> engineOverride)
      throws InputFormatException {
    root.allowOnly(AgentSpecReader.SECTIONS.toArray(String[]::new));
    EngineConfig engine = EngineConfig.read(root.section("engine"));
    List<SourceSpec> sources = sources(root, engineOverride.orElse(engine.type()));
    AgentSpec spec = AgentSpecReader.read(root);
    ConfigNode pipeline = root.section("pipeline"); // its keys are declared by the spec's reader
    ConfigNode metrics = root.section("metrics").allowOnly("port", "host");
    int queueCapacity = pipeline.integer("queue-capacity", PipelineLimits.DEFAULT_QUEUE_CAPACITY);
    int maxFeeds = pipeline.integer("max-feeds", PipelineLimits.DEFAULT_MAX_FEEDS);
    int port = metrics.integer("port", AgentSettings.DEFAULT_METRICS_PORT);
    String host = metrics.text("host", MetricsEndpoint.DEFAULT_HOST);
    SinkSettings sinks = sinks(root.section("sinks"));
    AgentSettings settings =
        new FieldKeys()
            .put("queueCapacity", pipeline, "queue-capacity")
            .put("maxFeeds", pipeline, "max-feeds")
            .put("metricsPort", metrics, "port")
            .build(
                () ->
                    AgentSettings.builder()
                        .spec(spec)
                        .limits(new PipelineLimits(queueCapacity, maxFeeds))
                        .metricsPort(port)
                        .metricsHost(host)
                        .sinks(sinks)
                        .build());
    return new AgentConfig(sources, settings, engine);
  }

  /** The text of {@link #REFERENCE}: every option, commented, with its default. */
  public static String reference() {
    try (InputStream in = AgentConfig.class.getClassLoader().getResourceAsStream(REFERENCE)) {
      if (in == null) {
        throw new IllegalStateException(REFERENCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + REFERENCE, e);
    }
  }

  private static List<SourceSpec> sources(ConfigNode root, Engine engine)
      throws InputFormatException {
    List<ConfigNode> entries = root.sections("sources");
    // Kafka Streams reads its engine section's topics; the others run the sources.
    if (entries.isEmpty() && engine != Engine.KAFKA_STREAMS) {
      throw root.error(
          "sources",
          "required: a list of at least one source ("
              + String.join(", ", ConfigNode.labels(SourceType.class).keySet())
              + ")"
              + (engine == Engine.FLINK ? " with the flink engine" : ""));
    }
    List<SourceSpec> sources = new ArrayList<>(entries.size());
    for (ConfigNode entry : entries) {
      if (!entry.has("type")) {
        throw entry.error(
            "type",
            "required: one of " + String.join(", ", ConfigNode.labels(SourceType.class).keySet()));
      }
      SourceType type = entry.choice("type", SourceType.CSV, ConfigNode.labels(SourceType.class));
      sources.add(
          switch (type) {
            case SYNTHETIC -> synthetic(entry);
            case CSV -> csv(entry);
            case JSONL -> jsonl(entry);
            case TCPD -> tcpd(entry);
            case MQTT -> ConnectorConfig.mqtt(entry);
            case HTTP_POLL -> ConnectorConfig.httpPoll(entry);
            case HTTP_PUSH -> ConnectorConfig.httpPush(entry);
            case KAFKA -> ConnectorConfig.kafka(entry);
            case STDIN -> ConnectorConfig.stdin(entry);
          });
    }
    return sources;
  }

  private static SourceSpec synthetic(ConfigNode entry) throws InputFormatException {
    entry.allowOnly("type", "feeds", "length", "seed", "rate", "start", "cadence");
    int feeds = entry.atLeast("feeds", SyntheticFeed.DEFAULT_FEEDS, 1);
    long length = entry.longInteger("length", SyntheticFeed.DEFAULT_LENGTH);
    if (length < 2) {
      throw entry.error("length", "must be at least 2, got " + length);
    }
    return new SourceSpec.Synthetic(
        feeds,
        length,
        entry.longInteger("seed", SyntheticFeed.DEFAULT_SEED),
        entry.number("rate", SyntheticFeed.DEFAULT_RATE_PER_SECOND, 0) * feeds,
        entry.instant("start", SyntheticFeed.DEFAULT_START),
        entry.positiveDuration("cadence", SyntheticFeed.DEFAULT_CADENCE));
  }

  private static SourceSpec csv(ConfigNode entry) throws InputFormatException {
    entry.allowOnly(
        "type",
        "path",
        "columns",
        "key-column",
        "time-column",
        "delimiter",
        "feed-prefix",
        "zone",
        "speed",
        "max-line-length");
    Path path = entry.requiredPath("path");
    Optional<Character> delimiter = Optional.empty();
    if (entry.has("delimiter")) {
      String text = entry.rawText("delimiter", ",");
      if (text.length() != 1) {
        throw entry.error(
            "delimiter",
            "expected one character such as \",\" \";\" or \"\\t\", got \"" + text + "\"");
      }
      delimiter = Optional.of(text.charAt(0));
    }
    return new SourceSpec.Csv(
        path,
        delimiter,
        entry.optionalText("time-column"),
        entry.texts("columns"),
        entry.optionalText("key-column"),
        entry.optionalText("feed-prefix"),
        entry.zone("zone", TimestampParser.DEFAULT_ZONE),
        entry.number("speed", CsvReplaySource.DEFAULT_SPEED_UP, 0),
        entry.atLeast("max-line-length", CsvReplaySource.DEFAULT_MAX_LINE_LENGTH, 1));
  }

  private static SourceSpec jsonl(ConfigNode entry) throws InputFormatException {
    entry.allowOnly(
        "type",
        "path",
        "feed-field",
        "time-field",
        "value-field",
        "zone",
        "speed",
        "max-line-length");
    return new SourceSpec.Jsonl(
        entry.requiredPath("path"),
        entry.text("feed-field", JsonlReplaySource.DEFAULT_FEED_FIELD),
        entry.text("time-field", JsonlReplaySource.DEFAULT_TIME_FIELD),
        entry.text("value-field", JsonlReplaySource.DEFAULT_VALUE_FIELD),
        entry.zone("zone", TimestampParser.DEFAULT_ZONE),
        entry.number("speed", JsonlReplaySource.DEFAULT_SPEED_UP, 0),
        entry.atLeast("max-line-length", JsonlReplaySource.DEFAULT_MAX_LINE_LENGTH, 1));
  }

  private static SourceSpec tcpd(ConfigNode entry) throws InputFormatException {
    entry.allowOnly("type", "path", "start", "cadence", "zone", "speed");
    return new SourceSpec.Tcpd(
        entry.requiredPath("path"),
        entry.instant("start", TcpdSeriesSource.DEFAULT_START),
        entry.positiveDuration("cadence", TcpdSeriesSource.DEFAULT_CADENCE),
        entry.zone("zone", TimestampParser.DEFAULT_ZONE),
        entry.number("speed", TcpdSeriesSource.DEFAULT_SPEED_UP, 0));
  }

  private static SinkSettings sinks(ConfigNode sinks) throws InputFormatException {
    sinks.allowOnly(
        "console",
        "alerts-jsonl",
        "dead-letters",
        "dead-letter-limits",
        "webhooks",
        "alertmanager",
        "kafka");
    return new SinkSettings(
        sinks.bool("console", true),
        sinks.optionalPath("alerts-jsonl"),
        sinks.path("dead-letters", SinkSettings.DEFAULT_DEAD_LETTERS),
        ConnectorConfig.receivers(sinks),
        deadLetterLimits(sinks.section("dead-letter-limits")));
  }

  private static DeadLetterLimits deadLetterLimits(ConfigNode limits) throws InputFormatException {
    limits.allowOnly(
        "flush-interval",
        "max-file-bytes",
        "rotated-files",
        "burst-bytes",
        "bytes-per-second",
        "max-field-chars");
    return new DeadLetterLimits(
        limits.positiveDuration("flush-interval", DeadLetterLimits.DEFAULT_FLUSH_INTERVAL),
        limits.atLeast("max-file-bytes", (int) DeadLetterLimits.DEFAULT_MAX_FILE_BYTES, 1024),
        limits.atLeast("rotated-files", DeadLetterLimits.DEFAULT_ROTATED_FILES, 0),
        limits.atLeast("burst-bytes", (int) DeadLetterLimits.DEFAULT_BURST_BYTES, 1024),
        limits.atLeast("bytes-per-second", (int) DeadLetterLimits.DEFAULT_BYTES_PER_SECOND, 1),
        limits.atLeast("max-field-chars", DeadLetterLimits.DEFAULT_MAX_FIELD_CHARS, 16));
  }
}
