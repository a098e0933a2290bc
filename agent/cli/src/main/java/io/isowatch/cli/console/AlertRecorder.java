package io.isowatch.cli.console;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.io.AlertSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keeps the alerts of a bounded run (a demo, a replay) for its closing summary. Bounded: past
 * {@code capacity} alerts it only counts, so a noisy run cannot exhaust memory.
 */
public final class AlertRecorder implements AlertSink {
  private final int capacity;
  private final List<Alert> alerts = new ArrayList<>();
  private long dropped;

  public AlertRecorder(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized void send(Alert alert) {
    if (alerts.size() < capacity) {
      alerts.add(alert);
    } else {
      dropped++;
    }
  }

  public synchronized List<Alert> alerts() {
    return Collections.unmodifiableList(new ArrayList<>(alerts));
  }

  public synchronized long dropped() {
    return dropped;
  }
}
