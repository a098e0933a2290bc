package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.cli.IsowatchCommand;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.TrainedOn;
import io.isowatch.engine.model.ModelChoice;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code isowatch evaluate} end to end, on a small TCPD-layout folder written by the test. */
class EvaluateCommandTest {
  @TempDir Path dir;

  /** The CLI with standard output discarded and standard error kept in {@code stderr}. */
  private static CommandLine commandWritingErrorsTo(StringWriter stderr) {
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(stderr));
    return command;
  }

  /** Two series in TCPD's layout, each with a level shift at 150 that both annotators marked. */
  private Path tcpdFolder() throws IOException {
    Path root = dir.resolve("tcpd");
    StringBuilder annotations = new StringBuilder("{");
    for (int s = 0; s < 2; s++) {
      String name = "shift_" + s;
      Random random = new Random(s);
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < 220; i++) {
        double v = 10 + random.nextGaussian() + (i >= 150 ? 12 : 0);
        values.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", v));
      }
      Path file = root.resolve("datasets").resolve(name).resolve(name + ".json");
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          "{\"name\": \""
              + name
              + "\", \"n_obs\": 220, \"time\": {\"index\": []}, \"series\": [{\"label\": \"V1\","
              + " \"type\": \"float\", \"raw\": ["
              + values
              + "]}]}");
      annotations
          .append(s == 0 ? "" : ",")
          .append("\"" + name + "\": {\"1\": [150], \"2\": [151]}");
    }
    Files.writeString(root.resolve("annotations.json"), annotations.append("}").toString());
    return root;
  }

  @Test
  void scoresASliceAndWritesTheJsonAndTheTable() throws IOException {
    Path out = dir.resolve("results.json");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(stdout));
    command.setErr(new PrintWriter(stderr));

    int exit =
        command.execute(
            "evaluate",
            "--dataset",
            "tcpd:" + tcpdFolder(),
            "--limit-series",
            "1",
            "--out",
            out.toString());

    assertThat(exit).as(stderr.toString()).isZero();
    JsonNode json = new JsonMapper().readTree(out.toFile());
    assertThat(json.path("series")).hasSize(1);
    assertThat(json.path("series").get(0).path("series").asText()).isEqualTo("shift_0");
    for (String detector :
        new String[] {"isowatch", "page_hinkley", "adwin", "cusum", "rolling_zscore"}) {
      JsonNode metrics = json.path("detectors").path(detector);
      JsonNode f1 = metrics.path("tcpd_f1");
      assertThat(f1.path("value").isNumber()).as(detector).isTrue();
      assertThat(f1.path("value").asDouble()).as(detector).isBetween(0.0, 1.0);
      // one series: every resample is that series, so the interval is the value itself
      assertThat(f1.path("low").asDouble()).as(detector).isEqualTo(f1.path("value").asDouble());
      assertThat(metrics.path("tcpd_cover").path("value").asDouble())
          .as(detector)
          .isBetween(0.0, 1.0);
    }
    assertThat(json.path("detectors").path("signal:window_isoscore").isObject()).isTrue();
    for (String sanity :
        new String[] {
          "sanity:minus_time", "sanity:time", "sanity:noise", "never_alarms", "always_alarms"
        }) {
      assertThat(json.path("detectors").path(sanity).path("tcpd_f1").path("value").isNumber())
          .as(sanity)
          .isTrue();
    }
    assertThat(json.path("broken").isObject()).isTrue();
    assertThat(json.path("isowatch_vs_best_baseline").path("tcpd_f1").path("baseline").asText())
        .isIn("page_hinkley", "adwin", "cusum", "rolling_zscore");
    assertThat(json.path("run").path("windows_embedded").asLong()).isEqualTo(220 - 24 + 1);
    assertThat(stdout.toString())
        .contains("| detector | tcpd_f1 | tcpd_cover |")
        .contains("| cusum |")
        .contains("1 series, 197 windows embedded");
  }

  @Test
  void scoresSyntheticFeedsWithNabsScorerAgainstTheirInjectedChanges() throws IOException {
    Path out = dir.resolve("synthetic.json");
    StringWriter stderr = new StringWriter();
    CommandLine command = commandWritingErrorsTo(stderr);

    int exit =
        command.execute(
            "evaluate", "--synthetic", "3", "--baselines-only", "--out", out.toString());

    assertThat(exit).as(stderr.toString()).isZero();
    JsonNode json = new JsonMapper().readTree(out.toFile());
    assertThat(json.path("series")).hasSize(3);
    assertThat(json.path("series").get(0).path("dataset").asText()).isEqualTo("synthetic");
    JsonNode detectors = json.path("detectors");
    // NAB's normalization: detecting nothing is 0 by definition, alarming everywhere far below
    assertThat(detectors.path("never_alarms").path("nab_score").path("value").asDouble()).isZero();
    assertThat(detectors.path("always_alarms").path("nab_score").path("value").asDouble())
        .isNegative();
    assertThat(detectors.path("adwin").path("nab_score").path("value").isNumber()).isTrue();
  }

  @Test
  void theSparseRulerNamesItselfAndAnUnknownDensityOrNoiseIsAUsageError() throws IOException {
    Path out = dir.resolve("sparse.json");
    StringWriter stderr = new StringWriter();
    CommandLine command = commandWritingErrorsTo(stderr);

    int exit =
        command.execute(
            "evaluate",
            "--synthetic",
            "2",
            "--synthetic-density",
            "sparse",
            "--baselines-only",
            "--resamples",
            "10",
            "--out",
            out.toString());
    int unknown =
        command.execute(
            "evaluate", "--synthetic", "2", "--synthetic-density", "thin", "--baselines-only");

    assertThat(exit).as(stderr.toString()).isZero();
    JsonNode json = new JsonMapper().readTree(out.toFile());
    assertThat(json.path("run").path("datasets").get(0).asText())
        .isEqualTo("synthetic-sparse:2:seed-7");
    for (JsonNode series : json.path("series")) {
      assertThat(series.path("length").asInt()).isEqualTo(4000);
    }
    int loud =
        command.execute(
            "evaluate", "--synthetic", "2", "--synthetic-noise", "loud", "--baselines-only");
    assertThat(unknown).isEqualTo(2);
    assertThat(loud).isEqualTo(2);
    assertThat(stderr.toString())
        .contains("expected dense or sparse, got 'thin'")
        .contains("expected light, heavy or spiky, got 'loud'");
  }

  @Test
  void takesEitherDatasetsOrSyntheticFeedsNotBoth() throws IOException {
    StringWriter stderr = new StringWriter();
    CommandLine command = commandWritingErrorsTo(stderr);

    int both =
        command.execute(
            "evaluate",
            "--synthetic",
            "2",
            "--dataset",
            "tcpd:" + tcpdFolder(),
            "--baselines-only");
    int neither = command.execute("evaluate", "--baselines-only");

    assertThat(both).isEqualTo(2);
    assertThat(neither).isEqualTo(2);
    assertThat(stderr.toString()).contains("either --dataset (repeatable) or --synthetic N");
  }

  /** One TCPD-layout series of noise with no change, annotated so by both annotators. */
  private Path calmTcpdFolder() throws IOException {
    Path root = dir.resolve("calm-tcpd");
    Random random = new Random(8);
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 220; i++) {
      values
          .append(i == 0 ? "" : ",")
          .append(String.format(Locale.ROOT, "%.4f", 10 + random.nextGaussian()));
    }
    Path file = root.resolve("datasets").resolve("calm").resolve("calm.json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\"name\": \"calm\", \"n_obs\": 220, \"time\": {\"index\": []}, \"series\":"
            + " [{\"label\": \"V1\", \"type\": \"float\", \"raw\": ["
            + values
            + "]}]}");
    Files.writeString(root.resolve("annotations.json"), "{\"calm\": {\"1\": [], \"2\": []}}");
    return root;
  }

  private int evaluate(StringWriter stdout, StringWriter stderr, String... args) {
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(stdout));
    command.setErr(new PrintWriter(stderr));
    return command.execute(args);
  }

  @Test
  void scoresOutHoldEveryDetectorPerStep() throws IOException {
    Path scores = dir.resolve("scores");
    StringWriter stderr = new StringWriter();

    int exit =
        evaluate(
            new StringWriter(),
            stderr,
            "evaluate",
            "--baselines-only",
            "--resamples",
            "50",
            "--dataset",
            "tcpd:" + tcpdFolder(),
            "--scores",
            scores.toString());

    assertThat(exit).as(stderr.toString()).isZero();
    for (String name : new String[] {"shift_0", "shift_1"}) {
      List<String> lines = Files.readAllLines(scores.resolve("tcpd").resolve(name + ".csv"));
      assertThat(lines).hasSize(1 + 220);
      assertThat(lines.get(0))
          .startsWith("index,time,value,page_hinkley,adwin,cusum,rolling_zscore,sanity:minus_time")
          .endsWith("alarm:never_alarms,alarm:always_alarms");
    }
  }

  @Test
  void strictFailsWhenSilenceTiesTheBestDetector() throws IOException {
    // no change at all: never alarming scores F1 1, which no detector can beat
    String folder = "tcpd:" + calmTcpdFolder();
    StringWriter lenientOut = new StringWriter();
    StringWriter strictErr = new StringWriter();

    int lenient =
        evaluate(
            lenientOut, new StringWriter(), "evaluate", "--baselines-only", "--dataset", folder);
    int strict =
        evaluate(
            new StringWriter(),
            strictErr,
            "evaluate",
            "--baselines-only",
            "--strict",
            "--dataset",
            folder);

    assertThat(lenient).isZero();
    assertThat(lenientOut.toString())
        .contains("tcpd_f1 **broken**")
        .contains("ties or beats the best real detector");
    assertThat(strict).isEqualTo(EvaluateCommand.BROKEN_RULER);
    assertThat(strictErr.toString()).contains("the ruler is broken on").contains("tcpd_f1");
  }

  /**
   * The α given reaches every series' profile (and so the rules and the sanity rows that alarm
   * through them), and the JSON says which it was; outside (0, 0.5) it is a usage error.
   */
  @Test
  void theFalseAlarmRateReachesEverySeriesAndABadOneIsAUsageError() throws IOException {
    Path out = dir.resolve("alpha.json");
    StringWriter stderr = new StringWriter();
    int exit =
        evaluate(
            new StringWriter(),
            stderr,
            "evaluate",
            "--dataset",
            "tcpd:" + calmTcpdFolder(),
            "--baselines-only",
            "--false-alarm-rate",
            "0.2",
            "--resamples",
            "10",
            "--out",
            out.toString());
    assertThat(exit).as(stderr.toString()).isZero();
    JsonNode series = new JsonMapper().readTree(out.toFile()).path("series");
    assertThat(series).isNotEmpty();
    for (JsonNode row : series) {
      assertThat(row.path("profile").path("false_alarm_rate").asDouble()).isEqualTo(0.2);
    }

    StringWriter badErr = new StringWriter();
    int bad =
        evaluate(
            new StringWriter(),
            badErr,
            "evaluate",
            "--synthetic",
            "2",
            "--baselines-only",
            "--false-alarm-rate",
            "0.7");
    assertThat(bad).isEqualTo(2);
    assertThat(badErr.toString()).contains("--false-alarm-rate must be in (0, 0.5), got 0.7");
  }

  @Test
  void aBadDatasetArgumentIsAUsageErrorNamingTheForms() {
    StringWriter stderr = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setErr(new PrintWriter(stderr));

    int exit = command.execute("evaluate", "--dataset", "ucr:somewhere");

    assertThat(exit).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(stderr.toString()).contains("unknown kind ucr").contains("nab:DIR, tcpd:DIR");
  }

  @Test
  void theGeometryReadsTheLayerItIsGiven() throws IOException {
    StringWriter stderr = new StringWriter();
    CommandLine command = commandWritingErrorsTo(stderr);

    int exit =
        command.execute(
            "evaluate",
            "--dataset",
            "tcpd:" + tcpdFolder(),
            "--limit-series",
            "1",
            "--layer",
            "attn_2");

    assertThat(exit).as(stderr.toString()).isZero();
    assertThat(stderr.toString()).contains("evaluate: isowatch-numeric-lm attn_2 on cpu");
  }

  @Test
  void scoresWithTheRiskModelItIsGivenAndRefusesAnEditedOne() throws IOException {
    Path constant = dir.resolve("constant-risk");
    RiskModel.constant().writeTo(constant, List.of());
    String artifact = RiskModel.constant().format();
    Path tcpd = tcpdFolder();
    StringWriter stderr = new StringWriter();
    List<String> slice =
        List.of(
            "evaluate", "--dataset", "tcpd:" + tcpd, "--limit-series", "1", "--resamples", "10");
    int bundled = evaluate(stderr, slice, "--scores", dir.resolve("bundled").toString());
    int given =
        evaluate(
            stderr,
            slice,
            "--scores",
            dir.resolve("given").toString(),
            "--risk-model",
            constant.toString());
    assertThat(bundled).as(stderr.toString()).isZero();
    assertThat(given).as(stderr.toString()).isZero();
    assertThat(stderr.toString()).contains("evaluate: risk model constant from " + constant);
    // the trust score follows the risk: a constant risk gives other per-step scores
    assertThat(isowatchScores(dir.resolve("given")))
        .isNotEqualTo(isowatchScores(dir.resolve("bundled")));

    Files.writeString(
        constant.resolve("risk-model.txt"), artifact.replace("intercept 0", "intercept 1"));
    StringWriter badErr = new StringWriter();
    int bad =
        evaluate(
            new StringWriter(),
            badErr,
            "evaluate",
            "--dataset",
            "tcpd:" + tcpd,
            "--risk-model",
            constant.toString());
    assertThat(bad).isEqualTo(2);
    assertThat(badErr.toString())
        .contains("--risk-model: " + constant)
        .contains("does not match its manifest");

    // one trained on another model's signals is refused before anything is scored
    Path minilm = dir.resolve("minilm-risk");
    String minilmLabel = ModelChoice.MINILM_INT8.manifest().label();
    RiskModel.constant().trainedOn(new TrainedOn(minilmLabel, 1)).writeTo(minilm, List.of());
    StringWriter misfitErr = new StringWriter();
    int misfit =
        evaluate(
            new StringWriter(),
            misfitErr,
            "evaluate",
            "--dataset",
            "tcpd:" + tcpd,
            "--risk-model",
            minilm.toString());
    assertThat(misfit).isEqualTo(2);
    assertThat(misfitErr.toString())
        .contains("--risk-model was trained on the signals of " + minilmLabel + " at horizon 1");
  }

  @Test
  void theAgentsLabelsFollowTheHorizonItForecastsAndTooFarIsAUsageError() throws IOException {
    Path file = HourlyCycleCsv.write(dir.resolve("load.csv"), 3, 3000, 3000, 0);
    Path out = dir.resolve("horizon.json");
    StringWriter stderr = new StringWriter();
    List<String> slice = List.of("evaluate", "--dataset", "csv:" + file);
    int exit =
        evaluate(stderr, slice, "--horizon", "8", "--resamples", "10", "--out", out.toString());
    assertThat(exit).as(stderr.toString()).isZero();
    // the bundled risk model was trained at horizon 1: judged with, and said so
    assertThat(stderr.toString())
        .contains("evaluate: note: the bundled risk model was trained on the signals of ")
        .contains("`isowatch train-risk --model numeric-lm --horizon 8 --out-dir DIR`");
    JsonNode labels = new JsonMapper().readTree(out.toFile()).path("series").get(0).path("labels");
    // the agent's forecasts are 8 steps ahead, asked of the model's forecast queries
    assertThat(labels.path("agent").path("horizon").asInt()).isEqualTo(8);
    assertThat(labels.path("agent").path("judged").asInt()).isPositive();

    StringWriter badErr = new StringWriter();
    int bad = evaluate(badErr, slice, "--horizon", "49");
    assertThat(bad).isEqualTo(2);
    assertThat(badErr.toString()).contains("--horizon: horizon must be at most 48");
  }

  /** {@code evaluate} with {@code args} and then {@code more}, standard output discarded. */
  private int evaluate(StringWriter stderr, List<String> args, String... more) {
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of(more));
    return evaluate(new StringWriter(), stderr, all.toArray(String[]::new));
  }

  /** The isowatch column of the one series' scores file under {@code scores}. */
  private static List<String> isowatchScores(Path scores) throws IOException {
    Path file;
    try (var files = Files.walk(scores)) {
      file = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(file);
    int column = List.of(lines.get(0).split(",")).indexOf("isowatch");
    assertThat(column).isPositive();
    return lines.stream().skip(1).map(line -> line.split(",", -1)[column]).toList();
  }

  @Test
  void anUnknownLayerOrALayerOfAnotherModelIsAUsageError() throws IOException {
    StringWriter stderr = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setErr(new PrintWriter(stderr));

    int unknown =
        command.execute("evaluate", "--dataset", "tcpd:" + tcpdFolder(), "--layer", "hidden_9");
    int minilm =
        command.execute(
            "evaluate",
            "--dataset",
            "tcpd:" + tcpdFolder(),
            "--model",
            "minilm-int8",
            "--layer",
            "hidden_1");

    assertThat(unknown).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(minilm).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(stderr.toString())
        .contains("--layer must be one of last_hidden_state, hidden_1, hidden_2")
        .contains("got hidden_9")
        .contains("--layer needs --model numeric-lm, got --model minilm-int8");
  }

  @Test
  void aMissingFolderIsBadInputNamingIt() {
    StringWriter stderr = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setErr(new PrintWriter(stderr));

    int exit =
        command.execute(
            "evaluate", "--baselines-only", "--dataset", "nab:" + dir.resolve("absent"));

    assertThat(exit).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(stderr.toString()).contains("absent does not exist");
  }
}
