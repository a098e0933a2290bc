package io.isowatch.connectors.file;

import io.isowatch.connectors.pacing.Pacer;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The loop both file replays share: read a line, let the format turn it into events, hold them back
 * until their event time is due at the chosen speed-up, hand them on, and report progress every
 * tenth of the file. Blank lines are counted and passed over; a line longer than the limit becomes
 * a malformed record. Each replay owns one instance.
 */
final class LineReplay {
  /** Turns one data line into events: observations, malformed records, or both. */
  @FunctionalInterface
  interface LineParser {
    List<SourceEvent> parse(long lineNumber, String line);
  }

  private final Path path;
  private final String sourceName;
  private final double speedUp;
  private final ProgressListener progress;
  private final int maxLineLength;
  private final Clock clock;
  private final Pacer pacer;

  LineReplay(
      Path path,
      double speedUp,
      ProgressListener progress,
      int maxLineLength,
      Clock clock,
      Pacer pacer) {
    this.path = path;
    this.sourceName = path.getFileName().toString();
    this.speedUp = speedUp;
    this.progress = progress;
    this.maxLineLength = maxLineLength;
    this.clock = clock;
    this.pacer = pacer;
  }

  /** Opens the file for reading as UTF-8; undecodable bytes become U+FFFD instead of failing. */
  LineReader open() throws IOException {
    return new LineReader(
        new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8), maxLineLength);
  }

  /** Replays the rest of {@code reader}; returns at its end or when the pacer is stopped. */
  void replay(LineReader reader, LineParser parser, Consumer<SourceEvent> downstream)
      throws IOException, InterruptedException {
    long totalBytes = Files.size(path);
    long startNanos = System.nanoTime();
    long rows = 0;
    long observations = 0;
    long malformed = 0;
    long blank = 0;
    int nextDecile = 1;
    Instant firstEventTime = null;
    long firstEventNanos = 0;
    String line;
    while (!pacer.stopped() && (line = reader.readLine()) != null) {
      long number = reader.lineNumber();
      List<SourceEvent> events;
      if (reader.truncated()) {
        rows++;
        events =
            List.of(
                malformed(
                    clock,
                    RejectionReason.UNPARSABLE,
                    Optional.empty(),
                    line,
                    number,
                    "longer than "
                        + maxLineLength
                        + " characters; kept the first "
                        + maxLineLength));
      } else if (line.isBlank()) {
        blank++;
        events = List.of();
      } else {
        rows++;
        events = parser.parse(number, line);
      }
      for (SourceEvent event : events) {
        if (event instanceof SourceEvent.Parsed parsed) {
          if (speedUp > 0) {
            Instant time = parsed.observation().eventTime();
            if (firstEventTime == null) {
              firstEventTime = time;
              firstEventNanos = System.nanoTime();
            } else if (!pacer.awaitNanos(firstEventNanos + wallNanos(firstEventTime, time))) {
              break;
            }
          }
          observations++;
        } else {
          malformed++;
        }
        downstream.accept(event);
      }
      if (totalBytes > 0 && reader.bytesRead() * 10 >= nextDecile * totalBytes) {
        progress.onProgress(
            new ReplayProgress(
                sourceName,
                rows,
                observations,
                malformed,
                blank,
                reader.bytesRead(),
                totalBytes,
                Duration.ofNanos(System.nanoTime() - startNanos),
                false));
        nextDecile = (int) Math.min(10, reader.bytesRead() * 10 / totalBytes) + 1;
      }
    }
    progress.onProgress(
        new ReplayProgress(
            sourceName,
            rows,
            observations,
            malformed,
            blank,
            reader.bytesRead(),
            totalBytes,
            Duration.ofNanos(System.nanoTime() - startNanos),
            true));
  }

  /** Wall-clock nanoseconds from the first event to {@code time}, at the speed-up; 0 if earlier. */
  private long wallNanos(Instant first, Instant time) {
    Duration gap = Duration.between(first, time);
    if (gap.isNegative()) {
      return 0;
    }
    double nanos = (gap.getSeconds() * 1e9 + gap.getNano()) / speedUp;
    return (long) Math.min(nanos, Long.MAX_VALUE / 4.0);
  }

  /**
   * A malformed record for a line: the line as read is the original, and the detail starts with
   * {@code "line N: "}.
   */
  static SourceEvent.Malformed malformed(
      Clock clock,
      RejectionReason reason,
      Optional<String> feedId,
      String line,
      long lineNumber,
      String detail) {
    return new SourceEvent.Malformed(
        new Rejection(reason, feedId, line, "line " + lineNumber + ": " + detail, clock.instant()));
  }
}
