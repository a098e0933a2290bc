package io.isowatch.connectors.json;

/** How a message payload (MQTT, HTTP push, stdin line) carries its observation. */
public enum PayloadFormat {
  /** A JSON object ({@link ObservationJson}) when it starts with <code>{</code>, else a number. */
  AUTO,
  /** A JSON object read by {@link ObservationJson}; the transport may name the feed. */
  JSON,
  /**
   * A bare number such as {@code 21.5}: the transport names the feed and the arrival time is the
   * event time.
   */
  NUMBER
}
