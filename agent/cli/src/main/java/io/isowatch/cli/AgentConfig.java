package io.isowatch.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.isowatch.connectors.file.CsvReplaySource;
import io.isowatch.connectors.file.JsonlReplaySource;
import io.isowatch.connectors.file.TcpdSeriesSource;
import io.isowatch.connectors.file.TimestampParser;
import io.isowatch.connectors.sink.DeadLetterLimits;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ChronosSettings;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.Scaling;
import io.isowatch.model.encode.TextSerializationEncoder;
import io.isowatch.runtime.PipelineSettings;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A configuration file of {@code isowatch run}, read and checked: its sources, its model and the
 * settings of the agent. Every option, its default and its range are documented in the resource
 * {@value #REFERENCE}, which {@code isowatch run --print-reference} prints; a test keeps the two in
 * step.
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
 * @param model the model section, to check its files at start
 * @param settings everything else, with the model's manifest
 * @param engine the engine that runs it, and its own settings
 */
record AgentConfig(
    List<SourceSpec> sources, ModelConfig model, AgentSettings settings, EngineConfig engine) {
  /** The classpath resource that documents every option. */
  static final String REFERENCE = "isowatch-config-reference.yaml";

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The source connectors' builder options under the names the configuration gives them. */
  static final Map<String, String> SOURCE_OPTION_NAMES =
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
  enum SourceType {
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

  /** The chronos encoder's builder options as the configuration spells them. */
  private static final Map<String, String> CHRONOS_NAMES =
      Map.of(
          "firstTokenId", "first-token-id",
          "eosTokenId", "eos-token-id",
          "appendEos", "append-eos");

  /** The {@code type} of {@code encoder.scaling}. */
  enum ScalingType {
    MIN_MAX,
    FIXED
  }

  AgentConfig {
    sources = List.copyOf(sources);
  }

  /** This configuration with the Prometheus endpoint on {@code port} ({@code --metrics-port}). */
  AgentConfig withMetricsPort(int port) {
    return new AgentConfig(sources, model, settings.withMetricsPort(port), engine);
  }

  /** This configuration with a bundled model in place of its model section ({@code --model}). */
  AgentConfig withModel(ModelChoice bundled) {
    return new AgentConfig(
        sources,
        new ModelConfig(bundled.manifest(), false),
        settings.withModel(bundled.manifest()),
        engine);
  }

  /** This configuration with the Prometheus endpoint on {@code host} ({@code --metrics-host}). */
  AgentConfig withMetricsHost(String host) {
    return new AgentConfig(sources, model, settings.withMetricsHost(host), engine);
  }

  /**
   * Reads the configuration file at {@code file}; relative paths in it are resolved against its
   * folder.
   *
   * @throws InputFormatException naming the file and, for a bad value, its key path
   */
  static AgentConfig read(Path file) throws InputFormatException {
    return read(file, Optional.empty());
  }

  /**
   * Reads the configuration file at {@code file} for the engine {@code engine} when given (an
   * option of {@code run} overriding the file's {@code engine.type}): the sources are required by
   * the engine that runs, not by the one the file names.
   */
  static AgentConfig read(Path file, Optional<Engine> engine) throws InputFormatException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InputFiles.unreadable(file, e);
    }
    Path folder = file.toAbsolutePath().getParent();
    try {
      return parse(text, folder, key -> {}, engine);
    } catch (InputFormatException e) {
      InputFormatException named = new InputFormatException(file + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    }
  }

  /**
   * Reads a configuration from its text.
   *
   * @param baseDir the folder relative paths are resolved against
   * @param declared told the pattern of every key the schema declares, e.g. {@code sources[].path}
   * @throws InputFormatException naming the key path at fault (a YAML syntax error: the line)
   */
  static AgentConfig parse(String text, Path baseDir, Consumer<String> declared)
      throws InputFormatException {
    return parse(text, baseDir, declared, Optional.empty());
  }

  private static AgentConfig parse(
      String text, Path baseDir, Consumer<String> declared, Optional<Engine> engineOverride)
      throws InputFormatException {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      InputFormatException failure =
          new InputFormatException(
              "not valid YAML: " + where + e.getOriginalMessage().replaceAll("\\s+", " ").strip());
      failure.initCause(e);
      throw failure;
    }
    try {
      return read(ConfigNode.root(tree, baseDir, declared), engineOverride);
    } catch (IllegalArgumentException e) {
      // read() checks every value with its key path first; this is the settings' own last word.
      InputFormatException failure =
          new InputFormatException("invalid settings: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  private static AgentConfig read(ConfigNode root, Optional<Engine> engineOverride)
      throws InputFormatException {
    root.allowOnly(
        "sources",
        "model",
        "device",
        "encoder",
        "window",
        "monitor",
        "head",
        "trust",
        "pipeline",
        "metrics",
        "sinks",
        "engine");
    EngineConfig engine = EngineConfig.read(root.section("engine"));
    List<SourceSpec> sources = sources(root, engineOverride.orElse(engine.type()));
    ModelConfig model = ModelConfig.read(root.section("model"));
    EncoderSettings encoder = encoder(root.section("encoder"));
    requireOneVocabulary(model, encoder);
    WindowSpec window = window(root.section("window"));
    ConfigNode monitor =
        root.section("monitor").allowOnly("window-cloud-capacity", "evaluate-every", "horizon");
    ConfigNode metrics = root.section("metrics").allowOnly("port", "host");
    ConfigNode pipeline =
        root.section("pipeline").allowOnly("max-batch", "max-wait", "queue-capacity", "max-feeds");
    AgentSpec spec =
        AgentSpec.builder()
            .model(model.manifest())
            .device(
                root.choice("device", OnnxEmbedder.DEFAULT_DEVICE, ConfigNode.labels(Device.class)))
            .encoder(encoder)
            .window(window)
            .windowCloudCapacity(
                monitor.atLeast(
                    "window-cloud-capacity", MonitorSettings.DEFAULT_WINDOW_CLOUD_CAPACITY, 2))
            .evaluateEvery(
                monitor.atLeast("evaluate-every", MonitorSettings.DEFAULT_EVALUATE_EVERY, 1))
            .horizon(monitor.integer("horizon", MonitorSettings.DEFAULT_HORIZON, 1, 63))
            .head(head(root.section("head")))
            .trust(trust(root.section("trust")))
            .batch(
                new BatchSettings(
                    pipeline.atLeast("max-batch", BatchSettings.DEFAULT_MAX_BATCH, 1),
                    pipeline.duration("max-wait", BatchSettings.DEFAULT_MAX_WAIT)))
            .build();
    AgentSettings settings =
        AgentSettings.builder()
            .spec(spec)
            .queueCapacity(
                pipeline.atLeast("queue-capacity", PipelineSettings.DEFAULT_QUEUE_CAPACITY, 1))
            .maxFeeds(pipeline.atLeast("max-feeds", PipelineSettings.DEFAULT_MAX_FEEDS, 1))
            .metricsPort(
                metrics.integer(
                    "port", AgentSettings.DEFAULT_METRICS_PORT, 0, AgentSettings.MAX_PORT))
            .metricsHost(metrics.text("host", MetricsEndpoint.DEFAULT_HOST))
            .sinks(sinks(root.section("sinks")))
            .build();
    return new AgentConfig(sources, model, settings, engine);
  }

  /** The text of {@link #REFERENCE}: every option, commented, with its default. */
  static String reference() {
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

  private static EncoderSettings encoder(ConfigNode encoder) throws InputFormatException {
    encoder.allowOnly("number-format", "separator", "scaling", "trailing-separator", "chronos");
    NumberFormat format =
        encoder.choice(
            "number-format",
            TextSerializationEncoder.DEFAULT_NUMBER_FORMAT,
            ConfigNode.labels(NumberFormat.class));
    String separator = encoder.rawText("separator", TextSerializationEncoder.DEFAULT_SEPARATOR);
    if (separator.isEmpty() || separator.chars().anyMatch(Character::isDigit)) {
      throw encoder.error(
          "separator", "must not be empty or contain a digit, got \"" + separator + "\"");
    }
    return new EncoderSettings(
        format,
        separator,
        scaling(encoder.section("scaling")),
        encoder.bool("trailing-separator", TextSerializationEncoder.DEFAULT_TRAILING_SEPARATOR),
        chronos(encoder.section("chronos")));
  }

  private static ChronosSettings chronos(ConfigNode chronos) throws InputFormatException {
    chronos.allowOnly("bins", "low", "high", "first-token-id", "eos-token-id", "append-eos");
    ChronosSettings settings =
        new ChronosSettings(
            chronos.integer("bins", ChronosEncoder.DEFAULT_BINS, 2, Integer.MAX_VALUE),
            chronos.number("low", ChronosEncoder.DEFAULT_LOW),
            chronos.number("high", ChronosEncoder.DEFAULT_HIGH),
            chronos.integer(
                "first-token-id", ChronosEncoder.DEFAULT_FIRST_TOKEN_ID, 0, Integer.MAX_VALUE),
            chronos.integer(
                "eos-token-id", ChronosEncoder.DEFAULT_EOS_TOKEN_ID, 0, Integer.MAX_VALUE),
            chronos.bool("append-eos", ChronosEncoder.DEFAULT_APPEND_EOS));
    try {
      settings.encoder(ChronosEncoder.DEFAULT_MAX_TOKENS);
    } catch (IllegalArgumentException e) {
      throw chronos.error(OptionNames.rename(e.getMessage(), CHRONOS_NAMES));
    }
    return settings;
  }

  /**
   * A Chronos-style model reads and answers in one vocabulary: the value tokens the encoder writes
   * must be the ones the model's numeric vocabulary names, when it names a range.
   */
  private static void requireOneVocabulary(ModelConfig model, EncoderSettings encoder)
      throws InputFormatException {
    ModelManifest manifest = model.manifest();
    // A bundled model brings its own tokens (ModelChoice.tokens); only a user's export reads these.
    if (!model.custom() || manifest.inputFormat() != InputFormat.CHRONOS_TOKENS) {
      return;
    }
    NumericVocabulary.Range written = encoder.chronos().vocabulary();
    Optional<NumericVocabulary> read = manifest.numericVocabulary();
    if (read.isPresent()
        && read.get() instanceof NumericVocabulary.Range
        && !read.get().equals(written)) {
      throw new InputFormatException(
          "encoder.chronos: bins, low, high and first-token-id give "
              + written.describe()
              + ", but model.custom.numeric-vocabulary.range gives "
              + read.get().describe()
              + "; a Chronos model reads and predicts the same value tokens");
    }
  }

  private static Scaling scaling(ConfigNode scaling) throws InputFormatException {
    scaling.allowOnly("type", "low", "high");
    ScalingType type =
        scaling.choice("type", ScalingType.MIN_MAX, ConfigNode.labels(ScalingType.class));
    Optional<Double> low = scaling.optionalNumber("low");
    Optional<Double> high = scaling.optionalNumber("high");
    if (type == ScalingType.MIN_MAX) {
      if (low.isPresent() || high.isPresent()) {
        throw scaling.error(
            low.isPresent() ? "low" : "high", "only for type fixed (min-max scales each window)");
      }
      return TextSerializationEncoder.DEFAULT_SCALING;
    }
    if (low.isEmpty()) {
      throw scaling.error("low", "required with type fixed: the value written as the lowest level");
    }
    if (high.isEmpty()) {
      throw scaling.error(
          "high", "required with type fixed: the value written as the highest level");
    }
    if (!(high.get() > low.get()) || !Double.isFinite(high.get() - low.get())) {
      throw scaling.error(
          "high",
          "must be greater than "
              + scaling.path("low")
              + " ("
              + ConfigNode.shown(low.get())
              + "), got "
              + ConfigNode.shown(high.get()));
    }
    return Scaling.fixed(low.get(), high.get());
  }

  private static WindowSpec window(ConfigNode window) throws InputFormatException {
    window.allowOnly("length", "stride", "allowed-lateness", "max-gap", "max-pending", "max-ahead");
    int length = window.integer("length", WindowSpec.DEFAULT_LENGTH, 1, WindowSpec.MAX_BUFFER);
    int stride =
        window.integer(
            "stride",
            WindowSpec.DEFAULT_STRIDE,
            1,
            length,
            window.path("length") + " (" + length + ")");
    WindowSpec.Builder spec =
        WindowSpec.builder()
            .length(length)
            .stride(stride)
            .allowedLateness(
                window.duration("allowed-lateness", WindowSpec.DEFAULT_ALLOWED_LATENESS))
            .maxPending(
                window.integer(
                    "max-pending", WindowSpec.DEFAULT_MAX_PENDING, 1, WindowSpec.MAX_BUFFER))
            .maxAhead(window.positiveDuration("max-ahead", WindowSpec.DEFAULT_MAX_AHEAD));
    if (window.has("max-gap")) {
      spec.maxGap(window.positiveDuration("max-gap", Duration.ZERO));
    }
    return spec.build();
  }

  private static HeadSettings head(ConfigNode head) throws InputFormatException {
    head.allowOnly("bins", "binning", "low", "high", "warm-up", "learning-rate", "l2");
    HeadSettings defaults = HeadSettings.defaults();
    int bins = head.atLeast("bins", defaults.bins(), 2);
    HeadSettings.Binning binning =
        head.choice("binning", defaults.binning(), ConfigNode.labels(HeadSettings.Binning.class));
    double low = head.number("low", defaults.low());
    double high = head.number("high", defaults.high());
    if (!(high > low)) {
      throw head.error("high", "must be greater than low (" + ConfigNode.shown(low) + ")");
    }
    int warmUp = head.atLeast("warm-up", defaults.warmup(), 0);
    if (binning == HeadSettings.Binning.QUANTILE && warmUp < 2 * bins) {
      throw head.error(
          "warm-up",
          "must be at least 2 x bins (" + 2 * bins + ") for quantile bins, got " + warmUp);
    }
    double rate = head.number("learning-rate", defaults.learningRate(), Double.MIN_VALUE);
    double l2 = head.number("l2", defaults.l2(), 0);
    return new HeadSettings(bins, binning, low, high, warmUp, rate, l2);
  }

  private static TrustSettings trust(ConfigNode trust) throws InputFormatException {
    trust.allowOnly(
        "false-alarm-rate",
        "calibration",
        "history",
        "delay",
        "baseline",
        "pairs",
        "min-pairs",
        "error-lag",
        "confirm",
        "clear-after",
        "cooldown",
        "max-signals");
    TrustSettings d = TrustSettings.defaults();
    double rate = trust.number("false-alarm-rate", d.falseAlarmRate(), Double.MIN_VALUE);
    if (!(rate < 0.5)) {
      throw trust.error("false-alarm-rate", "must be below 0.5, got " + ConfigNode.shown(rate));
    }
    int needed = TrustSettings.scoresToReach(rate);
    int calibration = trust.atLeast("calibration", Math.max(d.calibration(), needed), 1);
    if (calibration < needed) {
      throw trust.error(
          "calibration",
          "must be at least 1 / false-alarm-rate - 1 = "
              + needed
              + " (a p-value against n scores is at least 1 / (n + 1)), got "
              + calibration);
    }
    int history = trust.atLeast("history", Math.max(d.history(), calibration), 8);
    if (history < calibration) {
      throw trust.error("history", "must be at least calibration (" + calibration + ")");
    }
    int pairs = trust.atLeast("pairs", d.pairs(), 8);
    int minPairs = trust.integer("min-pairs", Math.min(d.minPairs(), pairs), 4, pairs);
    return new TrustSettings(
        rate,
        calibration,
        history,
        trust.atLeast("delay", d.delay(), 0),
        trust.atLeast("baseline", d.baseline(), 8),
        pairs,
        minPairs,
        trust.atLeast("error-lag", d.errorLag(), 1),
        trust.atLeast("confirm", d.confirm(), 1),
        trust.atLeast("clear-after", d.clearAfter(), 1),
        trust.atLeast("cooldown", d.cooldown(), 0),
        trust.atLeast("max-signals", d.maxSignals(), 1));
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
