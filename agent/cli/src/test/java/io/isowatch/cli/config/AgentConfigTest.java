package io.isowatch.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ChronosSettings;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.DurationText;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.Pooling;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.ResourceLocation;
import io.isowatch.model.encode.Scaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading configuration files: the reference, every section, and the messages of bad values. */
class AgentConfigTest {
  private static final Path BASE = Path.of("/configs");
  private static final String SOURCES = "sources: [{type: synthetic}]\n";

  private static final String CUSTOM_MODEL =
      SOURCES
          + "model:\n"
          + "  custom:\n"
          + "    onnx: models/m.onnx\n"
          + "    tokenizer: /abs/tokenizer.json\n"
          + "    name: mine\n"
          + "    variant: q\n"
          + "    input-ids: ids\n"
          + "    attention-mask: mask\n"
          + "    token-type-ids: types\n"
          + "    hidden-state-output: hidden\n"
          + "    logits-output: logits\n"
          + "    pooling: last\n"
          + "    max-tokens: 128\n"
          + "    width: 384\n";

  /** A Chronos-style export: token ids in, no tokenizer, logits over a range of value tokens. */
  private static final String CHRONOS_MODEL =
      SOURCES
          + "model:\n"
          + "  custom:\n"
          + "    onnx: models/chronos.onnx\n"
          + "    input-format: chronos-tokens\n"
          + "    logits-output: logits\n"
          + "    pooling: last\n"
          + "    max-tokens: 65\n"
          + "    numeric-vocabulary:\n"
          + "      range: {first-token-id: 3, count: 9, low: -2, high: 2}\n"
          + "encoder:\n"
          + "  chronos: {bins: 9, low: -2, high: 2, first-token-id: 3, eos-token-id: 1,"
          + " append-eos: false}\n";

  /** A text model whose digit tokens are its numeric vocabulary. */
  private static final String DIGITS_MODEL =
      SOURCES
          + "model:\n"
          + "  custom:\n"
          + "    onnx: gpt2.onnx\n"
          + "    tokenizer: tokenizer.json\n"
          + "    logits-output: logits\n"
          + "    numeric-vocabulary:\n"
          + "      tokens:\n"
          + "        - {id: 16, value: 1}\n"
          + "        - {id: 15, value: 0}\n"
          + "        - {id: 17, value: 2}\n"
          + "encoder: {number-format: digits, separator: ',', trailing-separator: true}\n";

  @Test
  void theReferenceIsAValidConfigurationWithOneSourceOfEachType() throws Exception {
    AgentConfig config = AgentConfig.parse(AgentConfig.reference(), BASE, key -> {});

    assertThat(config.sources())
        .hasExactlyElementsOfTypes(
            SourceSpec.Synthetic.class,
            SourceSpec.Csv.class,
            SourceSpec.Jsonl.class,
            SourceSpec.Tcpd.class,
            SourceSpec.Mqtt.class,
            SourceSpec.HttpPoll.class,
            SourceSpec.HttpPush.class,
            SourceSpec.Kafka.class,
            SourceSpec.Stdin.class);
    assertThat(config.model().custom()).isFalse();
    assertThat(config.settings().spec().model()).isEqualTo(ModelChoice.DEFAULT.manifest());
  }

  @Test
  void metricsListenOnLoopbackAndDeadLettersAreBoundedByDefault() throws Exception {
    AgentSettings s =
        AgentConfig.parse("sources: [{type: synthetic}]\n", BASE, key -> {}).settings();
    assertThat(s.metricsHost()).isEqualTo("127.0.0.1");
    assertThat(s.sinks().deadLetterLimits())
        .isEqualTo(io.isowatch.connectors.sink.DeadLetterLimits.defaults());
  }

