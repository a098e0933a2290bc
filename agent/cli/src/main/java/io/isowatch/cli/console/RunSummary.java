package io.isowatch.cli.console;

import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.monitor.WarmUp;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 * (the totals on one line), then whether each feed could alert at its end ({@link #printWarmUp}).
 * Records are counted once: observations accepted plus records rejected is what the sources read;
 * window restarts after a gap are notices about accepted records, shown apart. Reasons and
 * severities with a count of zero are left out; past {@link #MAX_ROWS} feeds the table ends with
 * how many were left out.
 */
public final class RunSummary {
  public static final int MAX_ROWS = 50;

  /** Feed names are escaped ({@link ConsoleText}) and cut at this many characters. */
  public static final int MAX_NAME = 60;

  private RunSummary() {}

  public static void print(RunTally tally, PrintWriter out) {
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
    printWarmUp(tally, out);
    out.flush();
  }

  /**
   * Whether each feed could alert by the end of the run: a feed still warming up could not, however
   * wrong its forecasts were, so its silence is no sign of health. For example
   *
   * <pre>
   * warm-up: 1 feed active, 1 warming up (cannot alert yet: no alert is no sign of health)
   *   disk: warming up: the trust score needs 52 more evaluations (about 1664 values); ...
   * </pre>
   */
  public static void printWarmUp(RunTally tally, PrintWriter out) {
    Map<String, WarmUp> warmUps = tally.warmUps();
    List<String> feedIds = new ArrayList<>();
    for (RunTally.FeedRow row : tally.feeds()) {
      String feedId = row.feedId();
      boolean noWindow = row.windows() == 0 && !warmUps.containsKey(feedId);
      if (noWindow && row.observations() > 0 && !isPseudoFeed(feedId)) {
        feedIds.add(feedId); // not a whole window yet: nothing judged at all
      }
    }
    long active = warmUps.values().stream().filter(WarmUp::active).count();
    long warming = warmUps.size() - active + feedIds.size();
    if (warmUps.isEmpty() && feedIds.isEmpty()) {
      return;
    }
    if (warming == 0) {
      out.printf(
          Locale.ROOT,
          "warm-up: %s active: every forecast rule can alert; since%s%n",
          active == 1 ? "the feed is" : "all " + active + " feeds are",
          sinceList(tally));
      return;
    }
    out.printf(
        Locale.ROOT,
        "warm-up: %d feed%s active, %d warming up (cannot alert yet: no alert is no sign of"
            + " health)%n",
        active,
        active == 1 ? "" : "s",
        warming);
    int shown = 0;
    for (Map.Entry<String, WarmUp> entry : warmUps.entrySet()) {
      if (!entry.getValue().active() && shown++ < MAX_ROWS) {
        out.printf(
            Locale.ROOT,
            "  %s: %s%n",
            ConsoleText.escape(entry.getKey(), MAX_NAME),
            entry.getValue().describe());
      }
    }
    for (String feedId : feedIds) {
      if (shown++ < MAX_ROWS) {
        out.printf(
            Locale.ROOT,
            "  %s: warming up: no whole window yet%n",
            ConsoleText.escape(feedId, MAX_NAME));
      }
    }
    if (shown > MAX_ROWS) {
      out.printf(Locale.ROOT, "  ... and %d more warming up%n", shown - MAX_ROWS);
    }
  }

  /** " cpu 2024-01-01T14:36:00Z, disk ..." (event times), bounded by {@link #MAX_ROWS}. */
  private static String sinceList(RunTally tally) {
    StringBuilder list = new StringBuilder();
    int shown = 0;
    for (Map.Entry<String, Optional<Instant>> entry : tally.activeSince().entrySet()) {
      if (entry.getValue().isPresent() && shown++ < MAX_ROWS) {
        list.append(shown == 1 ? " " : ", ")
            .append(ConsoleText.escape(entry.getKey(), MAX_NAME))
            .append(' ')
            .append(entry.getValue().get());
      }
    }
    if (shown > MAX_ROWS) {
      list.append(", ... and ").append(shown - MAX_ROWS).append(" more");
    }
    return list.toString();
  }

  private static boolean isPseudoFeed(String feedId) {
    return feedId.equals(RunTally.NO_FEED) || feedId.equals(RunTally.OTHER_FEEDS);
  }

  /** The totals line, without its line break. */
  public static String totals(RunTally tally) {
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
