package io.isowatch.connectors.file;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The options every line-by-line file replay shares (CSV, JSONL): where the file is, how times
 * without an offset are read, how fast event time is replayed, who hears of progress, the clock of
 * malformed records and the longest line kept. Each replay's builder extends it with its own
 * options.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
public abstract class LineReplayBuilder<B extends LineReplayBuilder<B>> {
  /** Event time as fast as the consumer goes. */
  public static final double DEFAULT_SPEED_UP = 0;

  /** Characters of one line kept before it is a malformed record (1 Mi). */
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

  final Path path;
  ZoneId zone = TimestampParser.DEFAULT_ZONE;
  double speedUp = DEFAULT_SPEED_UP;
  ProgressListener progress = ProgressListener.NONE;
  Clock clock = Clock.systemUTC();
  int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

  LineReplayBuilder(Path path) {
    this.path = path;
  }

  /** The zone of times written without an offset; UTC by default. */
  public B zone(ZoneId zone) {
    this.zone = zone;
    return self();
  }

  /** Event time passes this many times faster than wall-clock time; 0 for as fast as possible. */
  public B speedUp(double speedUp) {
    this.speedUp = speedUp;
    return self();
  }

  /** Told every tenth of the file, and at the end. */
  public B progress(ProgressListener progress) {
    this.progress = progress;
    return self();
  }

  /** The clock of {@code rejectedAt} in malformed records. */
  public B clock(Clock clock) {
    this.clock = clock;
    return self();
  }

  /** Characters of a line kept; a longer line becomes a malformed record. */
  public B maxLineLength(int maxLineLength) {
    this.maxLineLength = maxLineLength;
    return self();
  }

  /** Checks the shared options, naming the first invalid one. */
  void requireSharedOptions() {
    ReplayOptions.require(speedUp, zone, progress, clock, maxLineLength);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
