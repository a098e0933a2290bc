package io.isowatch.connectors.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The JSON form of a {@link Rejection}, shared by every dead-letter sink (file, Kafka topic):
 *
 * <pre>{@code
 * {"reason":"unparsable","feed_id":"ETTh1/OT","original":"2016-07-01 00:00:00,abc",
 *  "detail":"line 2: value column OT: 'abc' is not a number","rejected_at":"2025-05-05T05:05:05Z"}
 * }</pre>
 *
 * The reason is its metric label ({@link RejectionReason#label()}); {@code feed_id} is {@code null}
 * when the feed could not be read. Thread-safe.
 */
public final class RejectionJson {
  private static final JsonMapper MAPPER = new JsonMapper();

  private RejectionJson() {}

  public static ObjectNode toJson(Rejection rejection) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("reason", rejection.reason().label());
    if (rejection.feedId().isPresent()) {
      json.put("feed_id", rejection.feedId().get());
    } else {
      json.putNull("feed_id");
    }
    json.put("original", rejection.original());
    json.put("detail", rejection.detail());
    json.put("rejected_at", rejection.rejectedAt().toString());
    return json;
  }

  /** The rejection as one line of compact JSON, without a line break. */
  public static String toLine(Rejection rejection) {
    try {
      return MAPPER.writeValueAsString(toJson(rejection));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of strings always serializes
    }
  }

  /**
   * Reads the form {@link #toJson} writes.
   *
   * @throws IllegalArgumentException naming the first missing or ill-typed field
   */
  public static Rejection fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("a rejection must be a JSON object, got " + json);
    }
    String label = JsonFields.readText(json, "reason");
    RejectionReason reason = null;
    for (RejectionReason candidate : RejectionReason.values()) {
      if (candidate.label().equals(label)) {
        reason = candidate;
      }
    }
    if (reason == null) {
      throw new IllegalArgumentException("field reason has no value " + label);
    }
    JsonNode feed = json.get("feed_id");
    Optional<String> feedId =
        feed == null || feed.isNull()
            ? Optional.empty()
            : Optional.of(JsonFields.readText(json, "feed_id"));
    return new Rejection(
        reason,
        feedId,
        JsonFields.readText(json, "original"),
        JsonFields.readText(json, "detail"),
        JsonFields.readInstant(json, "rejected_at"));
  }

  /** Reads one line written by {@link #toLine}. */
  public static Rejection fromLine(String line) {
    try {
      return fromJson(MAPPER.readTree(line));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
