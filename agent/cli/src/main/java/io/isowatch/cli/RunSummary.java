package io.isowatch.cli;

import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.RejectionReason;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the closing summary of a bounded run from its {@link RunTally}: one totals line, then a
 * table with one row per feed, for example
 *
 * <pre>
 * summary: 1200 observations, 3 rejected (unparsable 2, missing_field 1), 285 windows embedded,
 *   2 alerts fired (1 warning, 1 critical), 1 resolved
 * feed                       observations   rejected    windows     firing   resolved
 * cpu                                1200          2        285          2          1
 * (no feed)                             0          1          0          0          0
 * </pre>
 *
 * (the totals on one line). Reasons and severities with a count of zero are left out; past {@link
 * #MAX_ROWS} feeds the table ends with how many were left out.
 */
final class RunSummary {
  static final int MAX_ROWS = 50;

  private RunSummary() {}

  static void print(RunTally tally, PrintWriter out) {
    out.println(totals(tally));
    List<RunTally.FeedRow> rows = tally.feeds();
    if (!rows.isEmpty()) {
      int width = Math.max(4, rows.stream().mapToInt(r -> r.feedId().length()).max().orElse(4));
      width = Math.min(width, 60);
      String format = "%-" + width + "s %12s %10s %10s %10s %10s%n";
      out.printf(
          Locale.ROOT, format, "feed", "observations", "rejected", "windows", "firing", "resolved");
      for (RunTally.FeedRow row : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
        out.printf(
            Locale.ROOT,
            format,
            row.feedId(),
            row.observations(),
            row.rejected(),
            row.windows(),
            row.firing(),
            row.resolved());
      }
      if (rows.size() > MAX_ROWS) {
        out.printf(
            Locale.ROOT,
            "... and %d more feeds (the metrics endpoint has them all)%n",
            rows.size() - MAX_ROWS);
      }
    }
    out.flush();
  }

  /** The totals line, without its line break. */
  static String totals(RunTally tally) {
    List<String> reasons = new ArrayList<>();
    for (RejectionReason reason : RejectionReason.values()) {
      if (tally.rejected(reason) > 0) {
        reasons.add(reason.label() + " " + tally.rejected(reason));
      }
    }
    List<String> severities = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      if (tally.firing(severity) > 0) {
        severities.add(tally.firing(severity) + " " + severity.label());
      }
    }
    return String.format(
        Locale.ROOT,
        "summary: %d observations, %d rejected%s, %d windows embedded, %d alerts fired%s,"
            + " %d resolved",
        tally.observations(),
        tally.rejected(),
        reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")",
        tally.windows(),
        tally.firing(),
        severities.isEmpty() ? "" : " (" + String.join(", ", severities) + ")",
        tally.resolved());
  }
}
