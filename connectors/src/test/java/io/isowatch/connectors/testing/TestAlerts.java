package io.isowatch.connectors.testing;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Alerts for connector tests: numbered, each with its own id. */
public final class TestAlerts {
  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

  private TestAlerts() {}

  /** Alert number {@code n} of feed {@code feed}, firing. */
  public static Alert firing(String feed, int n, Severity severity) {
    Instant from = START.plus(Duration.ofMinutes(10L * n));
    return new Alert(
        feed + "/geometry-baseline/" + n,
        feed,
        "geometry-baseline",
        severity,
        AlertState.FIRING,
        from,
        from.plus(Duration.ofMinutes(5)),
        "feed " + feed + ": window_isoscore " + (4 + n) + " sigma below its warm-up baseline",
        List.of(new SignalEvidence("window_isoscore", 0.1, 0.45, 0.03, -4.0 - n)),
        "check feed " + feed + " for a regime change since " + from,
        Instant.now());
  }

  /** The resolution of {@code firing}. */
  public static Alert resolved(Alert firing) {
    return new Alert(
        firing.id(),
        firing.feedId(),
        firing.rule(),
        firing.severity(),
        AlertState.RESOLVED,
        firing.from(),
        firing.to().plus(Duration.ofMinutes(30)),
        "feed " + firing.feedId() + ": every signal back within 2.5 sigma",
        List.of(),
        "none needed now",
        Instant.now());
  }
}
