package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isowatch.cli.Cli;
import io.isowatch.cli.Datasets;
import io.isowatch.cli.Summaries;
import io.isowatch.cli.console.RunTally;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.TrainedOn;
import io.isowatch.engine.model.ModelChoice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isowatch replay} end to end with the bundled INT8 model: short files and short windows, so
 * that the counts of the summary can be computed here.
 */
class ReplayCommandTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final int WINDOW = 16;
  private static final int STRIDE = 8;

  @TempDir Path dir;

  @Test
  void replaysACsvWithALevelShiftAndAJsonlFileCountingWhatTheyHold() throws IOException {
    List<String> planted = new ArrayList<>();
    Path csv = writeCsvWithLevelShift("cpu.csv", 400, 250, planted);
    Path jsonl = writeJsonl("load.jsonl", "load", 120, "not json at all");
    Path deadLetters = dir.resolve("dead/letters.jsonl");
    Path alerts = dir.resolve("alerts.jsonl");

    Cli.Result result =
        Cli.run(
            "replay",
            csv.toString(),
            jsonl.toString(),
            "--window=" + WINDOW,
            "--stride=" + STRIDE,
            "--metrics-port=0",
            "--dead-letters=" + deadLetters,
            "--alerts-jsonl=" + alerts,
            "--no-progress");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "isowatch replay: 2 files, isowatch-numeric-lm last_hidden_state on cpu, window 16 / stride 8");
    Summaries summary = Summaries.parse(result.out());
    // cpu: 400 good rows accepted, a NaN and a repeated row rejected by the windower (counted as
    // rejected only); three planted lines are rejected by the parser; load: 120 rows and one line
    // that is no JSON.
    assertThat(summary.observations()).isEqualTo(400 + 120);
    assertThat(summary.rejected()).isEqualTo(6);
    assertThat(summary.reasons())
        .isEqualTo("unparsable 3, missing_field 1, not_finite 1, duplicate 1");
    long cpuWindows = Summaries.windows(400, WINDOW, STRIDE);
    long loadWindows = Summaries.windows(120, WINDOW, STRIDE);
    assertThat(summary.windows()).isEqualTo(cpuWindows + loadWindows);
    assertThat(summary.feed("cpu")).startsWith(400, 5, cpuWindows);
    assertThat(summary.feed("load")).startsWith(120, 0, loadWindows);
    assertThat(summary.feed(RunTally.NO_FEED)).startsWith(0, 1, 0);
    assertThat(result.err()).doesNotContain("progress:");

    List<JsonNode> rejected = jsonLines(deadLetters);
    assertThat(rejected).hasSize(6);
    assertThat(rejected.stream().map(r -> r.get("original").asText()))
        .containsAll(planted)
        .contains("not json at all");
    assertThat(jsonLines(alerts)).hasSize((int) (summary.firing() + summary.resolved()));
  }

  @Test
  void replaysARealNabFileFastWithProgress() throws IOException {
    Path nab =
        Datasets.file(
            "NAB/data/realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv"); // 1243 rows
    long rows;
    try (var lines = Files.lines(nab)) {
      rows = lines.skip(1).filter(line -> !line.isBlank()).count();
    }

    Cli.Result result =
        Cli.run(
            "replay",
            nab.toString(),
            "--window=32",
            "--stride=16",
            "--speed=1e7", // five-minute steps in 30 microseconds: as fast as the model goes
            "--metrics-port=0",
            "--dead-letters=" + dir.resolve("dead.jsonl"),
            "--progress");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Summaries summary = Summaries.parse(result.out());
    assertThat(summary.observations()).isEqualTo(rows);
    assertThat(summary.rejected()).isZero();
    assertThat(summary.windows()).isEqualTo(Summaries.windows(rows, 32, 16));
    assertThat(summary.feed("iio_us-east-1_i-a2eb1cd9_NetworkIn"))
        .startsWith(rows, 0, Summaries.windows(rows, 32, 16));
    assertThat(result.err())
        .contains("progress: iio_us-east-1_i-a2eb1cd9_NetworkIn.csv: 10% (")
        .contains("progress: iio_us-east-1_i-a2eb1cd9_NetworkIn.csv: 100% (" + rows + " rows")
        .contains(", done");
  }

  @Test
  void aMissingFileIsBadInput() {
    Path missing = dir.resolve("nope.csv");

    Cli.Result result = Cli.run("replay", missing.toString(), "--metrics-port=0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().strip())
        .isEqualTo("isowatch replay: cannot read " + missing + ": no such file");
  }

  @Test
  void aColumnTheHeaderLacksIsBadInputNamedAsTheOption() throws IOException {
    Path csv = Cli.write(dir, "two.csv", "time,a,b\n2024-01-01,1,2\n");

    Cli.Result result = Cli.run("replay", csv.toString(), "--column=c");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("isowatch replay: " + csv + ": --column c is not a column of two.csv");
  }

  @Test
  void severalCandidateColumnsMustBeNamed() throws IOException {
    Path csv = Cli.write(dir, "two.csv", "time,a,b\n2024-01-01,1,2\n");

    Cli.Result result = Cli.run("replay", csv.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--column must be named", "[a, b]");
  }

  @Test
  void aJsonFileThatIsNoTcpdSeriesIsBadInput() throws IOException {
    Path json = Cli.write(dir, "thing.json", "{\"name\": \"x\"}");

    Cli.Result result = Cli.run("replay", json.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("isowatch replay: " + json + ": ").contains("series");
  }

  @Test
  void csvOptionsWithoutACsvFileAreAUsageError() throws IOException {
    Path jsonl = writeJsonl("load.jsonl", "load", 3, null);

    Cli.Result result = Cli.run("replay", jsonl.toString(), "--column=value");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--column, --key-column and --time-column apply to CSV");
  }

  @Test
  void outOfRangeOptionsAreUsageErrorsNamingTheOption() throws IOException {
    Path jsonl = writeJsonl("load.jsonl", "load", 3, null);

    assertThat(Cli.run("replay", jsonl.toString(), "--stride=0").err())
        .contains("--stride must be between 1 and --window (64), got 0");
    assertThat(Cli.run("replay", jsonl.toString(), "--window=8", "--stride=9").err())
        .contains("--stride must be between 1 and --window (8), got 9");
    assertThat(Cli.run("replay", jsonl.toString(), "--speed=-1").err())
        .contains("--speed must be finite and at least 0, got -1.0");
    assertThat(Cli.run("replay", jsonl.toString(), "--metrics-port=70000").exitCode()).isEqualTo(2);
  }

  /**
   * A risk model reads one model's signals: one trained on MiniLM's is refused under the numeric
   * LM, before anything runs; the bundled one, trained on the numeric LM's, judges MiniLM's with a
   * note that says how to train one for it.
   */
  @Test
  void aRiskModelTrainedOnOtherSignalsIsRefusedAndTheBundledOneIsNoted() throws IOException {
    Path jsonl = writeJsonl("load.jsonl", "load", 200, null);
    Path minilmRisk = dir.resolve("minilm-risk");
    String minilm = ModelChoice.MINILM_INT8.manifest().label();
    RiskModel.constant().trainedOn(new TrainedOn(minilm, 1)).writeTo(minilmRisk, List.of());

    Cli.Result refused = Cli.run("replay", jsonl.toString(), "--risk-model=" + minilmRisk);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .contains("--risk-model was trained on the signals of " + minilm + " at horizon 1")
        .contains("`isowatch train-risk --model numeric-lm --out-dir DIR`");

    Cli.Result noted =
        Cli.run(
            "replay",
            jsonl.toString(),
            "--model=minilm-int8",
            "--window=" + WINDOW,
            "--stride=" + STRIDE,
            "--metrics-port=0",
            "--no-progress");
    assertThat(noted.exitCode()).as(noted.err()).isZero();
    assertThat(noted.out())
        .contains("note: the bundled risk model was trained on the signals of ")
        .contains("`isowatch train-risk --model minilm-int8 --out-dir DIR`");
    Cli.Result matching =
        Cli.run(
            "replay",
            jsonl.toString(),
            "--model=minilm-int8",
            "--risk-model=" + minilmRisk,
            "--window=" + WINDOW,
            "--stride=" + STRIDE,
            "--metrics-port=0",
            "--no-progress");
    assertThat(matching.exitCode()).as(matching.err()).isZero();
    assertThat(matching.out()).doesNotContain("note: the bundled risk model");
  }

  /**
   * {@code --risk-model} judges with the model that train-risk wrote there, and says so at start; a
   * folder whose artifact no longer matches its manifest is a usage error before anything runs.
   */
  @Test
  void judgesWithTheRiskModelItIsGivenAndRefusesAnEditedOne() throws IOException {
    Path jsonl = writeJsonl("load.jsonl", "load", 200, null);
    Path own = dir.resolve("own-risk");
    RiskModel.constant().writeTo(own, List.of());

    Cli.Result result =
        Cli.run(
            "replay",
            jsonl.toString(),
            "--risk-model=" + own,
            "--window=" + WINDOW,
            "--stride=" + STRIDE,
            "--metrics-port=0",
            "--no-progress");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("risk model: " + RiskModel.constant().version() + " (the operator's own)");
    assertThat(Summaries.parse(result.out()).observations()).isEqualTo(200);

    Files.writeString(own.resolve(RiskModel.ARTIFACT_FILE), "format 1\n", StandardCharsets.UTF_8);
    Cli.Result edited = Cli.run("replay", jsonl.toString(), "--risk-model=" + own);
    assertThat(edited.exitCode()).isEqualTo(2);
    assertThat(edited.err())
        .contains("--risk-model: " + own + ": the risk model does not match its manifest");
  }

  @Test
  void noFileIsAUsageError() {
    Cli.Result result = Cli.run("replay");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required parameter", "FILE");
  }

  /**
   * {@code rows} rows of {@code timestamp,value} a minute apart, a seeded wave with noise that
   * shifts up by 8 from row {@code shiftAt}, plus planted bad lines: an unreadable value, a row
   * with too many fields and one with an empty value (added to {@code planted}), a NaN and a repeat
   * of a good row.
   */
  private Path writeCsvWithLevelShift(String name, int rows, int shiftAt, List<String> planted)
      throws IOException {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < rows; i++) {
      double value = 10 + Math.sin(i / 6.0) + 0.2 * random.nextGaussian() + (i >= shiftAt ? 8 : 0);
      String row = String.format(Locale.ROOT, "%s,%.4f", START.plusSeconds(60L * i), value);
      text.append(row).append('\n');
      String between = START.plusSeconds(60L * i + 30).toString();
      switch (i) {
        case 100 -> planted.add(append(text, between + ",abc"));
        case 200 -> planted.add(append(text, between + ",1,2"));
        case 300 -> planted.add(append(text, between + ","));
        case 320 -> append(text, between + ",NaN");
        case 350 -> append(text, row);
        default -> {}
      }
    }
    return Cli.write(dir, name, text.toString());
  }

  private static String append(StringBuilder text, String line) {
    text.append(line).append('\n');
    return line;
  }

  /** {@code rows} JSON lines of one feed a minute apart, then {@code bad} if given. */
  private Path writeJsonl(String name, String feed, int rows, String bad) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      text.append(
          String.format(
              Locale.ROOT,
              "{\"feed\": \"%s\", \"time\": \"%s\", \"value\": %.3f}%n",
              feed,
              START.plusSeconds(60L * i),
              50 + 5 * Math.cos(i / 4.0)));
    }
    if (bad != null) {
      text.append(bad).append('\n');
    }
    return Cli.write(dir, name, text.toString());
  }

  private static List<JsonNode> jsonLines(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        nodes.add(mapper.readTree(line));
      }
    }
    return nodes;
  }
}
