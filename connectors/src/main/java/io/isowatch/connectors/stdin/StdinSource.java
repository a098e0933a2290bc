package io.isowatch.connectors.stdin;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.json.PayloadDecoder;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads observations from standard input (or any stream), one per line, until the end of input:
 * {@code tail -f feeds.jsonl | isowatch run ...} or {@code sensor | isowatch ...}.
 *
 * <pre>{@code
 * StdinSource source = StdinSource.builder().feed("sensor").build(); // bare numbers are "sensor"
 * }</pre>
 *
 * <p>Each line is a JSON observation ({@link ObservationJson}) or, with {@code feed} set, a bare
 * number dated at its arrival ({@link PayloadFormat}). Blank lines are passed over; a bad line, or
 * one longer than {@code maxLineLength} characters (only that many are kept), becomes a {@link
 * SourceEvent.Malformed} whose detail starts with {@code stdin line N}. {@link #close()} stops the
 * source after the line being read: a blocked read of a terminal cannot be cut short.
 */
public final class StdinSource implements ObservationSource {
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

  private final InputStream in;
  private final Optional<String> feed;
  private final PayloadDecoder decoder;
  private final int maxLineLength;
  private final Clock clock;
  private volatile boolean closed;

  private StdinSource(Builder builder) {
    this.in = builder.in;
    this.feed = builder.feed;
    this.maxLineLength = builder.maxLineLength;
    this.decoder = new PayloadDecoder(builder.codec, builder.format, Integer.MAX_VALUE);
    this.clock = builder.clock;
  }

  /** Reads {@link System#in}. */
  public static Builder builder() {
    return new Builder(System.in);
  }

  /** Reads {@code in} (a test's stand-in for standard input). */
  public static Builder builder(InputStream in) {
    return new Builder(in);
  }

  @Override
  public void run(Consumer<SourceEvent> downstream) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    StringBuilder line = new StringBuilder();
    long number = 0;
    while (!closed) {
      line.setLength(0);
      long length = 0;
      int c;
      while ((c = reader.read()) >= 0 && c != '\n') {
        if (length++ < maxLineLength) {
          line.append((char) c);
        }
      }
      if (c < 0 && length == 0) {
        return;
      }
      number++;
      if (line.length() > 0 && line.charAt(line.length() - 1) == '\r' && length <= maxLineLength) {
        line.setLength(line.length() - 1);
        length--;
      }
      String origin = "stdin line " + number;
      if (length > maxLineLength) {
        downstream.accept(
            new SourceEvent.Malformed(
                new Rejection(
                    RejectionReason.UNPARSABLE,
                    feed,
                    line.toString(),
                    origin + ": longer than " + maxLineLength + " characters",
                    clock.instant())));
      } else if (!line.toString().isBlank()) {
        downstream.accept(decoder.decode(line.toString(), origin, feed, clock.instant()));
      }
      if (c < 0) {
        return;
      }
    }
  }

  @Override
  public String describe() {
    return "stdin" + feed.map(f -> " (bare numbers: " + f + ")").orElse("");
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Builds a {@link StdinSource}. */
  public static final class Builder {
    private final InputStream in;
    private Optional<String> feed = Optional.empty();
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private ObservationJson codec = ObservationJson.defaults();
    private PayloadFormat format = PayloadFormat.AUTO;
    private Clock clock = Clock.systemUTC();

    private Builder(InputStream in) {
      this.in = Objects.requireNonNull(in, "in");
    }

    /** The feed of bare numbers and of JSON lines without one. */
    public Builder feed(String feed) {
      this.feed = Optional.of(feed);
      return this;
    }

    public Builder maxLineLength(int maxLineLength) {
      this.maxLineLength = maxLineLength;
      return this;
    }

    public Builder codec(ObservationJson codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder payloadFormat(PayloadFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first option at fault
     */
    public StdinSource build() {
      if (maxLineLength < 1) {
        throw new IllegalArgumentException(
            "maxLineLength must be at least 1, got " + maxLineLength);
      }
      if (feed.isPresent() && feed.get().isBlank()) {
        throw new IllegalArgumentException("feed must not be blank");
      }
      return new StdinSource(this);
    }
  }
}
