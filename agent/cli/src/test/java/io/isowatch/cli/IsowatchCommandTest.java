package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsowatchCommandTest {

  @Test
  void versionFallsBackToDevOutsideAJar() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().strip()).isEqualTo("isowatch dev");
  }

  @Test
  void helpListsTheGeometrySubcommand() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: isowatch", "geometry");
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
