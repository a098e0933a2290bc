package io.isowatch.connectors.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading and writing the field types the JSON mappings share, with errors naming the field. */
final class JsonFields {
  private JsonFields() {}

  /** Writes a finite double as a number, and NaN or an infinity as {@code null}. */
  static void putDouble(ObjectNode json, String key, double value) {
    if (Double.isFinite(value)) {
      json.put(key, value);
    } else {
      json.putNull(key);
    }
  }

  /** A number, or NaN for {@code null}. */
  static double readDouble(JsonNode json, String key) {
    JsonNode node = json.get(key);
    if (node == null) {
      throw new IllegalArgumentException("field " + key + " is missing");
    }
    if (node.isNull()) {
      return Double.NaN;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException("field " + key + " must be a number or null, got " + node);
    }
    return node.doubleValue();
  }

  /** A number, or NaN for {@code null} or a missing field. */
  static double readOptionalDouble(JsonNode json, String key) {
    return json.has(key) ? readDouble(json, key) : Double.NaN;
  }

  static String readText(JsonNode json, String key) {
    JsonNode node = json.get(key);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("field " + key + " is missing");
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException("field " + key + " must be a string, got " + node);
    }
    return node.asText();
  }

  static Instant readInstant(JsonNode json, String key) {
    String text = readText(json, key);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field " + key + " must be an ISO-8601 instant, got " + text, e);
    }
  }
}
