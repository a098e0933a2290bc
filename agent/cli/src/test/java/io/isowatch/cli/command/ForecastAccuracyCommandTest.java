package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.cli.IsowatchCommand;
import io.isowatch.model.embed.NumericLanguageModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code isowatch forecast-accuracy} on an M4-layout folder written by the test. */
class ForecastAccuracyCommandTest {
  private static final String NOT_TRAINED =
      "the bundled numeric LM was not trained with forecast queries (its manifest.json names"
          + " none): use --roll-out median|mean|sampled";

  @TempDir Path dir;

  /** Two noisy daily cycles: seasonal naive is close on the test values, last value is not. */
  private void writeM4() throws IOException {
    StringBuilder train = new StringBuilder("\"V1\"");
    StringBuilder test = new StringBuilder("\"V1\"");
    for (int i = 0; i < 120; i++) {
      train.append(",\"V").append(i + 2).append('"');
    }
    for (int i = 0; i < 48; i++) {
      test.append(",\"V").append(i + 2).append('"');
    }
    train.append('\n');
    test.append('\n');
    java.util.Random random = new java.util.Random(3);
    for (int s = 0; s < 2; s++) {
      train.append("\"H").append(2 * s + 2).append('"');
      test.append("\"H").append(2 * s + 2).append('"');
      for (int i = 0; i < 168; i++) {
        double v = 100 + 10 * s + 20 * Math.sin(2 * Math.PI * i / 24) + random.nextGaussian();
        String cell = String.format(Locale.ROOT, ",\"%.3f\"", v);
        (i < 120 ? train : test).append(cell);
      }
      train.append('\n');
      test.append('\n');
    }
    Files.writeString(dir.resolve("Hourly-train.csv"), train);
    Files.writeString(dir.resolve("Hourly-test.csv"), test);
  }

  /** What one run of the command printed, and its exit code. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void scoresTheM4TaskAgainstTheNaiveForecasters() throws IOException {
    writeM4();
    Run result = run("forecast-accuracy", "--m4", dir.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("M4 hourly (2 series)")
        .contains("| model |")
        .doesNotContain("NaN")
        .doesNotContain("Infinity")
        // relative to itself, seasonal naive is 1 on every series
        .containsPattern("\\| seasonal_naive \\| [0-9.]+ \\| 1\\.000 \\| 2 \\|");
    // on a cycle of amplitude 20 with noise 1, holding the last value is far worse
    java.util.regex.Matcher lastValue =
        java.util.regex.Pattern.compile("\\| last_value \\| [0-9.]+ \\| ([0-9.]+) \\|")
            .matcher(result.out());
    assertThat(lastValue.find()).isTrue();
    assertThat(Double.parseDouble(lastValue.group(1))).isGreaterThan(2.0);
  }

  @Test
  void aContextBeyondTheModelsPositionsIsAUsageError() throws IOException {
    writeM4();
    Run result = run("forecast-accuracy", "--m4", dir.toString(), "--context", "129");

    assertThat(result.exit()).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(result.err()).contains("--context must be 1 to 128, not 129");
  }

  /**
   * With an export trained for forecast queries (its manifest.json names them), they score the same
   * task; with one not trained for them, asking is a usage error rather than scoring noise.
   */
  @Test
  void theForecastQueriesScoreTheSameTask() throws IOException {
    writeM4();
    Run result = run("forecast-accuracy", "--m4", dir.toString(), "--roll-out", "queries");

    if (NumericLanguageModel.answersForecastQueries()) {
      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out())
          .contains("M4 hourly (2 series)")
          .containsPattern("\\| model \\| [0-9.]+ \\| [0-9.]+ \\| 2 \\|")
          .containsPattern("\\| seasonal_naive \\| [0-9.]+ \\| 1\\.000 \\| 2 \\|");
    } else {
      assertThat(result.exit()).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
      assertThat(result.err()).contains(NOT_TRAINED);
      assertThat(result.out()).isEmpty();
    }
  }

  @Test
  void queriesThatWouldOutrunTheModelsPositionsAreAUsageError() throws IOException {
    writeM4();
    Run result =
        run(
            "forecast-accuracy",
            "--m4",
            dir.toString(),
            "--roll-out",
            "queries",
            "--context",
            "96");

    assertThat(result.exit()).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(result.err())
        .contains(
            NumericLanguageModel.answersForecastQueries()
                ? "--context must be at most 81, not 96"
                : NOT_TRAINED);
  }

  @Test
  void withoutDataItIsAUsageError() {
    Run result = run("forecast-accuracy");

    assertThat(result.exit()).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(result.err()).contains("give at least one --dataset or --m4");
  }
}
