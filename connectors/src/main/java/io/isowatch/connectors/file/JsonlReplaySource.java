package io.isowatch.connectors.file;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.pacing.Pacer;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Replays a JSON Lines file, one observation per line, in file order, streaming it line by line.
 *
 * <pre>{@code
 * // {"feed": "load", "time": "2017-01-01T00:00:00Z", "value": 76259}
 * // {"feed": "load", "time": 1483232400000, "value": 72912}
 * JsonlReplaySource source = JsonlReplaySource.builder(Path.of("load.jsonl")).speedUp(60).build();
 * }</pre>
 *
 * <p><b>Fields</b> are those of {@link ObservationJson}. {@code feed}: a non-blank string. {@code
 * time}: an integer (epoch milliseconds) or a string read by {@link TimestampParser} (ISO-8601 with
 * or without zone, dates, epoch numbers; zoneless times in UTC unless {@link Builder#zone} says
 * otherwise). {@code value}: a number, or a string holding one; {@code NaN} and infinities ({@code
 * NaN}, {@code "nan"}, {@code "-Infinity"}) are passed on as observations for the windowing step to
 * reject. Other fields are ignored. The three names can be changed.
 *
 * <p><b>Bad lines.</b> Nothing is thrown or dropped silently: a line that is not one JSON object,
 * or whose field has the wrong type or an unreadable time or value, becomes a {@link
 * SourceEvent.Malformed} with reason {@code UNPARSABLE}; a field that is absent, null or blank
 * gives {@code MISSING_FIELD}. The rejection carries the feed when it could be read, the line as
 * read, and a detail starting with {@code "line N: "}. Blank lines are counted in the progress
 * reports and passed over. The replay goes on after every bad line.
 *
 * <p>Pace, progress, memory and {@link #close()} behave as in {@link CsvReplaySource}.
 */
public final class JsonlReplaySource implements ObservationSource {
  public static final String DEFAULT_FEED_FIELD = ObservationJson.DEFAULT_FEED_FIELD;
  public static final String DEFAULT_TIME_FIELD = ObservationJson.DEFAULT_TIME_FIELD;
  public static final String DEFAULT_VALUE_FIELD = ObservationJson.DEFAULT_VALUE_FIELD;

  /** Replay as fast as possible. */
  public static final double DEFAULT_SPEED_UP = LineReplayBuilder.DEFAULT_SPEED_UP;

  /** Characters of a line kept; a longer line is malformed. */
  public static final int DEFAULT_MAX_LINE_LENGTH = LineReplayBuilder.DEFAULT_MAX_LINE_LENGTH;

  private final Path path;
  private final ObservationJson codec;
  private final double speedUp;
  private final Clock clock;
  private final Pacer pacer = new Pacer();
  private final LineReplay replay;

  private JsonlReplaySource(Builder builder, ObservationJson codec) {
    this.path = builder.path;
    this.codec = codec;
    this.speedUp = builder.speedUp;
    this.clock = builder.clock;
    this.replay =
        new LineReplay(
            builder.path, builder.speedUp, builder.progress, builder.maxLineLength, clock, pacer);
  }

  /** A builder for the file at {@code path}. */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  /**
   * Emits the file's observations and malformed records in file order, then returns; returns early
   * once {@link #close()} is called.
   *
   * @throws IOException if the file cannot be read
   */
  @Override
  public void run(Consumer<SourceEvent> downstream) throws IOException, InterruptedException {
    try (LineReader reader = replay.open()) {
      replay.replay(reader, this::parse, downstream);
    }
  }

  private List<SourceEvent> parse(long number, String line) {
    ObservationJson.Decoded decoded = codec.decode(line);
    if (decoded instanceof ObservationJson.Decoded.Invalid invalid) {
      return List.of(
          LineReplay.malformed(
              clock, invalid.reason(), invalid.feedId(), line, number, invalid.detail()));
    }
    return List.of(new SourceEvent.Parsed(((ObservationJson.Decoded.Valid) decoded).observation()));
  }

  @Override
  public String describe() {
    String pace =
        speedUp > 0
            ? "x" + (speedUp == Math.rint(speedUp) ? String.valueOf((long) speedUp) : speedUp)
            : "as fast as possible";
    return "jsonl replay of " + path + " (" + pace + ")";
  }

  /** Stops {@link #run}, also while it waits for an event time; it cannot be restarted. */
  @Override
  public void close() {
    pacer.stop();
  }

  public Path path() {
    return path;
  }

  public double speedUp() {
    return speedUp;
  }

  /** Builds a {@link JsonlReplaySource}; every option starts at its {@code DEFAULT_}. */
  public static final class Builder extends LineReplayBuilder<Builder> {
    private final ObservationJson.Builder codec = ObservationJson.builder();

    private Builder(Path path) {
      super(path);
    }

    /** The name of the field holding the feed id. */
    public Builder feedField(String feedField) {
      codec.feedField(feedField);
      return this;
    }

    /** The name of the field holding the event time. */
    public Builder timeField(String timeField) {
      codec.timeField(timeField);
      return this;
    }

    /** The name of the field holding the value. */
    public Builder valueField(String valueField) {
      codec.valueField(valueField);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first invalid option, or when the file is missing
     */
    public JsonlReplaySource build() {
      Objects.requireNonNull(path, "path");
      ObservationJson built = codec.zone(zone).build();
      requireSharedOptions();
      ReplayOptions.requireReadable(path);
      return new JsonlReplaySource(this, built);
    }
  }
}
