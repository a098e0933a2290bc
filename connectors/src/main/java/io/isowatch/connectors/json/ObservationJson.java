package io.isowatch.connectors.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.connectors.file.TimestampParser;
import io.isowatch.connectors.file.Values;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.RejectionReason;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON form of an observation, shared by every source and engine that reads records as JSON
 * (JSON Lines files, Kafka topics, MQTT and HTTP payloads), so that one record means the same thing
 * wherever it arrives.
 *
 * <pre>{@code
 * {"feed": "load", "time": "2017-01-01T00:00:00Z", "value": 76259}
 * {"feed": "load", "time": 1483232400000, "value": 72912}
 * }</pre>
 *
 * <p><b>Fields.</b> {@code feed}: a non-blank string; it may be left out when the transport names
 * the feed (a Kafka key, an MQTT topic), see {@link #decode(String, Optional)}. {@code time}: an
 * integer (epoch milliseconds) or a string read by {@link TimestampParser}. An integer from {@link
 * #SECONDS_LOOKALIKE_FROM} up to {@link TimestampParser#EPOCH_MILLIS_THRESHOLD} is refused as
 * unparsable rather than guessed: read as milliseconds it would fall between January 1970 and March
 * 1973, read as seconds between 2001 and 5138, so it is almost surely epoch seconds sent by mistake
 * (write it as milliseconds, or as a string, where the threshold rule of {@link TimestampParser}
 * applies). {@code value}: a number, or a string holding one; NaN and infinities are passed on for
 * the windowing step to reject. Other fields are ignored. The three names can be changed.
 *
 * <p><b>Bad records</b> decode to a {@link Decoded.Invalid} with reason {@code UNPARSABLE} (not one
 * JSON object, wrong type, unreadable time or value) or {@code MISSING_FIELD} (absent, null or
 * blank), and a detail naming the field. Nothing is thrown. Instances are immutable and
 * thread-safe.
 */
public final class ObservationJson {
  public static final String DEFAULT_FEED_FIELD = "feed";
  public static final String DEFAULT_TIME_FIELD = "time";
  public static final String DEFAULT_VALUE_FIELD = "value";

  /**
   * The smallest integer time refused as looking like epoch seconds: one billion, 2001-09-09 in
   * seconds, 1970-01-12 in milliseconds.
   */
  public static final long SECONDS_LOOKALIKE_FROM = 1_000_000_000L;

  /** The field of an optional production forecast (its inner fields use the time/value names). */
  public static final String FORECAST_FIELD = "forecast";

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final String feedField;
  private final String timeField;
  private final String valueField;
  private final TimestampParser timestamps;

  private ObservationJson(Builder builder) {
    this.feedField = builder.feedField;
    this.timeField = builder.timeField;
    this.valueField = builder.valueField;
    this.timestamps = TimestampParser.inZone(builder.zone);
  }

  /** The default field names, zoneless times in UTC. */
  public static ObservationJson defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What decoding one record gave. */
  public sealed interface Decoded {
    record Valid(Observation observation) implements Decoded {}

    /**
     * @param reason {@code UNPARSABLE} or {@code MISSING_FIELD}
     * @param feedId the feed, when it could be read
     * @param detail what is wrong, naming the field
     */
    record Invalid(RejectionReason reason, Optional<String> feedId, String detail)
        implements Decoded {}
  }

  /** Decodes a record that must name its feed itself. */
  public Decoded decode(String text) {
    return decode(text, Optional.empty());
  }

  /**
   * Decodes a record; {@code transportFeed} (a Kafka key, an MQTT topic) names the feed when the
   * record has no feed field. A feed field in the record wins.
   */
  public Decoded decode(String text, Optional<String> transportFeed) {
    JsonNode json;
    try {
      json = MAPPER.readTree(text);
    } catch (JacksonException e) {
      return invalid(
          RejectionReason.UNPARSABLE, transportFeed, "not JSON: " + e.getOriginalMessage());
    }
    if (json == null || !json.isObject()) {
      return invalid(RejectionReason.UNPARSABLE, transportFeed, "not a JSON object");
    }

    JsonNode feedNode = json.get(feedField);
    String feedId;
    if (absent(feedNode) || (feedNode.isTextual() && feedNode.asText().isBlank())) {
      Optional<String> fallback = transportFeed.filter(feed -> !feed.isBlank());
      if (fallback.isEmpty()) {
        return invalid(
            RejectionReason.MISSING_FIELD, Optional.empty(), "field " + feedField + " is missing");
      }
      feedId = fallback.get();
    } else if (!feedNode.isTextual()) {
      return invalid(
          RejectionReason.UNPARSABLE,
          transportFeed,
          "field " + feedField + " must be a string, got " + type(feedNode));
    } else {
      feedId = feedNode.asText();
    }
    Optional<String> feed = Optional.of(feedId);

    JsonNode timeNode = json.get(timeField);
    if (absent(timeNode)) {
      return invalid(RejectionReason.MISSING_FIELD, feed, "field " + timeField + " is missing");
    }
    Instant time;
    try {
      time = time(timeNode);
    } catch (DateTimeException e) {
      return invalid(
          RejectionReason.UNPARSABLE, feed, "field " + timeField + ": " + e.getMessage());
    }

    JsonNode valueNode = json.get(valueField);
    if (absent(valueNode)) {
      return invalid(RejectionReason.MISSING_FIELD, feed, "field " + valueField + " is missing");
    }
    double value;
    if (valueNode.isNumber()) {
      value = valueNode.doubleValue();
    } else if (valueNode.isTextual()) {
      if (valueNode.asText().isBlank()) {
        return invalid(RejectionReason.MISSING_FIELD, feed, "field " + valueField + " is empty");
      }
      try {
        value = Values.parse(valueNode.asText());
      } catch (NumberFormatException e) {
        return invalid(
            RejectionReason.UNPARSABLE, feed, "field " + valueField + ": " + e.getMessage());
      }
    } else {
      return invalid(
          RejectionReason.UNPARSABLE,
          feed,
          "field " + valueField + " must be a number, got " + type(valueNode));
    }
    JsonNode forecastNode = json.get(FORECAST_FIELD);
    if (absent(forecastNode)) {
      return new Decoded.Valid(new Observation(feedId, time, value));
    }
    try {
      Forecast forecast = forecast(forecastNode, time);
      return new Decoded.Valid(new Observation(feedId, time, value, Optional.of(forecast)));
    } catch (DateTimeException | IllegalArgumentException e) {
      return invalid(RejectionReason.UNPARSABLE, feed, "field " + FORECAST_FIELD + e.getMessage());
    }
  }

  /**
   * @throws IllegalArgumentException with a message that continues "field forecast", e.g. ".value
   *     must be a number"
   */
  private Forecast forecast(JsonNode node, Instant issuedAt) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(" must be an object, got " + type(node));
    }
    JsonNode targetNode = node.get(timeField);
    if (absent(targetNode)) {
      throw new IllegalArgumentException("." + timeField + " is missing");
    }
    Instant target;
    try {
      target = time(targetNode);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("." + timeField + ": " + e.getMessage(), e);
    }
    if (!target.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "." + timeField + " " + target + " must be after the record's time " + issuedAt);
    }
    double point = number(node, valueField, true);
    double lower = number(node, "lower", false);
    double upper = number(node, "upper", false);
    if (Double.isNaN(lower) != Double.isNaN(upper)) {
      throw new IllegalArgumentException(": lower and upper go together");
    }
    try {
      return new Forecast(target, point, lower, upper);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(": " + e.getMessage(), e);
    }
  }

  private static double number(JsonNode parent, String field, boolean required) {
    JsonNode node = parent.get(field);
    if (absent(node)) {
      if (required) {
        throw new IllegalArgumentException("." + field + " is missing");
      }
      return Double.NaN;
    }
    if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
      throw new IllegalArgumentException("." + field + " must be a finite number, got " + node);
    }
    return node.doubleValue();
  }

  /** The observation as one JSON object with this codec's field names (time as ISO-8601). */
  public String encode(Observation observation) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put(feedField, observation.feedId());
    json.put(timeField, observation.eventTime().toString());
    double value = observation.value();
    if (Double.isFinite(value)) {
      json.put(valueField, value);
    } else {
      json.put(valueField, Double.toString(value));
    }
    observation
        .forecast()
        .ifPresent(
            f -> {
              ObjectNode forecast = json.putObject(FORECAST_FIELD);
              forecast.put(timeField, f.target().toString());
              forecast.put(valueField, f.point());
              if (f.hasInterval()) {
                forecast.put("lower", f.lower());
                forecast.put("upper", f.upper());
              }
            });
    return json.toString();
  }

  private Instant time(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long millis = node.longValue();
      long magnitude = Math.abs(millis);
      if (magnitude >= SECONDS_LOOKALIKE_FROM
          && magnitude < TimestampParser.EPOCH_MILLIS_THRESHOLD) {
        throw new DateTimeException(
            millis
                + " looks like epoch seconds ("
                + Instant.ofEpochSecond(millis)
                + "); integer times are epoch milliseconds (it would be "
                + Instant.ofEpochMilli(millis)
                + "): multiply by 1000 or send it as a string");
      }
      return Instant.ofEpochMilli(millis);
    }
    if (node.isTextual()) {
      return timestamps.parse(node.asText());
    }
    throw new DateTimeException(
        "must be an ISO-8601 string or integer epoch milliseconds, got " + type(node) + " " + node);
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull();
  }

  private static String type(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static Decoded invalid(RejectionReason reason, Optional<String> feed, String detail) {
    return new Decoded.Invalid(reason, feed, detail);
  }

  /** Builds an {@link ObservationJson}; every option starts at its default. */
  public static final class Builder {
    private String feedField = DEFAULT_FEED_FIELD;
    private String timeField = DEFAULT_TIME_FIELD;
    private String valueField = DEFAULT_VALUE_FIELD;
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    /** The name of the field holding the feed id. */
    public Builder feedField(String feedField) {
      this.feedField = feedField;
      return this;
    }

    /** The name of the field holding the event time. */
    public Builder timeField(String timeField) {
      this.timeField = timeField;
      return this;
    }

    /** The name of the field holding the value. */
    public Builder valueField(String valueField) {
      this.valueField = valueField;
      return this;
    }

    /** The zone of times written without one. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first blank field name
     */
    public ObservationJson build() {
      requireName("feedField", feedField);
      requireName("timeField", timeField);
      requireName("valueField", valueField);
      Objects.requireNonNull(zone, "zone");
      return new ObservationJson(this);
    }

    private static void requireName(String option, String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(option + " must not be blank");
      }
    }
  }
}
