package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path folder;

  /**
   * A shell's pipeline is what the compose producer runs; stopping the shell alone left its
   * pipeline running, reparented, after the test (a console producer per run, retrying for ever).
   */
  @Test
  void closingAScriptStopsThePipelineItStarted() throws Exception {
    Path script = folder.resolve("pipeline.sh");
    Files.writeString(script, "#!/bin/sh\nsleep 300 | cat\n");
    ChildProcess shell = ChildProcess.start("pipeline", List.of("sh", script.toString()), folder);
    List<ProcessHandle> pipeline = awaitDescendants(2);

    shell.close();

    for (ProcessHandle process : pipeline) {
      process.onExit().get(10, TimeUnit.SECONDS);
      assertThat(process.isAlive()).as("%s", process.info().command()).isFalse();
    }
  }

  /** The sleep and the cat of this test's shell, once both have started. */
  private static List<ProcessHandle> awaitDescendants(int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      List<ProcessHandle> pipeline =
          ProcessHandle.current()
              .descendants()
              .filter(
                  p -> command(p).filter(c -> c.endsWith("sleep") || c.endsWith("cat")).isPresent())
              .toList();
      if (pipeline.size() >= count) {
        return pipeline;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the pipeline did not start");
  }

  private static Optional<String> command(ProcessHandle process) {
    return process.info().command();
  }
}
