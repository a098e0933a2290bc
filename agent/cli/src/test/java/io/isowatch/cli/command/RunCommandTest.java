package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.cli.Cli;
import io.isowatch.cli.Summaries;
import io.isowatch.cli.config.AgentConfig;
import io.isowatch.cli.config.SinkSettings;
import io.isowatch.core.risk.RiskModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code isowatch run} end to end: a configuration of every section, the reference, errors. */
class RunCommandTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path dir;

  private Path config;

  @BeforeEach
  void configPath() {
    config = dir.resolve("isowatch.yaml");
  }

  /**
   * Every section set away from its default, every kind of source, the bundled INT8 model loaded as
   * a custom export from files (so the custom path is the one exercised), and a risk model of the
   * operator's own.
   */
  @Test
  void runsAConfigurationOfEverySection() throws IOException {
    copyBundledModel("all-minilm-l6-v2-q.onnx", "model/model.onnx");
    copyBundledModel("all-minilm-l6-v2-q-tokenizer.json", "model/tokenizer.json");
    writeCsv("data/cpu.csv", 150);
    writeJsonl("data/feeds.jsonl", 100);
    writeTcpd("data/walk.json", 80);
    RiskModel.constant().writeTo(dir.resolve("risk"), List.of());
    Cli.write(
        dir,
        "isowatch.yaml",
        """
        sources:
          - {type: synthetic, feeds: 2, length: 200, seed: 3, rate: 0, cadence: 5m}
          - {type: csv, path: data/cpu.csv, columns: [value], time-column: timestamp, speed: 0}
          - {type: jsonl, path: data/feeds.jsonl, value-field: value}
          - {type: tcpd, path: data/walk.json, cadence: 1h, speed: 1e9}
        model:
          custom:
            onnx: model/model.onnx
            tokenizer: model/tokenizer.json
            name: minilm-from-files
            token-type-ids: token_type_ids
            pooling: mean
            max-tokens: 256
            width: 384
        device: cpu
        encoder: {number-format: integer, separator: ", ", scaling: {type: min-max}}
        window: {length: 16, stride: 8, allowed-lateness: 0, max-gap: 1d, max-pending: 64}
        monitor: {window-cloud-capacity: 4, evaluate-every: 2, horizon: 1}
        head: {bins: 8, binning: quantile, warm-up: 16}
        trust: {false-alarm-rate: 0.1, calibration: 9, history: 32, delay: 2, confirm: 1,
                clear-after: 2, cooldown: 1, risk-model: risk}
        pipeline: {max-batch: 16, max-wait: 20ms, queue-capacity: 256, max-feeds: 10}
        metrics: {port: 0}
        sinks: {console: true, alerts-jsonl: out/alerts.jsonl, dead-letters: out/dead.jsonl}
        """);

    Cli.Result result = Cli.run("run", "--config", config.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("isowatch run: " + config + ", 4 sources, minilm-from-files on cpu")
        .contains("window 16 / stride 8")
        .contains("risk model: " + RiskModel.constant().version() + " (the operator's own)");
    Summaries summary = Summaries.parse(result.out());
    assertThat(summary.observations()).isEqualTo(2 * 200 + 150 + 100 + 80);
    assertThat(summary.rejected()).isZero();
    assertThat(summary.feed("synthetic-0")).startsWith(200, 0, Summaries.windows(200, 16, 8));
    assertThat(summary.feed("synthetic-1")).startsWith(200, 0, Summaries.windows(200, 16, 8));
    assertThat(summary.feed("cpu")).startsWith(150, 0, Summaries.windows(150, 16, 8));
    assertThat(summary.feed("load")).startsWith(100, 0, Summaries.windows(100, 16, 8));
    assertThat(summary.feed("walk")).startsWith(80, 0, Summaries.windows(80, 16, 8));
    assertThat(summary.windows())
        .isEqualTo(
            2 * Summaries.windows(200, 16, 8)
                + Summaries.windows(150, 16, 8)
                + Summaries.windows(100, 16, 8)
                + Summaries.windows(80, 16, 8));
    Path alerts = dir.resolve("out/alerts.jsonl");
    assertThat(alerts).exists();
    assertThat(Files.readAllLines(alerts)).hasSize((int) (summary.firing() + summary.resolved()));
    assertThat(dir.resolve("out/dead.jsonl"))
        .as("nothing rejected: the dead-letter file is created with the first rejection")
        .doesNotExist();
  }

  @Test
  void printReferencePrintsTheReferenceFile() {
    Cli.Result result = Cli.run("run", "--print-reference");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(AgentConfig.reference());
    assertThat(result.out()).startsWith("# isowatch run --config FILE").contains("sources:");
  }

  static Stream<String[]> badConfigurations() {
    return Stream.of(
        new String[] {
          "unknown key",
          "sources: [{type: synthetic}]\nwindow: {strde: 2}\n",
          "window.strde: unknown key (did you mean stride?)"
        },
        new String[] {
          "wrong type",
          "sources: [{type: synthetic, feeds: many}]\n",
          "sources[0].feeds: expected an integer, got \"many\""
        },
        new String[] {
          "out of range",
          "sources: [{type: synthetic}]\nwindow: {stride: 0}\n",
          "window.stride: must be between 1 and window.length (64), got 0"
        },
        new String[] {
          "missing model file",
          "sources: [{type: synthetic}]\n"
              + "model: {custom: {onnx: nowhere/model.onnx, tokenizer: isowatch.yaml}}\n",
          "model.custom.onnx: no such file: "
        },
        new String[] {
          "missing tokenizer file",
          "sources: [{type: synthetic}]\n"
              + "model: {custom: {onnx: isowatch.yaml, tokenizer: nowhere/tokenizer.json}}\n",
          "model.custom.tokenizer: no such file: "
        },
        new String[] {
          "missing source file",
          "sources: [{type: synthetic}, {type: csv, path: data/none.csv}]\n",
          "sources[1].path: cannot read "
        },
        new String[] {
          "column the file lacks",
          "sources: [{type: csv, path: isowatch.yaml, columns: [x]}]\n",
          "sources[0]: columns x is not a column of isowatch.yaml"
        },
        new String[] {"not YAML", "sources: [{type: synthetic}\n", "not valid YAML: line "});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void aConfigurationErrorExitsWithTwoAndTheKeyPath(String name, String yaml, String message)
      throws IOException {
    Cli.write(dir, "isowatch.yaml", yaml);

    Cli.Result result = Cli.run("run", "--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("isowatch run: " + config + ": " + message);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(dir.resolve(SinkSettings.DEFAULT_DEAD_LETTERS)).doesNotExist();
  }

  @Test
  void aMissingConfigurationFileIsBadInput() {
    Cli.Result result = Cli.run("run", "--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo("isowatch run: cannot read " + config + ": no such file");
  }

  @Test
  void metricsPortOverridesTheConfiguration() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Cli.write(
        dir,
        "isowatch.yaml",
        """
        sources: [{type: synthetic, feeds: 1, length: 80, seed: 5, rate: 0}]
        window: {length: 16, stride: 8}
        metrics: {port: 0}
        sinks: {console: false, dead-letters: dead.jsonl}
        """);

    Cli.Result result =
        Cli.run("run", "--config", config.toString(), "--metrics-port", String.valueOf(port));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("metrics: http://localhost:" + port + "/metrics");
    Cli.Result bad = Cli.run("run", "--config", config.toString(), "--metrics-port", "65536");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--metrics-port must be between 0 and 65535, got 65536");
  }

  @Test
  void configOrPrintReferenceIsRequired() {
    assertThat(Cli.run("run").err()).contains("Missing required argument", "--config=FILE");
    assertThat(Cli.run("run", "--config", "a.yaml", "--print-reference").err())
        .contains("mutually exclusive");
  }

  private void copyBundledModel(String resource, String target) throws IOException {
    Path file = dir.resolve(target);
    Files.createDirectories(file.getParent());
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      Files.copy(in, file);
    }
  }

  private void writeCsv(String name, int rows) throws IOException {
    String text =
        IntStream.range(0, rows)
            .mapToObj(
                i ->
                    String.format(
                        Locale.ROOT,
                        "%s,%.3f",
                        START.plusSeconds(60L * i),
                        20 + 3 * Math.sin(i / 5.0) + (i > rows / 2 ? 10 : 0)))
            .collect(Collectors.joining("\n", "timestamp,value\n", "\n"));
    write(name, text);
  }

  private void writeJsonl(String name, int rows) throws IOException {
    String text =
        IntStream.range(0, rows)
            .mapToObj(
                i ->
                    String.format(
                        Locale.ROOT,
                        "{\"feed\": \"load\", \"time\": %d, \"value\": %.2f}",
                        START.plusSeconds(3600L * i).toEpochMilli(),
                        100 + 10 * Math.cos(i / 3.0)))
            .collect(Collectors.joining("\n", "", "\n"));
    write(name, text);
  }

  /** A TCPD series without dates: name, time.index and one dimension of raw values. */
  private void writeTcpd(String name, int length) throws IOException {
    String index =
        IntStream.range(0, length).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    String raw =
        IntStream.range(0, length)
            .mapToObj(i -> String.format(Locale.ROOT, "%.2f", Math.sqrt(i) + (i % 7) * 0.1))
            .collect(Collectors.joining(", "));
    write(
        name,
        "{\"name\": \"walk\", \"n_obs\": "
            + length
            + ", \"n_dim\": 1, \"time\": {\"index\": ["
            + index
            + "]}, \"series\": [{\"label\": \"V1\", \"type\": \"float\", \"raw\": ["
            + raw
            + "]}]}");
  }

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