  @Test
  void theReferenceShowsTheDefaults() throws Exception {
    AgentConfig reference = AgentConfig.parse(AgentConfig.reference(), BASE, key -> {});
    AgentConfig minimal =
        AgentConfig.parse(
            "sources:\n"
                + "  - type: synthetic\n"
                + "  - {type: csv, path: data/cpu.csv}\n"
                + "  - {type: jsonl, path: data/feeds.jsonl}\n"
                + "  - {type: tcpd, path: data/run_log.json}\n"
                + "  - {type: mqtt, uri: 'tcp://localhost:1883', topics: ['plant/#']}\n"
                + "  - {type: http-poll, url: 'https://api.example.com/prices'}\n"
                + "  - {type: http-push, token: {env: ISOWATCH_PUSH_TOKEN}}\n"
                + "  - {type: kafka, bootstrap-servers: 'localhost:9092', topics: [telemetry],"
                + " group-id: isowatch}\n"
                + "  - {type: stdin}\n",
            BASE,
            key -> {});

    assertThat(reference.settings()).isEqualTo(minimal.settings());
    assertThat(reference.sources()).isEqualTo(minimal.sources());
    assertThat(minimal.settings())
        .isEqualTo(
            AgentSettings.builder()
                .sinks(
                    new SinkSettings(
                        true, Optional.empty(), BASE.resolve(SinkSettings.DEFAULT_DEAD_LETTERS)))
                .build());
  }

  /**
   * Every key the reader declares is in the reference: as a key of the YAML where the reference
   * sets it, or in a commented line where it documents an alternative (the custom model).
   */
  @Test
  void everyKeyTheReaderTakesIsDocumentedInTheReference() throws Exception {
    Set<String> declared = new LinkedHashSet<>();
    AgentConfig.parse(AgentConfig.reference(), BASE, declared::add);
    AgentConfig.parse(CUSTOM_MODEL, BASE, declared::add);
    AgentConfig.parse(CHRONOS_MODEL, BASE, declared::add);
    AgentConfig.parse(DIGITS_MODEL, BASE, declared::add);
    AgentConfig.parse(
        SOURCES + "encoder: {scaling: {type: fixed, low: 0, high: 1}}", BASE, declared::add);
    AgentConfig.parse(ConnectorConfigTest.EVERY_CONNECTOR_OPTION, BASE, declared::add);
    String reference = AgentConfig.reference();
    Set<String> present = new LinkedHashSet<>();
    collectKeys(new YAMLMapper().readTree(reference), "", present);

    assertThat(declared).contains("sources[].path", "model.custom.onnx", "window.stride");
    for (String key : declared) {
      if (present.contains(key)) {
        continue;
      }
      String leaf = key.substring(key.lastIndexOf('.') + 1);
      assertThat(reference)
          .as("the reference documents %s", key)
          .containsPattern(Pattern.compile("(?m)^\\s*#\\s*(- )?" + Pattern.quote(leaf) + ":"));
    }
  }

  private static void collectKeys(JsonNode node, String prefix, Set<String> keys) {
    if (node.isArray()) {
      for (JsonNode item : node) {
        collectKeys(item, prefix + "[]", keys);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        keys.add(key);
        collectKeys(field.getValue(), key, keys);
      }
    }
  }

