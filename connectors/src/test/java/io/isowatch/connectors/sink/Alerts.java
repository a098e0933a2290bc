package io.isowatch.connectors.sink;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import java.time.Instant;
import java.util.List;

/** Alerts for the sink tests. */
final class Alerts {
  private Alerts() {}

  static Alert critical() {
    return new Alert(
        "alert-7",
        "synthetic-1",
        "geometry-baseline",
        Severity.CRITICAL,
        AlertState.FIRING,
        Instant.parse("2024-01-01T10:00:00Z"),
        Instant.parse("2024-01-01T11:00:00Z"),
        "isotropy collapsed",
        List.of(
            new SignalEvidence("window_isoscore", 0.12, 0.45, 0.03, -11.0),
            new SignalEvidence("log_partition_drift", 3.1, 0.2, 0.5, 5.8, Double.NaN, 1.25),
            new SignalEvidence("raw_avg_cosine", 0.91, 0.4, Double.NaN, Double.NaN),
            new SignalEvidence("mean_norm_ratio", 0.7, 0.6, 0.1, 1.0)),
        "check the feed's source",
        Instant.parse("2024-01-01T11:00:02.5Z"));
  }

  static Alert resolved() {
    return new Alert(
        "alert-7",
        "synthetic-1",
        "geometry-baseline",
        Severity.WARNING,
        AlertState.RESOLVED,
        Instant.parse("2024-01-01T10:00:00Z"),
        Instant.parse("2024-01-01T12:00:00Z"),
        "back to baseline\nafter 2 windows",
        List.of(),
        "",
        Instant.parse("2024-01-01T12:00:01Z"));
  }
}
