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
 * (the totals on one line). Records are counted once: observations accepted plus records rejected
 * is what the sources read; window restarts after a gap are notices about accepted records, shown
 * apart. Reasons and severities with a count of zero are left out; past {@link #MAX_ROWS} feeds the
 * table ends with how many were left out.
 */
final class RunSummary {
  static final int MAX_ROWS = 50;

  /** Feed names are escaped ({@link ConsoleText}) and cut at this many characters. */
  static final int MAX_NAME = 60;

  private RunSummary() {}

  static void print(RunTally tally, PrintWriter out) {
    out.println(totals(tally));
    List<RunTally.FeedRow> rows = tally.feeds();
    if (!rows.isEmpty()) {
      List<String> names =
          rows.stream().map(r -> ConsoleText.escape(r.feedId(), MAX_NAME)).toList();
      int width = Math.max(4, names.stream().mapToInt(String::length).max().orElse(4));
      width = Math.min(width, MAX_NAME);
      String format = "%-" + width + "s %12s %10s %10s %10s %10s%n";
      out.printf(
          Locale.ROOT, format, "feed", "observations", "rejected", "windows", "firing", "resolved");
      for (int i = 0; i < Math.min(rows.size(), MAX_ROWS); i++) {
        RunTally.FeedRow row = rows.get(i);
        out.printf(
            Locale.ROOT,
            format,
            names.get(i),
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
      if (reason.refusesRecord() && tally.rejected(reason) > 0) {
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
        "summary: %d observations, %d rejected%s%s, %d windows embedded, %d alerts fired%s,"
            + " %d resolved",
        tally.observations(),
        tally.rejected(),
        reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")",
        tally.restarts() > 0 ? ", " + tally.restarts() + " window restarts after gaps" : "",
        tally.windows(),
        tally.firing(),
        severities.isEmpty() ? "" : " (" + String.join(", ", severities) + ")",
        tally.resolved());
  }
}
