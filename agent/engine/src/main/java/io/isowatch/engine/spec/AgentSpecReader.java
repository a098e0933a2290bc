package io.isowatch.engine.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.OnnxEmbedder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one reader of the agent's specification: the {@code model}, {@code device}, {@code encoder},
 * {@code window}, {@code monitor}, {@code head}, {@code trust} and {@code pipeline} sections of a
 * configuration file, for every engine ({@code isowatch run} on any engine, the Flink job's {@code
 * --config}). The file's other sections ({@code sources}, {@code metrics}, {@code sinks}, {@code
 * engine}) belong to the command that runs the agent.
 *
 * <pre>{@code
 * AgentSpec spec = AgentSpecReader.read(Path.of("isowatch.yaml"));
 * }</pre>
 *
 * <p>The reader checks the structure and the types, and rejects unknown keys; the ranges are the
 * core settings types' own ({@link WindowSpec}, {@link MonitorSettings}, {@link HeadSettings},
 * {@link TrustSettings}, {@link BatchSettings}), their messages moved to the key the value came
 * from: {@code trust.false-alarm-rate: must be in (0, 0.5), got 0.7}.
 */
public final class AgentSpecReader {
  /** The top-level sections of a configuration file, in the order messages list them. */
  public static final List<String> SECTIONS =
      List.of(
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

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private AgentSpecReader() {}

  /** What reads a whole configuration, given its top-level mapping. */
  @FunctionalInterface
  public interface Sections<T> {
    T read(ConfigNode root) throws InputFormatException;
  }

  /**
   * Reads the agent's specification from the configuration file at {@code file}; the sections that
   * are not the agent's are accepted as they are.
   *
   * @throws InputFormatException naming the file and, for a bad value, its key path
   */
  public static AgentSpec read(Path file) throws InputFormatException {
    return readFile(
        file,
        key -> {},
        root -> {
          root.allowOnly(SECTIONS.toArray(String[]::new));
          return read(root);
        });
  }

  /**
   * Reads the configuration file at {@code file} with {@code sections}; relative paths in it are
   * resolved against its folder.
   *
   * @param declared told the pattern of every key a section declares, e.g. {@code window.stride}
   * @throws InputFormatException naming the file and, for a bad value, its key path
   */
  public static <T> T readFile(Path file, Consumer<String> declared, Sections<T> sections)
      throws InputFormatException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InputFormatException.unreadable(file, e);
    }
    try {
      return readText(text, file.toAbsolutePath().getParent(), declared, sections);
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
   * @param declared told the pattern of every key a section declares, e.g. {@code sources[].path}
   * @throws InputFormatException naming the key path at fault (a YAML syntax error: the line)
   */
  public static <T> T readText(
      String text, Path baseDir, Consumer<String> declared, Sections<T> sections)
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
      return sections.read(ConfigNode.root(tree, baseDir, declared));
    } catch (IllegalArgumentException e) {
      // Every value is checked with its key path first; this is the settings' own last word.
      InputFormatException failure =
          new InputFormatException("invalid settings: " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  /** Reads the agent's sections of a configuration whose top level {@code root} is. */
  public static AgentSpec read(ConfigNode root) throws InputFormatException {
    ModelConfig model = ModelConfig.read(root.section("model"));
    EncoderSettings encoder = EncoderSection.read(root.section("encoder"));
    EncoderSection.requireOneVocabulary(model, encoder);
    WindowSpec window = window(root.section("window"));
    ConfigNode monitor =
        root.section("monitor").allowOnly("window-cloud-capacity", "evaluate-every", "horizon");
    // queue-capacity and max-feeds are the in-process engine's, read by the command that runs it
    ConfigNode pipeline =
        root.section("pipeline").allowOnly("max-batch", "max-wait", "queue-capacity", "max-feeds");
    HeadSettings head = head(root.section("head"));
    ConfigNode trustSection = root.section("trust");
    TrustSettings trust = TrustSection.read(trustSection);
    RiskModel riskModel = TrustSection.riskModel(trustSection);
    BatchSettings batch = batch(pipeline);
    Device device =
        root.choice("device", OnnxEmbedder.DEFAULT_DEVICE, ConfigNode.labels(Device.class));
    int cloud =
        monitor.integer("window-cloud-capacity", MonitorSettings.DEFAULT_WINDOW_CLOUD_CAPACITY);
    int evaluateEvery = monitor.integer("evaluate-every", MonitorSettings.DEFAULT_EVALUATE_EVERY);
    int horizon = monitor.integer("horizon", MonitorSettings.DEFAULT_HORIZON);
    return new FieldKeys()
        .put("windowCloudCapacity", monitor, "window-cloud-capacity")
        .put("evaluateEvery", monitor, "evaluate-every")
        .put("horizon", monitor, "horizon")
        // a risk model trained on another model's signals, or at another horizon
        .put("riskModel", trustSection, "risk-model")
        // the engines let a feed's windows wait up to max-batch of them for the embedder
        .put("maxEmbeddingLag", pipeline, "max-batch")
        .build(
            () ->
                AgentSpec.builder()
                    .model(model.manifest())
                    .device(device)
                    .encoder(encoder)
                    .window(window)
                    .windowCloudCapacity(cloud)
                    .evaluateEvery(evaluateEvery)
                    .horizon(horizon)
                    .head(head)
                    .trust(trust)
                    .riskModel(riskModel)
                    .batch(batch)
                    .build());
  }

  /** The model section of a configuration, to check a user's model files before loading them. */
  public static ModelConfig model(AgentSpec spec) {
    return new ModelConfig(spec.model(), spec.bundledModel().isEmpty());
  }

  private static WindowSpec window(ConfigNode window) throws InputFormatException {
    window.allowOnly("length", "stride", "allowed-lateness", "max-gap", "max-pending", "max-ahead");
    int length = window.integer("length", WindowSpec.DEFAULT_LENGTH);
    int stride = window.integer("stride", WindowSpec.DEFAULT_STRIDE);
    Duration lateness = window.duration("allowed-lateness", WindowSpec.DEFAULT_ALLOWED_LATENESS);
    int maxPending = window.integer("max-pending", WindowSpec.DEFAULT_MAX_PENDING);
    Duration maxAhead = window.positiveDuration("max-ahead", WindowSpec.DEFAULT_MAX_AHEAD);
    WindowSpec.Builder spec =
        WindowSpec.builder()
            .length(length)
            .stride(stride)
            .allowedLateness(lateness)
            .maxPending(maxPending)
            .maxAhead(maxAhead);
    if (window.has("max-gap")) {
      spec.maxGap(window.positiveDuration("max-gap", Duration.ZERO));
    }
    return new FieldKeys()
        .put("length", window, "length")
        .put("stride", window, "stride")
        .put("allowedLateness", window, "allowed-lateness")
        .put("maxGap", window, "max-gap")
        .put("maxPending", window, "max-pending")
        .put("maxAhead", window, "max-ahead")
        .build(spec::build);
  }

  private static HeadSettings head(ConfigNode head) throws InputFormatException {
    head.allowOnly("bins", "binning", "low", "high", "warm-up", "learning-rate", "l2");
    HeadSettings defaults = HeadSettings.defaults();
    int bins = head.integer("bins", defaults.bins());
    HeadSettings.Binning binning =
        head.choice("binning", defaults.binning(), ConfigNode.labels(HeadSettings.Binning.class));
    double low = head.number("low", defaults.low());
    double high = head.number("high", defaults.high());
    int warmUp = head.integer("warm-up", defaults.warmup());
    double rate = head.number("learning-rate", defaults.learningRate());
    double l2 = head.number("l2", defaults.l2());
    return new FieldKeys()
        .put("bins", head, "bins")
        .put("low", head, "low")
        .put("high", head, "high")
        .put("warmup", head, "warm-up")
        .put("learningRate", head, "learning-rate")
        .put("l2", head, "l2")
        .build(() -> new HeadSettings(bins, binning, low, high, warmUp, rate, l2));
  }

  private static BatchSettings batch(ConfigNode pipeline) throws InputFormatException {
    int maxBatch = pipeline.integer("max-batch", BatchSettings.DEFAULT_MAX_BATCH);
    Duration maxWait = pipeline.duration("max-wait", BatchSettings.DEFAULT_MAX_WAIT);
    return new FieldKeys()
        .put("maxBatch", pipeline, "max-batch")
        .put("maxWait", pipeline, "max-wait")
        .build(() -> new BatchSettings(maxBatch, maxWait));
  }
}
