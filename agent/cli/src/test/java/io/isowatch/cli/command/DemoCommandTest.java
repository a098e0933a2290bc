package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.cli.Cli;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isowatch demo} through the shared wiring, kept short; and the wiring's start failures. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void aShortDemoRunsAndComparesAlertsWithTheInjectedChanges() {
    Cli.Result result =
        Cli.run(
            "demo",
            "--feeds=1",
            "--length=120",
            "--window=16",
            "--stride=8",
            "--metrics-port=0",
            "--dead-letters=" + dir.resolve("dead.jsonl"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "isowatch demo: 1 feeds x 120 observations, isowatch-numeric-lm last_hidden_state on cpu,"
                + " window 16 / stride 8",
            "metrics: http://localhost:",
            "memory per feed: ",
            "processed in ",
            "synthetic-0",
            "level_shift",
            "injected changes",
            // 120 values cannot alert: the demo says so rather than look healthy
            "warm-up: 0 feeds active, 1 warming up (cannot alert yet: no alert is no sign of"
                + " health)",
            "  synthetic-0: warming up: the trust score needs ");
    assertThat(dir.resolve("dead.jsonl"))
        .as("the demo's records are all good: no dead-letter file")
        .doesNotExist();
  }

  @Test
  void aMetricsPortInUseIsBadInputAndLeavesNothingOpen() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Cli.Result result =
          Cli.run(
              "demo",
              "--feeds=1",
              "--length=20",
              "--metrics-port=" + taken.getLocalPort(),
              "--dead-letters=" + dir.resolve("dead.jsonl"));

      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .startsWith("isowatch demo: cannot serve metrics on port " + taken.getLocalPort());
      assertThat(dir.resolve("dead.jsonl")).doesNotExist();
    }
  }
}
