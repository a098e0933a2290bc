package io.isowatch.connectors.sink;

import java.time.Duration;

/**
 * Bounds of a {@link DeadLetterFileSink}: how soon lines reach the disk, how large the file and its
 * rotated copies grow, and how fast a flood of rejections may write.
 *
 * @param flushInterval lines are forced to the disk at least this often, so a crash loses at most
 *     the lines of the last interval
 * @param maxFileBytes beyond this size the file is rotated to {@code FILE.1} ({@code FILE.1} to
 *     {@code FILE.2}, and so on)
 * @param rotatedFiles rotated copies kept; the oldest is deleted, so the disk holds at most {@code
 *     (rotatedFiles + 1) * maxFileBytes}
 * @param burstBytes bytes that may be written at once after a quiet spell
 * @param bytesPerSecond bytes per second sustained; in any t seconds the file grows by at most
 *     {@code burstBytes + bytesPerSecond * t}, whatever arrives. Dead letters over it are counted
 *     ({@link DeadLetterFileSink.Stats#dropped()}), not written.
 * @param maxFieldChars the original record, the detail and the feed id are each cut to this many
 *     characters (marked with {@code ...}), so one line is at most a few KiB
 */
public record DeadLetterLimits(
    Duration flushInterval,
    long maxFileBytes,
    int rotatedFiles,
    long burstBytes,
    long bytesPerSecond,
    int maxFieldChars) {
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
  public static final int DEFAULT_ROTATED_FILES = 2;
  public static final long DEFAULT_BURST_BYTES = 1L << 20;
  public static final long DEFAULT_BYTES_PER_SECOND = 256L << 10;
  public static final int DEFAULT_MAX_FIELD_CHARS = 1024;

  /** The bounds, each checked; an IllegalArgumentException names the first one at fault. */
  public DeadLetterLimits {
    if (flushInterval == null || flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
    }
    atLeast("maxFileBytes", maxFileBytes, 1024);
    atLeast("rotatedFiles", rotatedFiles, 0);
    atLeast("burstBytes", burstBytes, 1024);
    atLeast("bytesPerSecond", bytesPerSecond, 1);
    atLeast("maxFieldChars", maxFieldChars, 16);
  }

  public static DeadLetterLimits defaults() {
    return new DeadLetterLimits(
        DEFAULT_FLUSH_INTERVAL,
        DEFAULT_MAX_FILE_BYTES,
        DEFAULT_ROTATED_FILES,
        DEFAULT_BURST_BYTES,
        DEFAULT_BYTES_PER_SECOND,
        DEFAULT_MAX_FIELD_CHARS);
  }

  private static void atLeast(String name, long value, long least) {
    if (value < least) {
      throw new IllegalArgumentException(name + " must be at least " + least + ", got " + value);
    }
  }
}
