package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's main command, shortened: real model, real pipeline, real metrics endpoint. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void runsEndToEndAndComparesAlertsWithTheInjectedChanges() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = IsowatchCommand.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    Path deadLetters = dir.resolve("dead.jsonl");

    int exit =
        command.execute(
            "demo",
            "--feeds",
            "2",
            "--length",
            "700",
            "--window",
            "32",
            "--stride",
            "8",
            "--metrics-port",
            "0",
            "--dead-letters",
            deadLetters.toString());

    assertThat(exit).as(err.toString()).isZero();
    String text = out.toString();
    assertThat(text)
        .contains("isowatch demo: 2 feeds x 700 observations, all-minilm-l6-v2 int8 on cpu")
        .containsPattern("metrics: http://localhost:\\d+/metrics")
        .contains("memory per feed:")
        .containsPattern("detected \\d of 2 injected changes");
    // One summary row per injected change, one change per feed.
    assertThat(text.lines().filter(line -> line.startsWith("synthetic-"))).hasSize(2);
    // Synthetic feeds are clean: nothing was set aside.
    assertThat(Files.readAllLines(deadLetters)).isEmpty();
  }
}
