package io.isowatch.cli.config;

import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.DurationRange;
import io.isowatch.engine.spec.InputFormatException;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP push source's defences against slow or hostile clients, with the range each may take:
 * how long a connection may take to send an authenticated request's headers, and a body; how long
 * an idle connection is kept; how many connections without a valid token are kept at once; how many
 * records wait for the engine, and how long a request waits for room before it gets 503; the
 * largest body. Read from a source entry of the configuration ({@link #read}) or from {@code
 * watch}'s flags; a value out of range stops the start with a message naming the key or flag.
 */
public record PushLimits(
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    Duration busyAfter,
    int maxUnauthenticated,
    int queue,
    int maxBodyBytes) {
  public static final DurationRange HEADER_TIMEOUT =
      new DurationRange(
          Duration.ofMillis(100), Duration.ofMinutes(5), HttpPushSource.DEFAULT_HEADER_TIMEOUT);
  public static final DurationRange BODY_TIMEOUT =
      new DurationRange(
          Duration.ofSeconds(1), Duration.ofHours(1), HttpPushSource.DEFAULT_BODY_TIMEOUT);
  public static final DurationRange IDLE_TIMEOUT =
      new DurationRange(
          Duration.ofSeconds(1), Duration.ofHours(1), HttpPushSource.DEFAULT_IDLE_TIMEOUT);
  public static final DurationRange BUSY_AFTER =
      new DurationRange(Duration.ZERO, Duration.ofMinutes(1), HttpPushSource.DEFAULT_OFFER_TIMEOUT);
  public static final int MAX_UNAUTHENTICATED = 65_536;
  public static final int MAX_QUEUE = 1 << 20;
  public static final int MAX_BODY_BYTES = 64 << 20;

  /** The source's defaults. */
  public static PushLimits defaults() {
    return new PushLimits(
        HEADER_TIMEOUT.fallback(),
        BODY_TIMEOUT.fallback(),
        IDLE_TIMEOUT.fallback(),
        BUSY_AFTER.fallback(),
        HttpPushSource.DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS,
        HttpPushSource.DEFAULT_BUFFER_CAPACITY,
        HttpPushSource.DEFAULT_MAX_BODY_BYTES);
  }

  /** The limits of an {@code http-push} entry, each key checked against its range. */
  public static PushLimits read(ConfigNode entry) throws InputFormatException {
    return new PushLimits(
        entry.durationIn("header-timeout", HEADER_TIMEOUT),
        entry.durationIn("body-timeout", BODY_TIMEOUT),
        entry.durationIn("idle-timeout", IDLE_TIMEOUT),
        entry.durationIn("busy-after", BUSY_AFTER),
        entry.integer(
            "max-unauthenticated-connections",
            HttpPushSource.DEFAULT_MAX_UNAUTHENTICATED_CONNECTIONS,
            1,
            MAX_UNAUTHENTICATED),
        entry.integer("buffer-capacity", HttpPushSource.DEFAULT_BUFFER_CAPACITY, 1, MAX_QUEUE),
        entry.integer("max-body-bytes", HttpPushSource.DEFAULT_MAX_BODY_BYTES, 1, MAX_BODY_BYTES));
  }

  /** The keys {@link #read} takes. */
  public static final String[] KEYS = {
    "header-timeout",
    "body-timeout",
    "idle-timeout",
    "busy-after",
    "max-unauthenticated-connections",
    "buffer-capacity",
    "max-body-bytes"
  };

  /** Applies the limits to a source being built. */
  public HttpPushSource.Builder applyTo(HttpPushSource.Builder builder) {
    return builder
        .headerTimeout(headerTimeout)
        .bodyTimeout(bodyTimeout)
        .idleTimeout(idleTimeout)
        .offerTimeout(busyAfter)
        .maxUnauthenticatedConnections(maxUnauthenticated)
        .bufferCapacity(queue)
        .maxBodyBytes(maxBodyBytes);
  }

  /** What is wrong with an integer, or empty when it lies in [{@code min}, {@code max}]. */
  public static Optional<String> problem(int value, int min, int max) {
    return value >= min && value <= max
        ? Optional.empty()
        : Optional.of("must be between " + min + " and " + max + ", got " + value);
  }
}
