package io.isowatch.cli.config;

import io.isowatch.connectors.sink.DeadLetterLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts and rejected records go.
 *
 * @param console whether each alert is printed as a line on the command's standard output
 * @param alertsJsonl a file each alert is appended to as one JSON line, if any
 * @param deadLetters the file each rejected record is appended to as one JSON line
 * @param receivers alert sinks that deliver to a receiver: webhooks, Alertmanager, a Kafka topic
 * @param deadLetterLimits how soon dead letters reach the disk, how large and how fast they grow
 */
public record SinkSettings(
    boolean console,
    Optional<Path> alertsJsonl,
    Path deadLetters,
    List<AlertSinkSpec> receivers,
    DeadLetterLimits deadLetterLimits) {
  /** Where rejected records go unless told otherwise, relative to the working directory. */
  public static final String DEFAULT_DEAD_LETTERS = "isowatch-dead-letters.jsonl";

  public SinkSettings {
    Objects.requireNonNull(alertsJsonl, "alertsJsonl");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(deadLetterLimits, "deadLetterLimits");
    receivers = List.copyOf(receivers);
  }

  /** Dead letters within {@link DeadLetterLimits#defaults()}. */
  public SinkSettings(
      boolean console,
      Optional<Path> alertsJsonl,
      Path deadLetters,
      List<AlertSinkSpec> receivers) {
    this(console, alertsJsonl, deadLetters, receivers, DeadLetterLimits.defaults());
  }

  /** No receivers: the console, an alert file and the dead letters only. */
  public SinkSettings(boolean console, Optional<Path> alertsJsonl, Path deadLetters) {
    this(console, alertsJsonl, deadLetters, List.of());
  }

  /** A copy that also delivers to {@code more}. */
  public SinkSettings withReceivers(List<AlertSinkSpec> more) {
    List<AlertSinkSpec> all = new java.util.ArrayList<>(receivers);
    all.addAll(more);
    return new SinkSettings(console, alertsJsonl, deadLetters, all, deadLetterLimits);
  }

  /** Alerts on the console, no alert file, rejected records to {@link #DEFAULT_DEAD_LETTERS}. */
  public static SinkSettings defaults() {
    return new SinkSettings(true, Optional.empty(), Path.of(DEFAULT_DEAD_LETTERS));
  }
}
