package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isowatch} as a user starts it, in its own JVM through {@code main}: a CPU run says nothing
 * about CUDA more than once, and a run without rejected records leaves no file in the working
 * folder.
 */
class StartupNoiseTest {
  @TempDir Path dir;

  @Test
  void aCpuRunWarnsAboutCudaAtMostOnceAndLeavesNoStrayFile() throws Exception {
    Path input = dir.resolve("in.jsonl");
    Instant start = Instant.now().minusSeconds(3600);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      lines.append(
          "{\"feed\":\"f\",\"time\":\"" + start.plusSeconds(60L * i) + "\",\"value\":" + i + "}\n");
    }
    Files.writeString(input, lines, StandardCharsets.UTF_8);
    Path work = Files.createDirectory(dir.resolve("work"));
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                IsowatchCommand.class.getName(),
                "watch",
                "--stdin",
                "--metrics-port",
                "0")
            .directory(work.toFile())
            .redirectInput(input.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(err.toFile())
            .start();

    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
    String stderr = Files.readString(err);
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("summary: 5 observations");
    assertThat(stderr.lines().filter(line -> line.contains("CUDA")).count())
        .as(stderr)
        .isLessThanOrEqualTo(1);
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).as("files left in the working folder").isEmpty();
    }
  }
}
