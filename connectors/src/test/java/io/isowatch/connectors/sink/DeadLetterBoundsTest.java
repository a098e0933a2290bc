package io.isowatch.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size, rate and field bounds of the dead-letter file, with the budget's clock in hand. */
class DeadLetterBoundsTest {
  @TempDir Path dir;

  private final AtomicLong nanos = new AtomicLong();

  private static Rejection rejection(int i, String original) {
    return new Rejection(
        RejectionReason.UNPARSABLE,
        Optional.of("cpu"),
        original,
        "line " + i + ": neither a JSON object nor a number",
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static DeadLetterLimits limits(long maxFileBytes, int rotated, long burst, long rate) {
    return new DeadLetterLimits(Duration.ofSeconds(1), maxFileBytes, rotated, burst, rate, 64);
  }

  @Test
  void overTheBudgetDeadLettersAreCountedNotWrittenAndTheRateRefillsIt() throws Exception {
    Path file = dir.resolve("dl.jsonl");
    try (DeadLetterFileSink sink =
        DeadLetterFileSink.open(file, limits(1 << 20, 1, 4096, 1024), nanos::get)) {
      for (int i = 0; i < 1000; i++) {
        sink.accept(rejection(i, "a"));
      }
      DeadLetterFileSink.Stats flood = sink.stats();
      assertThat(flood.written() + flood.dropped()).isEqualTo(1000);
      assertThat(flood.dropped()).isPositive();
      sink.flush();
      assertThat(Files.size(file)).isLessThanOrEqualTo(4096);

      nanos.addAndGet(Duration.ofSeconds(2).toNanos()); // 2 s refill 2048 bytes
      sink.accept(rejection(1001, "b"));
      sink.flush();
      assertThat(sink.stats().written()).isEqualTo(flood.written() + 1);
      assertThat(Files.size(file)).isLessThanOrEqualTo(4096 + 2048);
    }
  }

  @Test
  void theFileIsRotatedAndTheOldestCopyDeleted() throws Exception {
    Path file = dir.resolve("dl.jsonl");
    try (DeadLetterFileSink sink =
        DeadLetterFileSink.open(file, limits(2048, 2, 1 << 20, 1 << 20), nanos::get)) {
      for (int i = 0; i < 200; i++) {
        sink.accept(rejection(i, "x"));
      }
      assertThat(sink.stats().rotations()).isGreaterThan(2);
      assertThat(sink.stats().written()).isEqualTo(200);
    }
    assertThat(Files.size(file)).isLessThanOrEqualTo(2048);
    assertThat(Files.size(dir.resolve("dl.jsonl.1"))).isLessThanOrEqualTo(2048);
    assertThat(Files.size(dir.resolve("dl.jsonl.2"))).isLessThanOrEqualTo(2048);
    assertThat(dir.resolve("dl.jsonl.3")).doesNotExist();
    List<String> newest = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(RejectionJson.fromLine(newest.get(newest.size() - 1)).detail())
        .startsWith("line 199");
  }

  @Test
  void longFieldsAreCutSoOneLineStaysSmall() throws Exception {
    Path file = dir.resolve("dl.jsonl");
    try (DeadLetterFileSink sink =
        DeadLetterFileSink.open(file, limits(1 << 20, 1, 1 << 20, 1 << 20), nanos::get)) {
      sink.accept(rejection(1, "9".repeat(200_000)));
      assertThat(sink.stats().truncated()).isEqualTo(1);
    }
    Rejection kept = RejectionJson.fromLine(Files.readAllLines(file).get(0));
    assertThat(kept.original()).hasSize(64).endsWith("...");
    assertThat(Files.size(file)).isLessThan(512);
  }

  @Test
  void limitsAreChecked() {
    assertThatThrownBy(() -> limits(1 << 20, 1, 4096, 0))
        .hasMessage("bytesPerSecond must be at least 1, got 0");
    assertThatThrownBy(() -> new DeadLetterLimits(Duration.ZERO, 1 << 20, 1, 4096, 1024, 64))
        .hasMessage("flushInterval must be positive, got PT0S");
  }
}
