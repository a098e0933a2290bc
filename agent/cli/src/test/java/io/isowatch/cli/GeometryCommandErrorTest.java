package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeometryCommandErrorTest {
  private static final String PREFIX = "isowatch geometry: ";

  @TempDir Path dir;

  /**
   * One bad input. {@code vectors} or {@code labels} null means that file does not exist; {@code
   * labels} is only passed when {@code withLabels}.
   */
  record Case(
      String name, String vectors, boolean withLabels, String labels, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String GOOD = "1,2,3\n4,5,6\n7,8,9\n";

  static Stream<Case> badInputs() {
    return Stream.of(
        vectors(
            "ragged line, after a blank line",
            "1,2,3\n4,5,6\n\n7,8\n",
            "line 4: expected 3 values like line 1, found 2"),
        vectors(
            "ragged line measured against the first data line",
            "\n\n1,2\n3,4,5\n",
            "line 4: expected 2 values like line 3, found 3"),
        vectors("not a number", "1,2,3\n4,abc,6\n", "line 2, column 2: \"abc\" is not a number"),
        vectors("NaN", "1,2\n3,4\nNaN,5\n", "line 3, column 1: value is not finite (NaN)"),
        vectors(
            "negative infinity",
            "1,2\n3, -Infinity\n",
            "line 2, column 2: value is not finite (-Infinity)"),
        vectors(
            "overflow to infinity",
            "1,2\n3,1e999\n",
            "line 2, column 2: value is not finite (\"1e999\" reads as Infinity)"),
        vectors("empty cell", "1,,2\n3,4,5\n", "line 1, column 2: empty value"),
        vectors("trailing comma", "1,2\n3,4,\n", "line 2: expected 2 values like line 1, found 3"),
        vectors("blank cell", "1, ,2\n3,4,5\n", "line 1, column 2: empty value"),
        vectors("one vector", "1,2,3\n", "the cloud needs at least 2 vectors, found 1"),
        vectors("empty file", "", "the cloud needs at least 2 vectors, found 0"),
        vectors("only blank lines", "\n  \n\n", "the cloud needs at least 2 vectors, found 0"),
        vectors("missing vectors file", null, "cannot read", "cloud.csv", "no such file"),
        labels(
            "non-integer label",
            "0\n1.5\n2\n",
            "labels.txt: line 2: \"1.5\" is not an integer label"),
        labels("word as label", "0\n\n1\nx\n", "line 4: \"x\" is not an integer label"),
        labels("too few labels", "0\n1\n", "has 2 labels", "has 3 vectors"),
        labels("too many labels", "0\n1\n1\n0\n", "has 4 labels", "has 3 vectors"),
        labels("missing labels file", null, "cannot read", "labels.txt", "no such file"));
  }

  private static Case vectors(String name, String vectors, String... expected) {
    return new Case(name, vectors, false, null, List.of(expected));
  }

  private static Case labels(String name, String labels, String... expected) {
    return new Case(name, GOOD, true, labels, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputExitsWithCodeTwoAndOneMessageOnStandardError(Case bad) throws IOException {
    List<String> args = new ArrayList<>(List.of("geometry", "--input"));
    args.add(file("cloud.csv", bad.vectors()).toString());
    if (bad.withLabels()) {
      args.add("--labels");
      args.add(file("labels.txt", bad.labels()).toString());
    }

    Cli.Result result = Cli.run(args.toArray(new String[0]));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(PREFIX).endsWith(System.lineSeparator());
    assertThat(result.err().lines()).hasSize(1);
    for (String fragment : bad.expected()) {
      assertThat(result.err()).contains(fragment);
    }
  }

  @Test
  void directoryAsInputIsBadInput() {
    Cli.Result result = Cli.run("geometry", "--input", dir.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith(PREFIX).contains(dir.toString(), "directory");
  }

  @Test
  void missingInputOptionIsAUsageError() {
    Cli.Result result = Cli.run("geometry");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("Missing required option", "--input", "Usage:");
  }

  @Test
  void nonNumericSeedIsAUsageError() throws IOException {
    Path input = Cli.write(dir, "cloud.csv", GOOD);

    Cli.Result result = Cli.run("geometry", "--input", input.toString(), "--seed", "abc");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("--seed", "abc");
  }

  private Path file(String name, String text) throws IOException {
    return text == null ? dir.resolve(name) : Cli.write(dir, name, text);
  }
}