  @Test
  void readsEverySection() throws Exception {
    AgentConfig config =
        AgentConfig.parse(
            CUSTOM_MODEL
                + "device: auto\n"
                + "encoder: {number-format: digits, separator: ' ; ',"
                + " scaling: {type: fixed, low: -1, high: 1.5}}\n"
                + "window: {length: 32, stride: 32, allowed-lateness: 5m, max-gap: PT1H,"
                + " max-pending: 7, max-ahead: 10m}\n"
                + "monitor: {window-cloud-capacity: 9, evaluate-every: 3, horizon: 2}\n"
                + "head: {bins: 8, binning: uniform, low: -1, high: 2, warm-up: 4,"
                + " learning-rate: 0.5, l2: 0}\n"
                + "trust: {false-alarm-rate: 0.1, calibration: 9, history: 40, delay: 3,"
                + " baseline: 8, pairs: 10, min-pairs: 6, error-lag: 2, confirm: 1,"
                + " clear-after: 2, cooldown: 0, max-signals: 7}\n"
                + "pipeline: {max-batch: 4, max-wait: 1500ms, queue-capacity: 10, max-feeds: 3}\n"
                + "metrics: {port: 0, host: 0.0.0.0}\n"
                + "sinks: {console: false, alerts-jsonl: out/alerts.jsonl,"
                + " dead-letters: /var/dead.jsonl, dead-letter-limits: {flush-interval: 200ms,"
                + " max-file-bytes: 4096, rotated-files: 5, burst-bytes: 2048,"
                + " bytes-per-second: 100, max-field-chars: 32}}\n",
            BASE,
            key -> {});

    AgentSettings s = config.settings();
    assertThat(config.model().custom()).isTrue();
    assertThat(s.spec().model().label()).isEqualTo("mine q");
    assertThat(s.spec().model().model())
        .isEqualTo(ResourceLocation.file(BASE.resolve("models/m.onnx")));
    assertThat(s.spec().model().tokenizer())
        .isEqualTo(ResourceLocation.file(Path.of("/abs/tokenizer.json")));
    assertThat(s.spec().model().inputIdsName()).isEqualTo("ids");
    assertThat(s.spec().model().attentionMaskName()).isEqualTo("mask");
    assertThat(s.spec().model().tokenTypeIdsName()).contains("types");
    assertThat(s.spec().model().hiddenStateOutput()).isEqualTo("hidden");
    assertThat(s.spec().model().logitsOutput()).contains("logits");
    assertThat(s.spec().model().pooling()).isEqualTo(Pooling.LAST);
    assertThat(s.spec().model().maxTokens()).isEqualTo(128);
    assertThat(s.spec().model().hiddenWidth()).hasValue(384);
    assertThat(s.spec().device()).isEqualTo(Device.AUTO);
    assertThat(s.spec().encoder())
        .isEqualTo(new EncoderSettings(NumberFormat.DIGITS, " ; ", Scaling.fixed(-1, 1.5)));
    assertThat(s.spec().window().length()).isEqualTo(32);
    assertThat(s.spec().window().stride()).isEqualTo(32);
    assertThat(s.spec().window().allowedLateness()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.spec().window().maxGap()).contains(Duration.ofHours(1));
    assertThat(s.spec().window().maxPending()).isEqualTo(7);
    assertThat(s.spec().window().maxAhead()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.spec().windowCloudCapacity()).isEqualTo(9);
    assertThat(s.spec().evaluateEvery()).isEqualTo(3);
    assertThat(s.spec().horizon()).isEqualTo(2);
    assertThat(s.spec().head())
        .isEqualTo(new HeadSettings(8, HeadSettings.Binning.UNIFORM, -1, 2, 4, 0.5, 0));
    assertThat(s.spec().trust())
        .isEqualTo(new TrustSettings(0.1, 9, 40, 3, 8, 10, 6, 2, 1, 2, 0, 7));
    assertThat(s.pipeline().batch()).isEqualTo(new BatchSettings(4, Duration.ofMillis(1500)));
    assertThat(s.pipeline().queueCapacity()).isEqualTo(10);
    assertThat(s.pipeline().maxFeeds()).isEqualTo(3);
    assertThat(s.metricsPort()).isZero();
    assertThat(s.metricsHost()).isEqualTo("0.0.0.0");
    assertThat(s.sinks())
        .isEqualTo(
            new SinkSettings(
                false,
                Optional.of(BASE.resolve("out/alerts.jsonl")),
                Path.of("/var/dead.jsonl"),
                List.of(),
                new io.isowatch.connectors.sink.DeadLetterLimits(
                    Duration.ofMillis(200), 4096, 5, 2048, 100, 32)));
  }

