package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.model.ModelChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code isowatch run --engine flink}: a JSONL replay on a local MiniCluster, and its limits. */
class RunFlinkEngineTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path dir;

  /** Every bundled model runs on the Flink engine, named by --model over the configuration. */
  @ParameterizedTest
  @ValueSource(strings = {"minilm-int8", "numeric-lm"})
  void replaysJsonlSourcesOnALocalFlinkCluster(String model) throws IOException {
    List<String> lines = sineFeeds("a", "b");
    lines.add("no observation");
    Files.write(dir.resolve("feeds.jsonl"), lines);
    Path config =
        Cli.write(
            dir,
            "isowatch.yaml",
            "sources: [{type: jsonl, path: feeds.jsonl}]\n"
                + "window: {length: 32, stride: 8}\n"
                + "sinks: {dead-letters: dead.jsonl, alerts-jsonl: alerts.jsonl}\n");

    Cli.Result result =
        Cli.run(
            "run",
            "--config",
            config.toString(),
            "--engine",
            "flink",
            "--parallelism",
            "2",
            "--model",
            model);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("on flink (local MiniCluster, parallelism 2), 1 file")
        .contains(ModelChoice.parse(model).manifest().name())
        .contains("1 record(s) set aside to " + dir.resolve("dead.jsonl"));
    assertThat(Files.readAllLines(dir.resolve("dead.jsonl")))
        .singleElement()
        .asString()
        .contains("\"reason\":\"unparsable\"", "\"original\":\"no observation\"");
    assertThat(dir.resolve("alerts.jsonl")).exists();
  }

  /**
   * A user's own export (the numeric LM's graph copied to a file and declared in {@code
   * model.custom}) and an operator's own risk model run on the Flink engine, named at start.
   */
  @Test
  void aUsersOwnModelAndRiskModelRunOnTheFlinkEngine() throws IOException {
    String ownModel = Cli.ownNumericLm(dir);
    RiskModel.constant().writeTo(dir.resolve("risk"), List.of());
    Files.write(dir.resolve("feeds.jsonl"), sineFeeds("a"));
    Path config =
        Cli.write(
            dir,
            "isowatch.yaml",
            "sources: [{type: jsonl, path: feeds.jsonl}]\n"
                + ownModel
                + """
            window: {length: 32, stride: 8}
            trust: {risk-model: risk}
            sinks: {dead-letters: dead.jsonl}
            engine: {type: flink}
            """);

    Cli.Result result = Cli.run("run", "--config", config.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "on flink (local MiniCluster, parallelism 1), 1 file, own-lm, window 32 / stride 8")
        .contains("risk model: " + RiskModel.constant().version() + " (the operator's own)")
        .contains("0 record(s) set aside");
  }

  @Test
  void aSourceTheFlinkEngineCannotReadIsAConfigurationError() throws IOException {
    Cli.write(dir, "data.csv", "timestamp,value\n2024-01-01T00:00:00Z,1\n");
    // The engine chosen by the configuration's engine section this time, not by --engine.
    Path config =
        Cli.write(
            dir,
            "isowatch.yaml",
            "sources: [{type: csv, path: data.csv}]\nengine: {type: flink}\n");

    Cli.Result result = Cli.run("run", "--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip())
        .isEqualTo(
            "isowatch run: "
                + config
                + ": sources[0]: the flink engine replays jsonl files only; use --engine embedded");
  }

  /** 120 JSON Lines observations a minute apart of a slow sine, for each feed in turn. */
  private static List<String> sineFeeds(String... feeds) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      for (String feed : feeds) {
        lines.add(
            String.format(
                Locale.ROOT,
                "{\"feed\": \"%s\", \"time\": \"%s\", \"value\": %.3f}",
                feed,
                START.plusSeconds(60L * i),
                Math.sin(i / 5.0)));
      }
    }
    return lines;
  }
}
