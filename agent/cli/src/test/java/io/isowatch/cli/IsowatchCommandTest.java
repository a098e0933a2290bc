package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class IsowatchCommandTest {

  @Test
  void versionFallsBackToDevOutsideAJar() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).isEqualTo("isowatch dev");
  }

  /**
   * Every description of every command, as written in its annotations, formats as picocli formats
   * it ({@link String#format}): a '%' not doubled ("90% intervals") makes picocli warn on standard
   * error at each help and print the text raw.
   */
  @Test
  void everyDescriptionFormatsAsPicocliFormatsIt() {
    List<String> descriptions = new ArrayList<>();
    collectDescriptions(IsowatchCommand.commandLine(), descriptions);
    assertThat(descriptions).hasSizeGreaterThan(50);
    for (String description : descriptions) {
      assertThatCode(() -> String.format(description)).as(description).doesNotThrowAnyException();
    }
  }

  private static void collectDescriptions(CommandLine command, List<String> descriptions) {
    Class<?> type = command.getCommandSpec().userObject().getClass();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Optional.ofNullable(c.getAnnotation(Command.class))
          .ifPresent(a -> descriptions.addAll(List.of(a.description())));
      for (Field field : c.getDeclaredFields()) {
        Optional.ofNullable(field.getAnnotation(Option.class))
            .ifPresent(a -> descriptions.addAll(List.of(a.description())));
        Optional.ofNullable(field.getAnnotation(Parameters.class))
            .ifPresent(a -> descriptions.addAll(List.of(a.description())));
      }
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      collectDescriptions(sub, descriptions);
    }
  }

  @Test
  void helpListsTheSubcommands() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: isowatch", "demo", "replay", "run", "geometry");
  }

  @Test
  void replayHelpDescribesItsOptions() {
    Cli.Result result = Cli.run("replay", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "FILE...",
            "--column=NAME",
            "--key-column=NAME",
            "--time-column=NAME",
            "--speed=X",
            "--model",
            "--device",
            "--window",
            "--stride",
            "--metrics-port",
            "--dead-letters=FILE",
            "--alerts-jsonl=FILE",
            "--[no-]progress");
  }

  @Test
  void runHelpDescribesItsOptions() {
    Cli.Result result = Cli.run("run", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--config=FILE", "--print-reference");
  }

  @Test
  void enumOptionsTakeLowerCaseValues() {
    Cli.Result result = Cli.run("replay", "--model=fp32", "--device=auto", "--help");

    assertThat(result.exitCode()).isZero();
  }

  @Test
  void aFalseAlarmRateOutOfTheCoresRangeIsAUsageErrorNamingTheOption() {
    Cli.Result result = Cli.run("replay", "--false-alarm-rate=0.7", "no-such-file.csv");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--false-alarm-rate must be in (0, 0.5), got 0.7");
  }

  @Test
  void theModelOptionNamesTheBundledModelsWhenItKnowsNone() {
    Cli.Result result = Cli.run("replay", "--model=int4", "no-such-file.csv");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("expected one of numeric-lm, minilm-int8, minilm-fp32, got int4");
  }

  @Test
  void geometryHelpDescribesItsOptions() {
    Cli.Result result = Cli.run("geometry", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("--input=FILE", "--labels=FILE", "--seed=N", "--no-clusters", "default: 42");
  }

  @Test
  void noSubcommandIsAUsageError() {
    Cli.Result result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("Usage: isowatch");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Cli.Result result = Cli.run("nonsense");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("nonsense");
  }
}
