package io.isowatch.kafkastreams;

import java.util.Locale;

/** Where the engine reads each input record's feed id, which is also the key of its state. */
public enum KeyBy {
  /**
   * The Kafka record key is the feed id: producers already partition the topic by feed, so no
   * repartitioning is needed. A record without a key, or whose feed field names another feed than
   * its key, is dead-lettered (its feed's state lives on another partition).
   */
  RECORD_KEY,
  /**
   * The feed field of the JSON record names the feed (the key is only a fallback when the field is
   * absent); records are repartitioned by feed through an internal topic before the monitors.
   */
  FIELD;

  /** The lower-case label used in options and configuration, e.g. {@code record-key}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
