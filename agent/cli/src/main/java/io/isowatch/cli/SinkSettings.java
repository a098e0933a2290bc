package io.isowatch.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts and rejected records go.
 *
 * @param console whether each alert is printed as a line on the command's standard output
 * @param alertsJsonl a file each alert is appended to as one JSON line, if any
 * @param deadLetters the file each rejected record is appended to as one JSON line
 */
record SinkSettings(boolean console, Optional<Path> alertsJsonl, Path deadLetters) {
  /** Where rejected records go unless told otherwise, relative to the working directory. */
  static final String DEFAULT_DEAD_LETTERS = "isowatch-dead-letters.jsonl";

  SinkSettings {
    Objects.requireNonNull(alertsJsonl, "alertsJsonl");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }

  /** Alerts on the console, no alert file, rejected records to {@link #DEFAULT_DEAD_LETTERS}. */
  static SinkSettings defaults() {
    return new SinkSettings(true, Optional.empty(), Path.of(DEFAULT_DEAD_LETTERS));
  }
}
