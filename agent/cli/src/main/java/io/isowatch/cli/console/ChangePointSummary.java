package io.isowatch.cli.console;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the alerts of a run with the regime changes that were injected into it: for each change
 * when the forecasts' error rose after it (if known), the first alert that fired on its feed at or
 * after it (how long after the change, in event time, and its lead on the error's rise), and every
 * alert that fired before any change of its feed (a false alarm).
 */
public final class ChangePointSummary {
  /** A known change: the feed, when it happened, what it was. */
  public record Change(String feedId, Instant at, String kind) {}

  /** The first firing alert at or after a change, if any. */
  public record Detection(Change change, Optional<Alert> alert) {
    public Optional<Duration> delay() {
      return alert.map(a -> Duration.between(change.at(), a.to()));
    }
  }

  private final List<Detection> detections;
  private final List<Alert> falseAlarms;
  private Map<Change, Optional<Instant>> errorRises = Map.of();

  private ChangePointSummary(List<Detection> detections, List<Alert> falseAlarms) {
    this.detections = detections;
    this.falseAlarms = falseAlarms;
  }

  /** The same summary, which also says when each change's forecast error rose. */
  public ChangePointSummary withErrorRises(Map<Change, Optional<Instant>> rises) {
    ChangePointSummary summary = new ChangePointSummary(detections, falseAlarms);
    summary.errorRises = Map.copyOf(rises);
    return summary;
  }

  public static ChangePointSummary of(List<Change> changes, List<Alert> alerts) {
    List<Alert> firing = alerts.stream().filter(a -> a.state() == AlertState.FIRING).toList();
    List<Detection> detections =
        changes.stream()
            .map(
                change ->
                    new Detection(
                        change,
                        firing.stream()
                            .filter(a -> a.feedId().equals(change.feedId()))
                            .filter(a -> !a.to().isBefore(change.at()))
                            .findFirst()))
            .toList();
    Map<String, Instant> firstChange =
        changes.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Change::feedId, Change::at, (a, b) -> a.isBefore(b) ? a : b));
    List<Alert> falseAlarms =
        firing.stream()
            .filter(
                a -> {
                  Instant change = firstChange.get(a.feedId());
                  return change == null || a.to().isBefore(change);
                })
            .toList();
    return new ChangePointSummary(detections, falseAlarms);
  }

  public List<Detection> detections() {
    return detections;
  }

  public List<Alert> falseAlarms() {
    return falseAlarms;
  }

  public long detected() {
    return detections.stream().filter(d -> d.alert().isPresent()).count();
  }

  public void print(PrintWriter out) {
    print(out, Map.of());
  }

  /**
   * Prints the table; a change missed while its feed was still warming up says so ({@code
   * activeSince}: when each feed turned active, empty if it never did; feeds not in it are not
   * known).
   */
  public void print(PrintWriter out, Map<String, Optional<Instant>> activeSince) {
    out.println();
    boolean rises = !errorRises.isEmpty();
    String format = rises ? "%-14s %-22s %-18s %-22s %s%n" : "%-14s %-22s %-18s %s%n";
    out.printf(
        format,
        columns(rises, "feed", "change at", "kind", "forecast error rose", "first alert after it"));
    for (Detection detection : detections) {
      Change change = detection.change();
      Optional<Instant> rose = errorRises.getOrDefault(change, Optional.empty());
      String found =
          detection
              .alert()
              .map(
                  a ->
                      a.severity().label()
                          + " at "
                          + a.to()
                          + " (+"
                          + humanize(detection.delay().orElseThrow())
                          + " of event time"
                          + rose.map(r -> ", " + leadOrLag(Duration.between(a.to(), r))).orElse("")
                          + ")")
              .orElse(missed(change, activeSince.get(change.feedId())));
      out.printf(
          format,
          columns(
              rises,
              change.feedId(),
              change.at().toString(),
              change.kind(),
              rose.map(Instant::toString).orElse("not within the run"),
              found));
    }
    out.printf(
        "detected %d of %d injected changes; %d alert(s) fired before any change on their feed%n",
        detected(), detections.size(), falseAlarms.size());
    out.flush();
  }

  /** A row's cells, the error-rise column only when the run measured it. */
  private static Object[] columns(
      boolean rises, String feed, String at, String kind, String rose, String found) {
    return rises
        ? new Object[] {feed, at, kind, rose, found}
        : new Object[] {feed, at, kind, found};
  }

  private static String missed(Change change, Optional<Instant> activeSince) {
    if (activeSince == null || activeSince.isPresent() && !activeSince.get().isAfter(change.at())) {
      return "none";
    }
    return activeSince
        .map(since -> "none: the feed was warming up, active only from " + since)
        .orElse("none: the feed was warming up to the end, it could not alert");
  }

  /** "12 min before the error rose" or "12 min after the error rose". */
  private static String leadOrLag(Duration alertToRise) {
    return alertToRise.isNegative()
        ? humanize(alertToRise.negated()) + " after the error rose"
        : humanize(alertToRise) + " before the error rose";
  }

  private static String humanize(Duration duration) {
    long minutes = duration.toMinutes();
    return minutes >= 120 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
  }
}
