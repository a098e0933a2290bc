package io.isowatch.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.testkit.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM writes dead letters and is killed with SIGKILL, as {@code kill -9} would. */
class DeadLetterDurabilityTest {
  @TempDir Path dir;

  @Test
  void deadLettersReachTheFileWithoutAFlushOrCloseAndSurviveKillMinus9() throws Exception {
    Path file = dir.resolve("dead-letters.jsonl");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DeadLetterCrashChild.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("written");
      // the sink flushes on its own within its flush interval; before, the lines sat in a
      // buffer of the child's heap until a flush or close that a crash never makes
      Await.until("ten dead letters on disk", Duration.ofSeconds(30), () -> lineCount(file) == 10);
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(10);
    for (String line : lines) {
      assertThat(RejectionJson.fromLine(line).detail()).endsWith("value is not finite");
    }
  }

  private static int lineCount(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  @Test
  void aFloodOfTinyRejectionsDoesNotAmplifyIntoTheFile() throws Exception {
    // a 1 MiB body of "a\n" lines: 524,288 rejections of one character each
    Path file = dir.resolve("flood.jsonl");
    int lines = 524_288;
    // the budget's clock stands still, so what is written does not depend on this machine's speed
    try (DeadLetterFileSink sink =
        DeadLetterFileSink.open(file, DeadLetterLimits.defaults(), () -> 0L)) {
      for (int i = 0; i < lines; i++) {
        sink.accept(
            new io.isowatch.core.feed.Rejection(
                io.isowatch.core.feed.RejectionReason.UNPARSABLE,
                java.util.Optional.of("cpu"),
                "a",
                "line " + (i + 1) + ": neither a JSON object nor a number",
                java.time.Instant.parse("2026-01-01T00:00:00Z")));
      }
      assertThat(sink.stats().written() + sink.stats().dropped()).isEqualTo(lines);
      assertThat(sink.stats().dropped()).isPositive();
    }
    // before: 83.8 MB; now at most the burst allowance (the rate adds 256 KiB a second)
    assertThat(Files.size(file)).isLessThanOrEqualTo(DeadLetterLimits.DEFAULT_BURST_BYTES);
  }
}
