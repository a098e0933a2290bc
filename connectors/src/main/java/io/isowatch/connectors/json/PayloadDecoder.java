package io.isowatch.connectors.json;

import io.isowatch.connectors.file.Values;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one message payload into a {@link SourceEvent}, for the transports that carry one record
 * per message (MQTT, HTTP push lines, stdin lines): a JSON object through {@link ObservationJson},
 * or a bare number for the transport's feed at the arrival time ({@link PayloadFormat}). Never
 * throws: a bad payload becomes a {@link SourceEvent.Malformed} whose detail starts with where it
 * came from ({@code topic plant/boiler/temp: ...}), and an oversized one keeps only its first
 * {@value #ORIGINAL_KEPT} characters in the rejection. Thread-safe.
 */
public final class PayloadDecoder {
  /** Characters of an oversized payload kept in its rejection. */
  public static final int ORIGINAL_KEPT = 1024;

  private final ObservationJson codec;
  private final PayloadFormat format;
  private final int maxBytes;

  /**
   * @param maxBytes the largest payload accepted, in bytes
   */
  public PayloadDecoder(ObservationJson codec, PayloadFormat format, int maxBytes) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.format = Objects.requireNonNull(format, "format");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be at least 1, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /**
   * @param origin where the payload came from, for the rejection's detail
   * @param transportFeed the feed the transport names (a topic, a query parameter), if any
   * @param arrival the event time of a bare number
   */
  public SourceEvent decode(
      byte[] payload, String origin, Optional<String> transportFeed, Instant arrival) {
    if (payload.length > maxBytes) {
      String text =
          new String(
              payload, 0, Math.min(payload.length, ORIGINAL_KEPT * 4), StandardCharsets.UTF_8);
      return malformed(
          RejectionReason.UNPARSABLE,
          transportFeed,
          text.length() > ORIGINAL_KEPT ? text.substring(0, ORIGINAL_KEPT) + "..." : text,
          origin + ": payload of " + payload.length + " bytes is over the limit of " + maxBytes,
          arrival);
    }
    return decode(new String(payload, StandardCharsets.UTF_8), origin, transportFeed, arrival);
  }

  /** As {@link #decode(byte[], String, Optional, Instant)}, for a payload already read as text. */
  public SourceEvent decode(
      String text, String origin, Optional<String> transportFeed, Instant arrival) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return malformed(
          RejectionReason.MISSING_FIELD, transportFeed, text, origin + ": empty payload", arrival);
    }
    boolean json =
        format == PayloadFormat.JSON || (format == PayloadFormat.AUTO && trimmed.startsWith("{"));
    if (json) {
      ObservationJson.Decoded decoded = codec.decode(trimmed, transportFeed);
      if (decoded instanceof ObservationJson.Decoded.Valid valid) {
        return new SourceEvent.Parsed(valid.observation());
      }
      ObservationJson.Decoded.Invalid invalid = (ObservationJson.Decoded.Invalid) decoded;
      return malformed(
          invalid.reason(), invalid.feedId(), text, origin + ": " + invalid.detail(), arrival);
    }
    double value;
    try {
      value = Values.parse(trimmed);
    } catch (NumberFormatException e) {
      return malformed(
          RejectionReason.UNPARSABLE,
          transportFeed,
          text,
          origin
              + ": "
              + (format == PayloadFormat.AUTO
                  ? "neither a JSON object nor a number"
                  : "not a number: " + e.getMessage()),
          arrival);
    }
    if (transportFeed.isEmpty() || transportFeed.get().isBlank()) {
      return malformed(
          RejectionReason.MISSING_FIELD,
          Optional.empty(),
          text,
          origin + ": a bare number needs the transport to name its feed",
          arrival);
    }
    return new SourceEvent.Parsed(new Observation(transportFeed.get(), arrival, value));
  }

  private static SourceEvent malformed(
      RejectionReason reason, Optional<String> feed, String original, String detail, Instant at) {
    return new SourceEvent.Malformed(new Rejection(reason, feed, original, detail, at));
  }
}
