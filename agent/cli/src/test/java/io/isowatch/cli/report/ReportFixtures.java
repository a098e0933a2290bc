package io.isowatch.cli.report;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WarmUp;
import io.isowatch.core.monitor.WindowVerdict;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Verdicts and alerts made by hand, for report tests that need no model. */
final class ReportFixtures {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  private ReportFixtures() {}

  /** A window of 4 values ending at minute {@code minute} whose newest value is {@code last}. */
  static Window window(String feed, int minute, double last) {
    return new Window(
        feed,
        minute,
        START.plusSeconds(60L * (minute - 3)),
        START.plusSeconds(60L * minute),
        new double[] {last - 3, last - 2, last - 1, last});
  }

  static WindowVerdict verdict(String feed, int minute, double last, Map<MonitorSignal, Double> s) {
    return new WindowVerdict(window(feed, minute, last), s, List.of());
  }

  /** A verdict that says whether its feed could alert yet. */
  static WindowVerdict verdict(
      String feed, int minute, double last, Map<MonitorSignal, Double> s, WarmUp warmUp) {
    return new WindowVerdict(
        window(feed, minute, last),
        s,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.of(warmUp));
  }

  static Map<MonitorSignal, Double> signals(double isoscore, double rawCosine) {
    Map<MonitorSignal, Double> signals = new EnumMap<>(MonitorSignal.class);
    signals.put(MonitorSignal.WINDOW_ISOSCORE, isoscore);
    signals.put(MonitorSignal.WINDOW_RAW_AVG_COSINE, rawCosine);
    return signals;
  }

  static Alert alert(
      String id, String feed, Severity severity, AlertState state, int fromMinute, int toMinute) {
    return new Alert(
        id,
        feed,
        "geometry-baseline",
        severity,
        state,
        START.plusSeconds(60L * fromMinute),
        START.plusSeconds(60L * toMinute),
        "feed " + feed + ": window_isoscore far from its baseline",
        List.of(),
        "look at " + feed,
        Instant.now());
  }
}
