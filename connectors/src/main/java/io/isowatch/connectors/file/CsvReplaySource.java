package io.isowatch.connectors.file;

import io.isowatch.connectors.pacing.Pacer;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replays a CSV file with a header line as observations, in file order, streaming it line by line.
 *
 * <pre>{@code
 * // NAB: timestamp,value -> feed "ec2_cpu_utilization_24ae8d"
 * CsvReplaySource nab = CsvReplaySource.builder(Path.of("ec2_cpu_utilization_24ae8d.csv")).build();
 * // ETTh1: date,HUFL,...,OT -> feed "ETTh1/OT", replayed 3600 times faster than real time
 * CsvReplaySource ett =
 *     CsvReplaySource.builder(Path.of("ETTh1.csv")).valueColumns("OT").speedUp(3600).build();
 * // long format: Date,Country,Exchange rate -> one feed per country
 * CsvReplaySource fx =
 *     CsvReplaySource.builder(Path.of("monthly.csv")).keyColumn("Country").build();
 * }</pre>
 *
 * <p><b>Layout.</b> The delimiter is detected from the header line (the most frequent of {@code ,}
 * {@code ;} tab {@code |}), so {@code ;}-separated files such as SKAB's need no option. The time
 * column is the first unless named. The value column is the only column left besides the time (and
 * key) column unless named; with several candidates they must be named, and each named column
 * becomes a feed. Feed ids: the file name without extension when the file has a single value column
 * ({@code timestamp,value}); {@code stem/column} when it has several ({@code ETTh1/OT}); the key's
 * value with a key column ({@code Australia}), or {@code key/column} for several value columns.
 * {@link Builder#feedPrefix} replaces the stem, or precedes the key.
 *
 * <p><b>Cells.</b> Times are read by {@link TimestampParser} (ISO-8601 with or without zone, {@code
 * yyyy-MM-dd HH:mm:ss}, dates, epoch seconds or milliseconds; zoneless times in UTC unless {@link
 * Builder#zone} says otherwise). Values are decimal numbers; {@code NaN} and infinities are passed
 * on as observations, for the windowing step to reject.
 *
 * <p><b>Bad lines.</b> Nothing is thrown or dropped silently: a line with the wrong number of
 * fields, an unclosed quote or an unreadable time becomes one {@link SourceEvent.Malformed} ({@code
 * UNPARSABLE}, or {@code MISSING_FIELD} when the time or key is empty), and a bad value cell one
 * per cell ({@code UNPARSABLE}, or {@code MISSING_FIELD} when empty) while the row's good cells are
 * still emitted. The rejection's original is the line as read and its detail starts with {@code
 * "line N: "} (N counts from 1, the header). Blank lines are counted in the progress reports and
 * passed over. The replay goes on after every bad line.
 *
 * <p><b>Pace.</b> With a speed-up of 0 (the default) lines are emitted as fast as the consumer
 * takes them; with a factor f each observation waits until (its event time - the first event time)
 * / f of wall-clock time has passed since the first. Progress is reported every tenth of the file.
 * Memory is one line (at most {@link Builder#maxLineLength} characters) and a read buffer. One
 * {@link #run} at a time; {@link #close()} from another thread stops it.
 */
public final class CsvReplaySource implements ObservationSource {
  /** Replay as fast as possible. */
  public static final double DEFAULT_SPEED_UP = LineReplayBuilder.DEFAULT_SPEED_UP;

  /** Characters of a line kept; a longer line is malformed. */
  public static final int DEFAULT_MAX_LINE_LENGTH = LineReplayBuilder.DEFAULT_MAX_LINE_LENGTH;

  private final Path path;
  private final CsvLayout.Choice choice;
  private final CsvLayout layout;
  private final TimestampParser timestamps;
  private final double speedUp;
  private final Clock clock;
  private final Pacer pacer = new Pacer();
  private final LineReplay replay;

  private CsvReplaySource(Builder builder, CsvLayout layout, CsvLayout.Choice choice) {
    this.path = builder.path;
    this.choice = choice;
    this.layout = layout;
    this.timestamps = TimestampParser.inZone(builder.zone);
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
   * @throws IOException if the file cannot be read, or its header no longer fits the options
   */
  @Override
  public void run(Consumer<SourceEvent> downstream) throws IOException, InterruptedException {
    try (LineReader reader = replay.open()) {
      String header = reader.readLine();
      if (header == null) {
        throw new IOException(path + " has no header line");
      }
      CsvLayout current;
      try {
        current = resolve(header, path, choice);
      } catch (IllegalArgumentException e) {
        throw new IOException(path + " changed since the source was built: " + e.getMessage(), e);
      }
      replay.replay(reader, (number, line) -> parse(current, number, line), downstream);
    }
  }

  private List<SourceEvent> parse(CsvLayout layout, long number, String line) {
    Optional<String> lineFeed =
        !layout.keyed() && layout.valueIndices().size() == 1
            ? Optional.of(layout.feedId(0, ""))
            : Optional.empty();
    List<String> fields;
    try {
      fields = CsvLine.split(line, layout.delimiter());
    } catch (IllegalArgumentException e) {
      return List.of(malformed(RejectionReason.UNPARSABLE, lineFeed, line, number, e.getMessage()));
    }
    if (fields.size() != layout.header().size()) {
      return List.of(
          malformed(
              RejectionReason.UNPARSABLE,
              lineFeed,
              line,
              number,
              String.format(
                  Locale.ROOT,
                  "expected %d fields like the header, found %d",
                  layout.header().size(),
                  fields.size())));
    }
    String key = "";
    if (layout.keyed()) {
      key = fields.get(layout.keyIndex()).strip();
      if (key.isEmpty()) {
        return List.of(
            malformed(
                RejectionReason.MISSING_FIELD,
                Optional.empty(),
                line,
                number,
                "key column " + layout.keyName() + " is empty"));
      }
      if (layout.valueIndices().size() == 1) {
        lineFeed = Optional.of(layout.feedId(0, key));
      }
    }
    String timeText = fields.get(layout.timeIndex()).strip();
    if (timeText.isEmpty()) {
      return List.of(
          malformed(
              RejectionReason.MISSING_FIELD,
              lineFeed,
              line,
              number,
              "time column " + layout.timeName() + " is empty"));
    }
    Instant time;
    try {
      time = timestamps.parse(timeText);
    } catch (DateTimeException e) {
      return List.of(
          malformed(
              RejectionReason.UNPARSABLE,
              lineFeed,
              line,
              number,
              "time column " + layout.timeName() + ": " + e.getMessage()));
    }
    List<SourceEvent> events = new ArrayList<>(layout.valueIndices().size());
    for (int v = 0; v < layout.valueIndices().size(); v++) {
      String feedId = layout.feedId(v, key);
      String cell = fields.get(layout.valueIndices().get(v)).strip();
      if (cell.isEmpty()) {
        events.add(
            malformed(
                RejectionReason.MISSING_FIELD,
                Optional.of(feedId),
                line,
                number,
                "value column " + layout.valueName(v) + " is empty"));
        continue;
      }
      try {
        events.add(new SourceEvent.Parsed(new Observation(feedId, time, Values.parse(cell))));
      } catch (NumberFormatException e) {
        events.add(
            malformed(
                RejectionReason.UNPARSABLE,
                Optional.of(feedId),
                line,
                number,
                "value column " + layout.valueName(v) + ": " + e.getMessage()));
      }
    }
    return events;
  }

  private SourceEvent.Malformed malformed(
      RejectionReason reason, Optional<String> feedId, String line, long number, String detail) {
    return LineReplay.malformed(clock, reason, feedId, line, number, detail);
  }

  @Override
  public String describe() {
    String columns =
        layout.valueIndices().stream().map(k -> layout.header().get(k)).toList().toString();
    String keyed = layout.keyed() ? " per " + layout.keyName() : "";
    String pace =
        speedUp > 0 ? String.format(Locale.ROOT, "x%s", trim(speedUp)) : "as fast as possible";
    return "csv replay of " + path + " (" + "columns " + columns + keyed + ", " + pace + ")";
  }

  private static String trim(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
  }

  /** Stops {@link #run}, also while it waits for an event time; it cannot be restarted. */
  @Override
  public void close() {
    pacer.stop();
  }

  /**
   * The feeds this file yields, known from the header alone; empty for a keyed (long-format) file,
   * whose feeds are the key values met while reading.
   */
  public List<String> feedIds() {
    return layout.feedIds();
  }

  public Path path() {
    return path;
  }

  public double speedUp() {
    return speedUp;
  }

  private static CsvLayout resolve(String header, Path path, CsvLayout.Choice choice) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return CsvLayout.resolve(header, name, stem, choice);
  }

  /** Builds a {@link CsvReplaySource}; options start at their {@code DEFAULT_} or are detected. */
  public static final class Builder extends LineReplayBuilder<Builder> {
    private Character delimiter;
    private String timeColumn;
    private List<String> valueColumns = List.of();
    private String keyColumn;
    private String feedPrefix;

    private Builder(Path path) {
      super(path);
    }

    /** The field separator, instead of detecting it from the header line. */
    public Builder delimiter(char delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /** The time column by header name; the first column by default. */
    public Builder timeColumn(String timeColumn) {
      this.timeColumn = timeColumn;
      return this;
    }

    /**
     * The value columns by header name, one feed each; needed when there are several candidates.
     */
    public Builder valueColumns(String... valueColumns) {
      this.valueColumns = List.copyOf(Arrays.asList(valueColumns));
      return this;
    }

    /** The column whose value names the feed of each row, in a long-format file. */
    public Builder keyColumn(String keyColumn) {
      this.keyColumn = keyColumn;
      return this;
    }

    /** Replaces the file's stem in feed ids, or precedes the key ({@code prefix/key}). */
    public Builder feedPrefix(String feedPrefix) {
      this.feedPrefix = feedPrefix;
      return this;
    }

    /**
     * Reads the header line to check the column options against it.
     *
     * @throws IllegalArgumentException naming the first invalid option, or when the file is missing
     *     or has no header line
     * @throws UncheckedIOException if the file cannot be read
     */
    public CsvReplaySource build() {
      Objects.requireNonNull(path, "path");
      requireSharedOptions();
      if (feedPrefix != null && feedPrefix.isBlank()) {
        throw new IllegalArgumentException("feedPrefix must not be blank");
      }
      CsvLayout.Choice choice =
          new CsvLayout.Choice(
              Optional.ofNullable(delimiter),
              Optional.ofNullable(timeColumn),
              valueColumns,
              Optional.ofNullable(keyColumn),
              Optional.ofNullable(feedPrefix));
      String header = ReplayOptions.firstLine(path);
      return new CsvReplaySource(this, resolve(header, path, choice), choice);
    }
  }
}
