package io.isowatch.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/** A test series as CSV ({@code time,load}): hourly values of a noisy daily cycle around 50. */
final class HourlyCycleCsv {
  private HourlyCycleCsv() {}

  /**
   * Writes {@code length} values to {@code file}, each raised by {@code step} after index {@code
   * stepAfter} (none when it is the length or more).
   */
  static Path write(Path file, long seed, int length, int stepAfter, double step)
      throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("time,load\n");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < length; i++) {
      double value =
          50
              + 10 * Math.sin(2 * Math.PI * i / 24)
              + random.nextGaussian()
              + (i > stepAfter ? step : 0);
      csv.append(start.plusSeconds(3600L * i)).append(String.format(Locale.ROOT, ",%.4f%n", value));
    }
    return Files.writeString(file, csv);
  }
}
