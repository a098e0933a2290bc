package io.isowatch.kafkastreams;

import java.util.Objects;

/**
 * A record the monitor processor hands to one of the engine's output topics: its JSON text and
 * where it goes. Headers (the dead letters' original bytes and reason) travel on the Kafka record.
 */
record Emitted(Destination destination, String json) {
  Emitted {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(json, "json");
  }

  /** The output topics of the engine. */
  enum Destination {
    ALERT,
    MEASURES,
    DEAD_LETTER
  }
}
