package io.isowatch.cli.report;

import static io.isowatch.cli.report.ReportFixtures.alert;
import static io.isowatch.cli.report.ReportFixtures.signals;
import static io.isowatch.cli.report.ReportFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.AgentForecast;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportRecorderTest {
  @Test
  void eachWindowAddsItsNewestValueAndEachEvaluationItsSignals() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("cpu", 10, 5.0, Map.of()));
    recorder.verdict(verdict("cpu", 14, 7.0, signals(0.3, 0.9)));
    recorder.verdict(verdict("cpu", 18, 6.0, Map.of()));

    ReportData data = recorder.snapshot("t", Map.of());

    FeedTimeline cpu = data.feeds().get(0);
    Map<String, List<Series>> panels = cpu.panels();
    assertThat(panels.keySet())
        .containsExactly(
            "values",
            MonitorSignal.WINDOW_RAW_AVG_COSINE.label(),
            MonitorSignal.WINDOW_ISOSCORE.label());
    Series values = panels.get("values").get(0);
    assertThat(values.name()).isEqualTo("value");
    assertThat(values.values()).containsExactly(5.0, 7.0, 6.0);
    assertThat(values.times())
        .containsExactly(
            ReportFixtures.START.plusSeconds(600).toEpochMilli(),
            ReportFixtures.START.plusSeconds(840).toEpochMilli(),
            ReportFixtures.START.plusSeconds(1080).toEpochMilli());
    assertThat(panels.get("window_isoscore").get(0).values()).containsExactly(0.3);
    assertThat(data.from()).isEqualTo(ReportFixtures.START.plusSeconds(600));
    assertThat(data.to()).isEqualTo(ReportFixtures.START.plusSeconds(1080));
  }

  @Test
  void anAlertIsOneIntervalFromItsFirstFiringToItsResolutionOrTheEndOfTheRun() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("cpu", 10, 5.0, Map.of()));
    recorder.alert(alert("a1", "cpu", Severity.WARNING, AlertState.FIRING, 20, 22));
    recorder.alert(alert("a1", "cpu", Severity.CRITICAL, AlertState.FIRING, 20, 30));
    recorder.alert(alert("a1", "cpu", Severity.CRITICAL, AlertState.RESOLVED, 20, 45));
    recorder.alert(alert("a2", "cpu", Severity.WARNING, AlertState.FIRING, 50, 52));
    recorder.verdict(verdict("cpu", 70, 5.0, Map.of()));

    List<AlertSpan> alerts = recorder.snapshot("t", Map.of()).feeds().get(0).alerts();

    assertThat(alerts)
        .extracting(AlertSpan::severity, AlertSpan::from, AlertSpan::to, AlertSpan::resolved)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("critical", minute(20), minute(45), true),
            org.assertj.core.groups.Tuple.tuple("warning", minute(50), minute(70), false));
  }

  @Test
  void theForecastOfAWindowLandsOneCadenceStepAfterIt() {
    ReportRecorder recorder = new ReportRecorder();
    Window window = ReportFixtures.window("cpu", 10, 5.0);
    recorder.verdict(
        new WindowVerdict(
            window,
            Map.of(MonitorSignal.TRUST_SCORE, 0.7),
            List.of(),
            Optional.of(new AgentForecast(window.lastEventTime(), 5.5, 4.0, 7.0)),
            Optional.empty(),
            Optional.empty(),
            1));

    Map<String, List<Series>> panels = recorder.snapshot("t", Map.of()).feeds().get(0).panels();

    Series forecast = panels.get("values").get(1);
    assertThat(forecast.name()).isEqualTo("forecast");
    assertThat(forecast.values()).containsExactly(5.5);
    // the fixture's windows hold 4 values a minute apart
    assertThat(forecast.times()).containsExactly(minute(11).toEpochMilli());
    assertThat(panels.get("trust_score").get(0).values()).containsExactly(0.7);
  }

  @Test
  void feedsBeyondTheLimitAreCountedNotKept() {
    ReportRecorder recorder = new ReportRecorder(2, 10);
    for (String feed : List.of("a", "b", "c", "d")) {
      recorder.verdict(verdict(feed, 10, 1.0, Map.of()));
    }
    recorder.record("c", "values", "forecast", 0, 1.0);

    ReportData data = recorder.snapshot("t", Map.of());

    assertThat(data.feeds()).extracting(FeedTimeline::feedId).containsExactly("a", "b");
    assertThat(data.notes()).anyMatch(n -> n.contains("first 2 feeds") && n.contains("3 times"));
  }

  @Test
  void seriesComputedElsewherePlugInByName() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("cpu", 10, 5.0, Map.of()));
    recorder.record("cpu", "values", "forecast", minute(11).toEpochMilli(), 5.5);
    recorder.record("cpu", "trust", "trust_score", minute(11).toEpochMilli(), 0.8);

    Map<String, List<Series>> panels = recorder.snapshot("t", Map.of()).feeds().get(0).panels();

    assertThat(panels.get("values")).extracting(Series::name).containsExactly("value", "forecast");
    assertThat(panels.get("trust").get(0).values()).containsExactly(0.8);
  }

  private static Instant minute(int minute) {
    return ReportFixtures.START.plusSeconds(60L * minute);
  }
}
