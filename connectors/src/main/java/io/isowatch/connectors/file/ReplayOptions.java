package io.isowatch.connectors.file;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/** Checks of the options both file replays share, with messages that name the option. */
final class ReplayOptions {
  private ReplayOptions() {}

  static void require(
      double speedUp, ZoneId zone, ProgressListener progress, Clock clock, int maxLineLength) {
    if (!(speedUp >= 0) || Double.isInfinite(speedUp)) {
      throw new IllegalArgumentException("speedUp must be finite and at least 0, got " + speedUp);
    }
    if (zone == null) {
      throw new IllegalArgumentException("zone must not be null");
    }
    if (progress == null) {
      throw new IllegalArgumentException("progress must not be null");
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    if (maxLineLength < 1) {
      throw new IllegalArgumentException("maxLineLength must be at least 1, got " + maxLineLength);
    }
  }

  static void requireReadable(Path path) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException("path must be a readable file, got " + path);
    }
  }

  /** The first line of a CSV file: its header. */
  static String firstLine(Path path) {
    requireReadable(path);
    try (LineReader reader =
        new LineReader(
            new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8),
            CsvReplaySource.DEFAULT_MAX_LINE_LENGTH)) {
      String header = reader.readLine();
      if (header == null || header.isBlank()) {
        throw new IllegalArgumentException(path + " has no header line");
      }
      return header;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
