package io.isowatch.connectors.file;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.connectors.pacing.Pacer;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Replays one series file of the Turing Change Point Dataset (TCPD): a JSON object with {@code
 * name}, {@code time} ({@code index}, and {@code raw} time strings for dated series) and {@code
 * series} (one entry per dimension, each with {@code label} and {@code raw} values).
 *
 * <pre>{@code
 * TcpdSeriesSource source = TcpdSeriesSource.builder(Path.of("jfk_passengers.json")).build();
 * }</pre>
 *
 * <p>Feeds: the series' {@code name} for one dimension, {@code name/label} for several (the {@code
 * run_log} series gives {@code run_log/Pace} and {@code run_log/Distance}). Times: {@code time.raw}
 * read by {@link TimestampParser} ({@code 1977-01}, {@code 2018-07-31 18:22:28}); series with an
 * index only are placed at {@code start + index * cadence}. Observations are emitted index by
 * index, every dimension at index i before i + 1. A null value is a malformed record with reason
 * {@code MISSING_FIELD}, a non-number or an unreadable time one with {@code UNPARSABLE}; the detail
 * starts with {@code "index i: "}. {@code NaN} values are passed on as observations.
 *
 * <p>The file is read whole (TCPD series have a few hundred points); a file that is not a TCPD
 * series is refused when the source is built. Speed-up as in {@link CsvReplaySource}.
 */
public final class TcpdSeriesSource implements ObservationSource {
  /** Time of index 0 of a series without dates. */
  public static final Instant DEFAULT_START = Instant.parse("2000-01-01T00:00:00Z");

  /** Time between two points of a series without dates. */
  public static final Duration DEFAULT_CADENCE = Duration.ofMinutes(1);

  /** Replay as fast as possible. */
  public static final double DEFAULT_SPEED_UP = 0;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final Path path;
  private final Instant start;
  private final Duration cadence;
  private final TimestampParser timestamps;
  private final double speedUp;
  private final Clock clock;
  private final Pacer pacer = new Pacer();
  private final List<String> feedIds;

  private TcpdSeriesSource(Builder builder, List<String> feedIds) {
    this.path = builder.path;
    this.start = builder.start;
    this.cadence = builder.cadence;
    this.timestamps = TimestampParser.inZone(builder.zone);
    this.speedUp = builder.speedUp;
    this.clock = builder.clock;
    this.feedIds = feedIds;
  }

  public static Builder builder(Path path) {
    return new Builder(path);
  }

  @Override
  public void run(Consumer<SourceEvent> downstream) throws IOException, InterruptedException {
    Series series = Series.read(path);
    List<String> feedIds = series.feedIds();
    long firstNanos = 0;
    Instant firstTime = null;
    for (int i = 0; i < series.length(); i++) {
      if (pacer.stopped()) {
        return;
      }
      Instant time;
      try {
        time =
            series.rawTimes() == null ? start.plus(cadence.multipliedBy(i)) : parseTime(series, i);
      } catch (DateTimeException e) {
        downstream.accept(
            malformed(
                RejectionReason.UNPARSABLE,
                feedIds.size() == 1 ? Optional.of(feedIds.get(0)) : Optional.empty(),
                series.rawTimes().get(i).toString(),
                i,
                "time: " + e.getMessage()));
        continue;
      }
      if (speedUp > 0) {
        if (firstTime == null) {
          firstTime = time;
          firstNanos = System.nanoTime();
        } else {
          Duration gap = Duration.between(firstTime, time);
          long wait =
              gap.isNegative()
                  ? 0
                  : (long) Math.min((gap.getSeconds() * 1e9 + gap.getNano()) / speedUp, 1e18);
          if (!pacer.awaitNanos(firstNanos + wait)) {
            return;
          }
        }
      }
      for (int d = 0; d < feedIds.size(); d++) {
        JsonNode value = series.values().get(d).get(i);
        String feedId = feedIds.get(d);
        if (value == null || value.isNull()) {
          downstream.accept(
              malformed(
                  RejectionReason.MISSING_FIELD,
                  Optional.of(feedId),
                  String.valueOf(value),
                  i,
                  "value is missing"));
        } else if (!value.isNumber()) {
          downstream.accept(
              malformed(
                  RejectionReason.UNPARSABLE,
                  Optional.of(feedId),
                  value.toString(),
                  i,
                  "value must be a number, got " + value));
        } else {
          downstream.accept(
              new SourceEvent.Parsed(new Observation(feedId, time, value.doubleValue())));
        }
      }
    }
  }

  private Instant parseTime(Series series, int i) {
    JsonNode raw = series.rawTimes().get(i);
    if (raw == null || !raw.isTextual()) {
      throw new DateTimeException("must be a string, got " + raw);
    }
    return timestamps.parse(raw.asText());
  }

