package io.isowatch.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WarmUp;
import io.isowatch.core.monitor.WindowVerdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void countsTotalsAndFeedsAndPrintsThemReadably() {
    RunTally tally = new RunTally(10);
    for (int i = 0; i < 5; i++) {
      tally.observed("cpu");
    }
    tally.observed("disk");
    tally.windowMeasured("cpu");
    tally.windowMeasured("cpu");
    tally.rejected(rejection(RejectionReason.UNPARSABLE, Optional.empty()));
    tally.rejected(rejection(RejectionReason.NOT_FINITE, Optional.of("cpu")));
    tally.rejected(rejection(RejectionReason.NOT_FINITE, Optional.of("cpu")));
    tally.alert(alert("cpu", Severity.CRITICAL, AlertState.FIRING));
    tally.alert(alert("cpu", Severity.CRITICAL, AlertState.RESOLVED));
    tally.alert(alert("disk", Severity.WARNING, AlertState.FIRING));

    StringWriter text = new StringWriter();
    RunSummary.print(tally, new PrintWriter(text));

    assertThat(text.toString().lines().toList())
        .containsExactly(
            "summary: 6 observations, 3 rejected (unparsable 1, not_finite 2), 2 windows"
                + " embedded, 2 alerts fired (1 warning, 1 critical), 1 resolved",
            "feed      observations   rejected    windows     firing   resolved",
            "cpu                  5          2          2          1          1",
            "disk                 1          0          0          1          0",
            "(no feed)            0          1          0          0          0",
            "warm-up: 0 feeds active, 1 warming up (cannot alert yet: no alert is no sign of"
                + " health)",
            "  disk: warming up: no whole window yet");
  }

  @Test
  void aFeedStillWarmingUpSaysSoAndWhatItStillNeeds() {
    RunTally tally = new RunTally(10);
    tally.observed("cpu");
    tally.observed("disk");
    tally.verdict(verdict("cpu", new WarmUp(52, 0, true, 32)));
    tally.verdict(verdict("disk", new WarmUp(0, 0, true, 32)));

    StringWriter text = new StringWriter();
    RunSummary.print(tally, new PrintWriter(text));

    assertThat(text.toString().lines().toList())
        .endsWith(
            "warm-up: 1 feed active, 1 warming up (cannot alert yet: no alert is no sign of"
                + " health)",
            "  cpu: warming up: the trust score needs 52 more evaluations (about 1664 values);"
                + " the realized error can alert");
  }

  @Test
  void feedsThatCanAllAlertSayItInOneLine() {
    RunTally tally = new RunTally(10);
    tally.observed("cpu");
    tally.verdict(verdict("cpu", new WarmUp(52, 0, true, 32)));
    tally.verdict(verdict("cpu", new WarmUp(0, 0, true, 32)));

    StringWriter text = new StringWriter();
    RunSummary.print(tally, new PrintWriter(text));

    assertThat(text.toString().lines().toList())
        .endsWith(
            "warm-up: the feed is active: every forecast rule can alert; since cpu"
                + " 2024-01-01T00:01:00Z");
  }

  private static WindowVerdict verdict(String feed, WarmUp warmUp) {
    return new WindowVerdict(
        new Window(feed, 1, T, T.plusSeconds(60), new double[] {1, 2}),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        Optional.of(warmUp));
  }

  @Test
  void feedsBeyondTheCapShareOneRow() {
    RunTally tally = new RunTally(2);
    for (String feed : List.of("a", "b", "c", "d", "a")) {
      tally.observed(feed);
    }
    tally.rejected(rejection(RejectionReason.FEED_LIMIT, Optional.of("e")));
    tally.rejected(rejection(RejectionReason.UNPARSABLE, Optional.empty()));

    assertThat(tally.feeds())
        .containsExactly(
            new RunTally.FeedRow("a", 2, 0, 0, 0, 0),
            new RunTally.FeedRow("b", 1, 0, 0, 0, 0),
            new RunTally.FeedRow(RunTally.OTHER_FEEDS, 2, 1, 0, 0, 0),
            new RunTally.FeedRow(RunTally.NO_FEED, 0, 1, 0, 0, 0));
    assertThat(tally.observations()).isEqualTo(5);
  }

  @Test
  void anEmptyRunPrintsZerosAndNoTable() {
    StringWriter text = new StringWriter();
    RunSummary.print(new RunTally(1), new PrintWriter(text));

    assertThat(text.toString().strip())
        .isEqualTo(
            "summary: 0 observations, 0 rejected, 0 windows embedded, 0 alerts fired,"
                + " 0 resolved");
  }

  @Test
  void feedNamesPrintEscapedOnOneLineAndGapsAreNotRejections() {
    RunTally tally = new RunTally(10);
    tally.observed("cpu");
    tally.observed("tab\there");
    tally.rejected(rejection(RejectionReason.GAP, Optional.of("cpu")));
    // A record the decoder refused still names its feed as read, line break and all.
    tally.rejected(rejection(RejectionReason.UNPARSABLE, Optional.of("evil\nfeed 0 0 0")));
    tally.rejected(rejection(RejectionReason.UNPARSABLE, Optional.of("\u001B[2Jwiped")));

    StringWriter text = new StringWriter();
    RunSummary.print(tally, new PrintWriter(text));

    assertThat(text.toString().lines().toList())
        .containsExactly(
            "summary: 2 observations, 2 rejected (unparsable 2), 1 window restarts after gaps,"
                + " 0 windows embedded, 0 alerts fired, 0 resolved",
            "feed      observations   rejected    windows     firing   resolved",
            "cpu                  1          0          0          0          0",
            "tab\\there            1          0          0          0          0",
            "(no feed)            0          2          0          0          0",
            "warm-up: 0 feeds active, 2 warming up (cannot alert yet: no alert is no sign of"
                + " health)",
            "  cpu: warming up: no whole window yet",
            "  tab\\there: warming up: no whole window yet");
  }

  @Test
  void longNamesAreCut() {
    RunTally tally = new RunTally(10);
    tally.observed("x".repeat(200_000));

    StringWriter text = new StringWriter();
    RunSummary.print(tally, new PrintWriter(text));

    assertThat(text.toString().lines().skip(2).findFirst().orElseThrow())
        .startsWith("x".repeat(RunSummary.MAX_NAME) + "\u2026 (200000 characters)")
        .hasSizeLessThan(200);
  }

  private static Rejection rejection(RejectionReason reason, Optional<String> feed) {
    return new Rejection(reason, feed, "x", "because", T);
  }

  private static Alert alert(String feed, Severity severity, AlertState state) {
    return new Alert(
        feed + "-1", feed, "geometry-baseline", severity, state, T, T, "s", List.of(), "", T);
  }
}
