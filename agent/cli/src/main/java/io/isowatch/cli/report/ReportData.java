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
 * @param evaluation evaluation numbers by name, in order (empty outside {@code evaluate})
 * @param notes what was thinned or left out, one sentence each
 */
public record ReportData(
    String title,
    Instant from,
    Instant to,
    List<FeedTimeline> feeds,
    Map<String, String> evaluation,
    List<String> notes) {}
