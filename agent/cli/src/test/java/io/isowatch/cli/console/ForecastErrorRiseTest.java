package io.isowatch.cli.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.AgentForecast;
import io.isowatch.core.monitor.WindowVerdict;
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
   * Windows of 4 values, stride 2, horizon 1: each forecast is for the value at index 2 of the next
   * window. Before the change the absolute errors alternate 1 and 3 (mean 2.01 over minutes 1 to
   * 99); from minute 100 on they are 4.5, so the mean of the last 8 exceeds 2 x 2.01 once 8 errors
   * follow the change, and the rise is dated at the first of them, minute 100. A feed whose error
   * grows by half has no rise.
   */
  @Test
  void theRiseIsWhenTheRecentMeanErrorExceedsTwiceThePreChangeMean() {
    ForecastErrorRise rise = new ForecastErrorRise(List.of(CHANGE, QUIET), 2, 1);
    for (int minute = 0; minute < 100; minute++) {
      rise.verdict(verdict("f", minute, 10, minute % 2 == 0 ? 1 : 3));
      rise.verdict(verdict("g", minute, 10, 1));
    }
    for (int minute = 100; minute < 120; minute++) {
      rise.verdict(verdict("f", minute, 10, 4.5));
      rise.verdict(verdict("g", minute, 10, 1.5));
    }

    Map<ChangePointSummary.Change, Optional<Instant>> rises = rise.rises();
    assertThat(rises.get(CHANGE)).contains(T.plus(Duration.ofMinutes(100)));
    assertThat(rises.get(QUIET)).isEmpty();
  }

  @Test
  void oneLargeErrorAfterTheChangeIsNoRise() {
    ForecastErrorRise rise = new ForecastErrorRise(List.of(CHANGE), 2, 1);
    for (int minute = 0; minute < 100; minute++) {
      rise.verdict(verdict("f", minute, 10, 1));
    }
    rise.verdict(verdict("f", 100, 10, 7)); // mean of 8 with the rest at 1: 1.75 < 2
    for (int minute = 101; minute < 140; minute++) {
      rise.verdict(verdict("f", minute, 10, 1));
    }

    assertThat(rise.rises().get(CHANGE)).isEmpty();
  }

  @Test
  void aForecastIsNotJudgedAcrossAGapInTheWindowSequence() {
    ForecastErrorRise rise = new ForecastErrorRise(List.of(CHANGE), 2, 1);
    for (int minute = 0; minute < 100; minute++) {
      rise.verdict(verdict("f", minute, 10, 1));
    }
    // after the change only every other window arrives: no forecast meets its actual
    for (int minute = 100; minute < 140; minute += 2) {
      rise.verdict(verdict("f", minute, 10, 50));
    }

    assertThat(rise.rises().get(CHANGE)).isEmpty();
  }

  @Test
  void aHorizonBeyondTheStrideIsRefused() {
    assertThatThrownBy(() -> new ForecastErrorRise(List.of(CHANGE), 2, 3))
        .hasMessageContaining("horizon must be between 1 and the stride 2, got 3");
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

  /**
   * The verdict of window {@code minute} of {@code feed}: its values hold, at index 2, the actual
   * that the previous window's forecast {@code level} missed by {@code error}; its own forecast is
   * {@code level} again.
   */
  private static WindowVerdict verdict(String feed, int minute, double level, double error) {
    Instant end = T.plus(Duration.ofMinutes(minute));
    double actual = minute % 3 == 0 ? level + error : level - error;
    return new WindowVerdict(
        new Window(feed, minute, end.minusSeconds(60), end, new double[] {0, 0, actual, 0}),
        Map.of(),
        List.of(),
        Optional.of(new AgentForecast(end, level, level - 1, level + 1)),
        Optional.empty(),
        Optional.empty(),
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