  private SourceEvent.Malformed malformed(
      RejectionReason reason, Optional<String> feedId, String original, int index, String detail) {
    return new SourceEvent.Malformed(
        new Rejection(reason, feedId, original, "index " + index + ": " + detail, clock.instant()));
  }

  @Override
  public String describe() {
    return "tcpd replay of "
        + path
        + " (feeds "
        + feedIds
        + ", "
        + (speedUp > 0
            ? "x" + (speedUp == Math.rint(speedUp) ? String.valueOf((long) speedUp) : speedUp)
            : "as fast as possible")
        + ")";
  }

  /** Stops {@link #run}, also while it waits for an event time; it cannot be restarted. */
  @Override
  public void close() {
    pacer.stop();
  }

  /** The series' feeds, one per dimension. */
  public List<String> feedIds() {
    return feedIds;
  }

  /** A readable JSON file that is not a TCPD series; the message says what it lacks. */
  private static final class NotASeries extends IOException {
    NotASeries(String message) {
      super(message);
    }
  }

  /** The parts of a TCPD file a replay needs. */
  private record Series(
      String name, List<String> labels, JsonNode rawTimes, List<JsonNode> values, int length) {

    static Series read(Path path) throws IOException {
      JsonNode root = MAPPER.readTree(path.toFile());
      String where = path.getFileName().toString();
      if (root == null || !root.isObject()) {
        throw new NotASeries(where + " is not a JSON object");
      }
      String fileName = path.getFileName().toString();
      String stem =
          fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
      String name = root.path("name").isTextual() ? root.get("name").asText() : stem;
      JsonNode seriesNode = root.get("series");
      if (seriesNode == null || !seriesNode.isArray() || seriesNode.isEmpty()) {
        throw new NotASeries(where + ": series must be a non-empty array");
      }
      List<String> labels = new ArrayList<>();
      List<JsonNode> values = new ArrayList<>();
      int length = -1;
      for (int d = 0; d < seriesNode.size(); d++) {
        JsonNode raw = seriesNode.get(d).get("raw");
        if (raw == null || !raw.isArray()) {
          throw new NotASeries(where + ": series[" + d + "].raw must be an array");
        }
        if (length >= 0 && raw.size() != length) {
          throw new NotASeries(
              where + ": series[" + d + "].raw has " + raw.size() + " values, series[0] " + length);
        }
        length = raw.size();
        JsonNode label = seriesNode.get(d).get("label");
        labels.add(label != null && label.isTextual() ? label.asText() : "V" + (d + 1));
        values.add(raw);
      }
      JsonNode rawTimes = root.path("time").get("raw");
      if (rawTimes != null && (!rawTimes.isArray() || rawTimes.size() != length)) {
        throw new NotASeries(
            where + ": time.raw must be an array of " + length + " times like the series");
      }
      return new Series(name, labels, rawTimes, values, length);
    }

    List<String> feedIds() {
      if (labels.size() == 1) {
        return List.of(name);
      }
      return labels.stream().map(label -> name + "/" + label).toList();
    }
  }

  /** Builds a {@link TcpdSeriesSource}; every option starts at its {@code DEFAULT_}. */
  public static final class Builder {
    private final Path path;
    private Instant start = DEFAULT_START;
    private Duration cadence = DEFAULT_CADENCE;
    private ZoneId zone = TimestampParser.DEFAULT_ZONE;
    private double speedUp = DEFAULT_SPEED_UP;
    private Clock clock = Clock.systemUTC();

    private Builder(Path path) {
      this.path = path;
    }

    /** Time of index 0 for a series without dates. */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /** Time between points for a series without dates. */
    public Builder cadence(Duration cadence) {
      this.cadence = cadence;
      return this;
    }

    /** The zone of times written without an offset; UTC by default. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** Event time passes this many times faster than wall-clock time; 0 for as fast as possible. */
    public Builder speedUp(double speedUp) {
      this.speedUp = speedUp;
      return this;
    }

    /** The clock of {@code rejectedAt} in malformed records. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Reads the file to check that it is a TCPD series.
     *
     * @throws IllegalArgumentException naming the first invalid option, or what the file lacks
     * @throws UncheckedIOException if the file cannot be read
     */
    public TcpdSeriesSource build() {
      Objects.requireNonNull(path, "path");
      ReplayOptions.require(speedUp, zone, ProgressListener.NONE, clock, 1);
      if (start == null) {
        throw new IllegalArgumentException("start must not be null");
      }
      if (cadence == null || cadence.isNegative() || cadence.isZero()) {
        throw new IllegalArgumentException("cadence must be positive, got " + cadence);
      }
      ReplayOptions.requireReadable(path);
      Series series;
      try {
        series = Series.read(path);
      } catch (NotASeries e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      } catch (JacksonException e) {
        throw new IllegalArgumentException(
            path.getFileName() + " is not JSON: " + e.getOriginalMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new TcpdSeriesSource(this, series.feedIds());
    }
  }
}
