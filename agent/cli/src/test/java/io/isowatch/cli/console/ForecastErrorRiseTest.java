package io.isowatch.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.realized.ForecastOrigin;
import io.isowatch.core.realized.RealizedError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastErrorRiseTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
  private static final ChangePointSummary.Change CHANGE =
      new ChangePointSummary.Change("f", T.plus(Duration.ofMinutes(100)), "level_shift");
  private static final ChangePointSummary.Change QUIET =
      new ChangePointSummary.Change("g", T.plus(Duration.ofMinutes(100)), "frequency_change");

  /**
   * Before the change the errors alternate 1 and 3 (median 2); after it 3.9 does not count (not
   * above 2 x 2), 4.1 does: the rise is the end of that window, and a feed whose error stays flat
   * has none.
   */
  @Test
  void theRiseIsTheFirstErrorAboveTwiceThePreChangeMedian() {
    ForecastErrorRise rise = new ForecastErrorRise(List.of(CHANGE, QUIET));
    for (int minute = 0; minute < 100; minute++) {
      rise.verdict(verdict("f", minute, minute % 2 == 0 ? 1 : 3));
      rise.verdict(verdict("g", minute, 1));
    }
    rise.verdict(verdict("f", 100, 3.9));
    rise.verdict(verdict("f", 107, 4.1));
    rise.verdict(verdict("f", 110, 50));
    rise.verdict(verdict("g", 110, 1.5));

    Map<ChangePointSummary.Change, Optional<Instant>> rises = rise.rises();
    assertThat(rises.get(CHANGE)).contains(T.plus(Duration.ofMinutes(107)));
    assertThat(rises.get(QUIET)).isEmpty();
  }

  @Test
  void theSummarySaysWhenTheErrorRoseAndTheAlertsLeadOnIt() {
    Alert early = alert("f", 103);
    StringWriter text = new StringWriter();

    ChangePointSummary.of(List.of(CHANGE, QUIET), List.of(early))
        .withErrorRises(
            Map.of(CHANGE, Optional.of(T.plus(Duration.ofMinutes(107))), QUIET, Optional.empty()))
        .print(new PrintWriter(text), Map.of());

    assertThat(text.toString())
        .contains("forecast error rose")
        .containsPattern(
            "f +2024-01-01T01:40:00Z +level_shift +2024-01-01T01:47:00Z +warning at"
                + " 2024-01-01T01:43:00Z \\(\\+3 min of event time, 4 min before the error"
                + " rose\\)")
        .containsPattern("g +2024-01-01T01:40:00Z +frequency_change +not within the run +none");
  }

  private static WindowVerdict verdict(String feed, int minute, double mase) {
    Instant end = T.plus(Duration.ofMinutes(minute));
    return new WindowVerdict(
        new Window(feed, minute, end.minusSeconds(60), end, new double[] {1, 2}),
        Map.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(new RealizedError(ForecastOrigin.AGENT, 1, mase, 0.9, 32, 0, 0)),
        0,
        Optional.empty());
  }

  private static Alert alert(String feed, int minute) {
    Instant at = T.plus(Duration.ofMinutes(minute));
    return new Alert(
        "a1",
        feed,
        "forecast-trust",
        Severity.WARNING,
        AlertState.FIRING,
        at.minusSeconds(600),
        at,
        "values left their usual range",
        List.of(),
        "",
        at);
  }
}
