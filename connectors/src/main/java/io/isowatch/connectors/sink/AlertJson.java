package io.isowatch.connectors.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form of an {@link Alert}, shared by every sink that writes alerts as JSON (file,
 * webhook, Kafka): one object with snake_case keys in a fixed order.
 *
 * <pre>{@code
 * {"id":"a1","feed_id":"synthetic-1","rule":"geometry-baseline","severity":"critical",
 *  "state":"firing","from":"2024-01-01T10:00:00Z","to":"2024-01-01T11:00:00Z",
 *  "summary":"...","evidence":[{"signal":"window_isoscore","value":0.12,"baseline":0.45,
 *  "spread":0.03,"score":-11.0}],"suggested_action":"...","raised_at":"2024-01-01T11:00:02Z"}
 * }</pre>
 *
 * Severity and state are lower case; times are ISO-8601 instants in UTC. NaN and infinite numbers
 * are written as {@code null} (JSON has no NaN) and read back as NaN. Thread-safe.
 */
public final class AlertJson {
  private static final JsonMapper MAPPER = new JsonMapper();

  private AlertJson() {}

  public static ObjectNode toJson(Alert alert) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("id", alert.id());
    json.put("feed_id", alert.feedId());
    json.put("rule", alert.rule());
    json.put("severity", alert.severity().label());
    json.put("state", alert.state().name().toLowerCase(Locale.ROOT));
    json.put("from", alert.from().toString());
    json.put("to", alert.to().toString());
    json.put("summary", alert.summary());
    ArrayNode evidence = json.putArray("evidence");
    for (SignalEvidence e : alert.evidence()) {
      ObjectNode item = evidence.addObject();
      item.put("signal", e.signal());
      JsonFields.putDouble(item, "value", e.value());
      JsonFields.putDouble(item, "baseline", e.baseline());
      JsonFields.putDouble(item, "spread", e.spread());
      JsonFields.putDouble(item, "score", e.score());
      JsonFields.putDouble(item, "predictiveness", e.predictiveness());
      JsonFields.putDouble(item, "contribution", e.contribution());
    }
    json.put("suggested_action", alert.suggestedAction());
    json.put("raised_at", alert.raisedAt().toString());
    return json;
  }

  /** The alert as one line of compact JSON, without a line break. */
  public static String toLine(Alert alert) {
    try {
      return MAPPER.writeValueAsString(toJson(alert));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree of strings and numbers always serializes
    }
  }

  /**
   * Reads the form {@link #toJson} writes.
   *
   * @throws IllegalArgumentException naming the first missing or ill-typed field
   */
  public static Alert fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("an alert must be a JSON object, got " + json);
    }
    JsonNode evidenceNode = json.get("evidence");
    if (evidenceNode == null || !evidenceNode.isArray()) {
      throw new IllegalArgumentException("field evidence must be an array, got " + evidenceNode);
    }
    List<SignalEvidence> evidence = new ArrayList<>();
    for (JsonNode item : evidenceNode) {
      evidence.add(
          new SignalEvidence(
              JsonFields.readText(item, "signal"),
              JsonFields.readDouble(item, "value"),
              JsonFields.readDouble(item, "baseline"),
              JsonFields.readDouble(item, "spread"),
              JsonFields.readDouble(item, "score"),
              // absent from lines written before the risk model: NaN
              JsonFields.readOptionalDouble(item, "predictiveness"),
              JsonFields.readOptionalDouble(item, "contribution")));
    }
    return new Alert(
        JsonFields.readText(json, "id"),
        JsonFields.readText(json, "feed_id"),
        JsonFields.readText(json, "rule"),
        enumOf(Severity.class, "severity", JsonFields.readText(json, "severity")),
        enumOf(AlertState.class, "state", JsonFields.readText(json, "state")),
        JsonFields.readInstant(json, "from"),
        JsonFields.readInstant(json, "to"),
        JsonFields.readText(json, "summary"),
        evidence,
        JsonFields.readText(json, "suggested_action"),
        JsonFields.readInstant(json, "raised_at"));
  }

  /** Reads one line written by {@link #toLine}. */
  public static Alert fromLine(String line) {
    try {
      return fromJson(MAPPER.readTree(line));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String key, String text) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field " + key + " has no value " + text, e);
    }
  }
}