  @Test
  void readsAChronosModelWithoutTokenizerAndItsEncoder(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("models/chronos.onnx"), "not read here");
    AgentConfig config = AgentConfig.parse(CHRONOS_MODEL, dir, key -> {});

    ModelManifest manifest = config.settings().spec().model();
    assertThat(manifest.inputFormat()).isEqualTo(InputFormat.CHRONOS_TOKENS);
    assertThat(manifest.textTokenizer()).isEmpty();
    assertThat(manifest.numericVocabulary()).contains(new NumericVocabulary.Range(3, 9, -2, 2));
    assertThat(config.settings().spec().encoder().chronos())
        .isEqualTo(new ChronosSettings(9, -2, 2, 3, 1, false));
    config.model().requireFiles(); // the graph is there, and no tokenizer is looked for
    assertThat(manifest.forecastQueries()).isEmpty();
  }

  @Test
  void readsTheForecastQueriesAChronosModelWasTrainedFor() throws Exception {
    String yaml =
        CHRONOS_MODEL.replace(
            "    numeric-vocabulary:\n",
            "    forecast-queries: {token-id: 2, max-steps: 24}\n    numeric-vocabulary:\n");
    ModelManifest manifest = AgentConfig.parse(yaml, BASE, key -> {}).settings().spec().model();
    assertThat(manifest.forecastQueries()).contains(new ForecastQueries(2, 24));
  }

  @Test
  void readsListedDigitTokens() throws Exception {
    ModelManifest manifest =
        AgentConfig.parse(DIGITS_MODEL, BASE, key -> {}).settings().spec().model();

    assertThat(manifest.inputFormat()).isEqualTo(InputFormat.TEXT);
    assertThat(
            AgentConfig.parse(DIGITS_MODEL, BASE, key -> {})
                .settings()
                .spec()
                .encoder()
                .trailingSeparator())
        .isTrue();
    assertThat(manifest.numericVocabulary())
        .contains(NumericVocabulary.listed(Map.of(15, 0.0, 16, 1.0, 17, 2.0)));
  }

  @Test
  void chronosDefaultsAreChronosOwn() throws Exception {
    AgentConfig config = AgentConfig.parse(SOURCES, BASE, key -> {});

    assertThat(config.settings().spec().encoder().chronos()).isEqualTo(ChronosSettings.defaults());
    assertThat(ChronosSettings.defaults().encoder(513).describe())
        .isEqualTo("chronos(4093 bins over [-15.0, 15.0] from id 3, eos 1, max 513 tokens)");
  }

  @Test
  void readsEveryKindOfSource() throws Exception {
    AgentConfig config =
        AgentConfig.parse(
            "sources:\n"
                + "  - {type: synthetic, feeds: 3, length: 100, seed: 7, rate: 2,"
                + " start: '2020-02-02T00:00:00Z', cadence: 1h}\n"
                + "  - {type: csv, path: a.csv, columns: [x, y], key-column: k, time-column: t,"
                + " delimiter: ';', feed-prefix: p, zone: '+02:00', speed: 60,"
                + " max-line-length: 80}\n"
                + "  - {type: JSONL, path: b.jsonl, feed-field: f, time-field: t,"
                + " value-field: v, zone: UTC, speed: 1.5, max-line-length: 90}\n"
                + "  - {type: tcpd, path: c.json, start: '1999-01-01T00:00:00Z', cadence: 1d,"
                + " zone: Europe/Paris, speed: 0}\n",
            BASE,
            key -> {});

    assertThat(config.sources())
        .containsExactly(
            new SourceSpec.Synthetic(
                3, 100, 7, 6, java.time.Instant.parse("2020-02-02T00:00:00Z"), Duration.ofHours(1)),
            new SourceSpec.Csv(
                BASE.resolve("a.csv"),
                Optional.of(';'),
                Optional.of("t"),
                List.of("x", "y"),
                Optional.of("k"),
                Optional.of("p"),
                ZoneOffset.ofHours(2),
                60,
                80),
            new SourceSpec.Jsonl(BASE.resolve("b.jsonl"), "f", "t", "v", ZoneOffset.UTC, 1.5, 90),
            new SourceSpec.Tcpd(
                BASE.resolve("c.json"),
                java.time.Instant.parse("1999-01-01T00:00:00Z"),
                Duration.ofDays(1),
                java.time.ZoneId.of("Europe/Paris"),
                0));
  }

  record Bad(String name, String yaml, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Bad> badConfigurations() {
    return Stream.of(
        // unknown keys
        new Bad(
            "unknown top-level key",
            SOURCES + "wndow: {length: 8}",
            "wndow: unknown key (did you mean window?); the configuration takes sources, model,"
                + " device, encoder, window, monitor, head, trust, pipeline, metrics, sinks"),
        new Bad(
            "unknown key in a section",
            SOURCES + "window: {strde: 2}",
            "window.strde: unknown key (did you mean stride?); window takes length, stride,"
                + " allowed-lateness, max-gap, max-pending, max-ahead"),
        new Bad(
            "key of another source type",
            "sources: [{type: csv, path: a.csv, feeds: 2}]",
            "sources[0].feeds: unknown key; sources[0] takes type, path, columns, key-column,"
                + " time-column, delimiter, feed-prefix, zone, speed, max-line-length"),
        new Bad(
            "unknown key of a custom model",
            SOURCES + "model: {custom: {onnx: m.onnx, tokenizer: t.json, inputs: x}}",
            "model.custom.inputs: unknown key; model.custom takes onnx, tokenizer, name,"
                + " variant, input-ids, attention-mask, token-type-ids, hidden-state-output,"
                + " logits-output, pooling, max-tokens, width, input-format, numeric-vocabulary,"
                + " forecast-queries"),
        // wrong types
        new Bad(
            "text for an integer",
            SOURCES + "window: {length: abc}",
            "window.length: expected an integer, got \"abc\""),
        new Bad(
            "decimal for an integer",
            SOURCES + "window: {length: 6.5}",
            "window.length: expected an integer, got 6.5"),
        new Bad(
            "number for a section",
            SOURCES + "window: 5",
            "window: expected a mapping of keys, got 5"),
        new Bad(
            "mapping for a list",
            "sources: {type: csv}",
            "sources: expected a list, got a mapping"),
        new Bad(
            "text for a boolean",
            SOURCES + "sinks: {console: 'yes'}",
            "sinks.console: expected true or false, got \"yes\""),
        new Bad(
            "list for a number",
            SOURCES + "trust: {false-alarm-rate: [1]}",
            "trust.false-alarm-rate: expected a number, got a list"),
        new Bad(
            "a false-alarm rate the calibration cannot reach",
            SOURCES + "trust: {false-alarm-rate: 0.01, calibration: 50}",
            "trust.calibration: must be at least 1 / trust.false-alarm-rate - 1 = 99 (a p-value"
                + " against n scores is at least 1 / (n + 1)), got 50"),
        new Bad(
            "unknown choice",
            SOURCES + "device: gpu",
            "device: expected one of cpu, cuda, auto, got \"gpu\""),
        new Bad(
            "unknown bundled model",
            SOURCES + "model: {bundled: int4}",
            "model.bundled: expected one of fp32, int8, minilm-fp32, minilm-int8, numeric-lm, got \"int4\""),
        new Bad(
            "unknown source type",
            "sources: [{type: amqp}]",
            "sources[0].type: expected one of synthetic, csv, jsonl, tcpd, mqtt, http-poll,"
                + " http-push, kafka, stdin, got \"amqp\""),
        new Bad(
            "duration without unit",
            SOURCES + "pipeline: {max-wait: 50}",
            "pipeline.max-wait: expected a duration such as 500ms, 30s, 5m, 2h, 1d or PT5M,"
                + " got 50"),
        new Bad(
            "unreadable duration",
            SOURCES + "pipeline: {max-wait: fast}",
            "pipeline.max-wait: expected a duration such as 500ms, 30s, 5m, 2h, 1d or PT5M,"
                + " got \"fast\""),
        new Bad(
            "unreadable instant",
            "sources: [{type: synthetic, start: yesterday}]",
            "sources[0].start: expected an instant such as 2024-01-01T00:00:00Z,"
                + " got \"yesterday\""),
        new Bad(
            "unknown zone",
            "sources: [{type: jsonl, path: a.jsonl, zone: Mars/Olympus}]",
            "sources[0].zone: expected a time zone such as UTC, Europe/Paris or +02:00,"
                + " got \"Mars/Olympus\""),
        new Bad(
            "two-character delimiter",
            "sources: [{type: csv, path: a.csv, delimiter: ';;'}]",
            "sources[0].delimiter: expected one character such as \",\" \";\" or \"\\t\","
                + " got \";;\""),
        // out of range
        new Bad(
            "stride zero",
            SOURCES + "window: {stride: 0}",
            "window.stride: must be between 1 and window.length (64), got 0"),
        new Bad(
            "default stride longer than a short window",
            SOURCES + "window: {length: 4}",
            "window.stride: must be between 1 and window.length (4), got 8 (the default)"),
        new Bad(
            "window too long",
            SOURCES + "window: {length: 2000000}",
            "window.length: must be between 1 and 1048576, got 2000000"),
        new Bad(
            "gap of zero",
            SOURCES + "window: {max-gap: 0}",
            "window.max-gap: must be longer than zero, got 0"),
        new Bad(
            "nothing may be ahead",
            SOURCES + "window: {max-ahead: 0}",
            "window.max-ahead: must be longer than zero, got 0"),
        new Bad(
            "negative bound ahead",
            SOURCES + "window: {max-ahead: '-PT1H'}",
            "window.max-ahead: must not be negative, got -PT1H"),
        new Bad(
            "bound ahead not a duration",
            SOURCES + "window: {max-ahead: soon}",
            "window.max-ahead: expected a duration such as 500ms, 30s, 5m, 2h, 1d or PT5M, got"
                + " \"soon\""),
        new Bad(
            "negative lateness",
            SOURCES + "window: {allowed-lateness: '-PT5M'}",
            "window.allowed-lateness: must not be negative, got -PT5M"),
        new Bad(
            "cloud of one",
            SOURCES + "monitor: {window-cloud-capacity: 1}",
            "monitor.window-cloud-capacity: must be at least 2, got 1"),
        new Bad(
            "history shorter than calibration",
            SOURCES + "trust: {calibration: 60, history: 50}",
            "trust.history: must be at least trust.calibration (60), got 50"),
        new Bad(
            "quantile bins with too short a warm-up",
            SOURCES + "head: {bins: 16, warm-up: 20}",
            "head.warm-up: must be at least 2 x head.bins (32) for quantile binning, got 20"),
        new Bad(
            "uniform range upside down",
            SOURCES + "head: {binning: uniform, low: 2, high: 1}",
            "head.high: must be finite and greater than head.low (2.0), got 1.0"),
        new Bad(
            "infinite false-alarm rate",
            SOURCES + "trust: {false-alarm-rate: 1.0e999}",
            "trust.false-alarm-rate: expected a finite number, got Infinity"),
        new Bad(
            "integer overflow",
            SOURCES + "pipeline: {max-batch: 99999999999}",
            "pipeline.max-batch: must be at most 2147483647, got 99999999999"),
        new Bad(
            "port out of range",
            SOURCES + "metrics: {port: 70000}",
            "metrics.port: must be between 0 and 65535, got 70000"),
        new Bad(
            "negative speed",
            "sources: [{type: tcpd, path: s.json, speed: -2}]",
            "sources[0].speed: must be at least 0, got -2"),
        new Bad(
            "synthetic feed of one observation",
            "sources: [{type: synthetic, length: 1}]",
            "sources[0].length: must be at least 2, got 1"),
        new Bad(
            "separator with a digit",
            SOURCES + "encoder: {separator: ' 0 '}",
            "encoder.separator: must not be empty or contain a digit, got \" 0 \""),
        new Bad(
            "fixed scaling without its low",
            SOURCES + "encoder: {scaling: {type: fixed, high: 3}}",
            "encoder.scaling.low: required with type fixed: the value written as the lowest level"),
        new Bad(
            "fixed scaling upside down",
            SOURCES + "encoder: {scaling: {type: fixed, low: 5, high: 1}}",
            "encoder.scaling.high: must be greater than encoder.scaling.low (5), got 1"),
        new Bad(
            "bounds with min-max",
            SOURCES + "encoder: {scaling: {low: 5}}",
            "encoder.scaling.low: only for type fixed (min-max scales each window)"),
        // structure
        new Bad(
            "no sources",
            "window: {length: 8, stride: 8}",
            "sources: required: a list of at least one source (synthetic, csv, jsonl, tcpd, mqtt,"
                + " http-poll, http-push, kafka, stdin)"),
        new Bad(
            "source without type",
            "sources: [{path: a.csv}]",
            "sources[0].type: required: one of synthetic, csv, jsonl, tcpd, mqtt, http-poll,"
                + " http-push, kafka, stdin"),
        new Bad(
            "file source without path",
            "sources: [{type: synthetic}, {type: csv}]",
            "sources[1].path: required: the path of a file"),
        new Bad(
            "custom model without tokenizer",
            SOURCES + "model: {custom: {onnx: m.onnx}}",
            "model.custom.tokenizer: required: the path of a file"),
        new Bad(
            "tokenizer for chronos tokens",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json, input-format:"
                + " chronos-tokens}}",
            "model.custom.tokenizer: only with input-format text; chronos-tokens needs no"
                + " tokenizer"),
        new Bad(
            "unknown input format",
            SOURCES + "model: {custom: {onnx: m.onnx, input-format: patches}}",
            "model.custom.input-format: expected one of text, chronos-tokens, got \"patches\""),
        new Bad(
            "numeric vocabulary without logits",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json,"
                + " numeric-vocabulary: {range: {}}}}",
            "model.custom.numeric-vocabulary: needs logits-output: the graph output whose logits"
                + " it indexes"),
        new Bad(
            "forecast queries on a text model",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json, logits-output: l,"
                + " numeric-vocabulary: {tokens: [{id: 1, value: 0}, {id: 2, value: 1}]},"
                + " forecast-queries: {token-id: 3, max-steps: 8}}}",
            "model.custom: forecast-queries needs input-format CHRONOS_TOKENS"),
        new Bad(
            "a query token that is a value token",
            SOURCES
                + "model: {custom: {onnx: m.onnx, input-format: chronos-tokens, logits-output: l,"
                + " numeric-vocabulary: {range: {first-token-id: 3, count: 9}},"
                + " forecast-queries: {token-id: 5, max-steps: 8}}}",
            "model.custom: forecast-queries queryTokenId 5 is one of the value tokens"),
        new Bad(
            "forecast queries without max steps",
            SOURCES
                + "model: {custom: {onnx: m.onnx, input-format: chronos-tokens, logits-output: l,"
                + " numeric-vocabulary: {range: {}}, forecast-queries: {token-id: 2}}}",
            "model.custom.forecast-queries.max-steps: required: the most steps ahead it was"
                + " trained for"),
        new Bad(
            "range and tokens",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json, logits-output: l,"
                + " numeric-vocabulary: {range: {}, tokens: []}}}",
            "model.custom.numeric-vocabulary: give either range (a run of token ids for evenly"
                + " spaced values) or tokens (each id with its value)"),
        new Bad(
            "range upside down",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json, logits-output: l,"
                + " numeric-vocabulary: {range: {low: 1, high: 0}}}}",
            "model.custom.numeric-vocabulary.range.high: must be greater than"
                + " model.custom.numeric-vocabulary.range.low (1), got 0"),
        new Bad(
            "token without value",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json, logits-output: l,"
                + " numeric-vocabulary: {tokens: [{id: 1, value: 0}, {id: 2}]}}}",
            "model.custom.numeric-vocabulary.tokens[1].value: required: the value the token"
                + " stands for"),
        new Bad(
            "two tokens for one value",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json, logits-output: l,"
                + " numeric-vocabulary: {tokens: [{id: 1, value: 0}, {id: 2, value: 0}]}}}",
            "model.custom.numeric-vocabulary.tokens: tokens 1 and 2 both stand for 0.0; each"
                + " value needs one token"),
        new Bad(
            "eos among the value tokens",
            SOURCES + "encoder: {chronos: {eos-token-id: 5}}",
            "encoder.chronos: eos-token-id 5 is one of the value tokens [3, 4096)"),
        new Bad(
            "encoder and model disagree on the value tokens",
            SOURCES
                + "model: {custom: {onnx: m.onnx, input-format: chronos-tokens, logits-output: l,"
                + " numeric-vocabulary: {range: {count: 9, low: -2, high: 2}}}}",
            "encoder.chronos: bins, low, high and first-token-id give 4093 tokens [3, 4096) for"
                + " -15.0 .. 15.0, but model.custom.numeric-vocabulary.range gives 9 tokens [3, 12)"
                + " for -2.0 .. 2.0; a Chronos model reads and predicts the same value tokens"),
        new Bad(
            "bundled and custom",
            SOURCES + "model: {bundled: int8, custom: {onnx: m.onnx, tokenizer: t.json}}",
            "model: give either bundled or custom, not both"),
        new Bad(
            "custom model with one name for two inputs",
            SOURCES
                + "model: {custom: {onnx: m.onnx, tokenizer: t.json, input-ids: x,"
                + " attention-mask: x}}",
            "model.custom: attention-mask must differ from input-ids, both are \"x\""),
        new Bad(
            "blank name",
            SOURCES + "model: {custom: {onnx: m.onnx, tokenizer: t.json, name: ' '}}",
            "model.custom.name: must not be blank"),
        new Bad(
            "empty file", "", "the configuration is empty; it needs at least a list of sources"),
        new Bad(
            "a list at the top",
            "- type: csv",
            "the configuration must be a mapping of sections (sources, model, window, ...),"
                + " got a list"),
        new Bad(
            "duplicate key",
            SOURCES + "window: {length: 8}\nwindow: {length: 9}\n",
            "not valid YAML: line 3, column 7: Duplicate field 'window'"),
        new Bad("not YAML", SOURCES + "window: [1, 2", "not valid YAML: line "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void aBadConfigurationFailsNamingTheKey(Bad bad) {
    assertThatThrownBy(() -> AgentConfig.parse(bad.yaml(), BASE, key -> {}))
        .isInstanceOf(InputFormatException.class)
        .hasMessageStartingWith(bad.message());
  }

  @Test
  void durationsReadInUnitsOrIso() {
    assertThat(DurationText.parse("0")).isZero();
    assertThat(DurationText.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationText.parse(" 2h ")).isEqualTo(Duration.ofHours(2));
    assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationText.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DurationText.parse("pt0.5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("P1D")).isEqualTo(Duration.ofDays(1));
    for (String bad : new String[] {"", "5", "5 min", "1.5h", "-5m", "PT", "m"}) {
      assertThatThrownBy(() -> DurationText.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected " + DurationText.EXPECTED + ", got \"" + bad + "\"");
    }
  }
}
