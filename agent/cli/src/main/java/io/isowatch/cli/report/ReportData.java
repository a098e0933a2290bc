package io.isowatch.cli.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one report page shows.
 *
 * @param title the page's heading
 * @param from event time of the first point or alert, null if the run had none
 * @param to event time of the last point or alert, null if the run had none
 * @param feeds one timeline per feed, in the order the feeds appeared
 * @param axes whether the feeds share one time axis or each has its own
 * @param evaluation facts of the evaluation by name, in order (empty outside {@code evaluate})
 * @param tables tables of numbers, e.g. the evaluation's metrics per detector (may be empty)
 * @param notes what was thinned or left out, one sentence each
 */
public record ReportData(
    String title,
    Instant from,
    Instant to,
    List<FeedTimeline> feeds,
    Axes axes,
    Map<String, String> evaluation,
    List<ReportTable> tables,
    List<String> notes) {

  /** How the feeds' time axes relate. */
  public enum Axes {
    /** One axis from the first to the last event time of the run, the same for every feed. */
    SHARED,
    /** Each feed on an axis of its own event times: for series that never ran side by side. */
    PER_FEED
  }
}
