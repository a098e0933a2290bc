package io.isowatch.cli.report;

import static io.isowatch.cli.report.ReportFixtures.alert;
import static io.isowatch.cli.report.ReportFixtures.signals;
import static io.isowatch.cli.report.ReportFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.monitor.WarmUp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern POLYLINE =
      Pattern.compile(
          "<polyline class=\"series\" data-series=\"([^\"]+)\"[^>]* points=\"([^\"]*)\"");

  @Test
  void drawsOneLinePerSeriesWithOnePointPerSample() {
    ReportRecorder recorder = new ReportRecorder();
    for (int i = 0; i < 40; i++) {
      recorder.verdict(
          verdict("cpu", 10 + 4 * i, Math.sin(i), i % 4 == 0 ? signals(0.1 * i, 0.5) : Map.of()));
    }

    String html = HtmlReport.render(recorder.snapshot("run", Map.of()));

    Map<String, Integer> points = new LinkedHashMap<>();
    Matcher m = POLYLINE.matcher(html);
    while (m.find()) {
      points.put(m.group(1), m.group(2).split(" ").length);
    }
    assertThat(points)
        .containsEntry("value", 40)
        .containsEntry("window_isoscore", 10)
        .containsEntry("window_raw_avg_cosine", 10)
        .hasSize(3);
    assertThat(html).contains("stroke=\"" + HtmlReport.VALUE_COLOR + "\"");
  }

  @Test
  void alertsAreShadedOnEveryPanelOfTheirFeedAndListed() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("cpu", 10, 1, signals(0.2, 0.4)));
    recorder.verdict(verdict("cpu", 90, 2, signals(0.3, 0.5)));
    recorder.alert(alert("a", "cpu", Severity.CRITICAL, AlertState.FIRING, 30, 40));
    recorder.alert(alert("a", "cpu", Severity.CRITICAL, AlertState.RESOLVED, 30, 60));

    String html = HtmlReport.render(recorder.snapshot("run", Map.of()));

    assertThat(count(html, "<rect class=\"alert\"")).isEqualTo(3);
    assertThat(html).contains("fill=\"" + HtmlReport.CRITICAL_COLOR + "\"");
    assertThat(html).contains("critical 2024-01-01 00:30 to 2024-01-01 01:00");
  }

  @Test
  void aFeedWithoutAlertsThatWasStillWarmingUpSaysItCouldNotAlert() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("short", 10, 1, signals(0.2, 0.4), new WarmUp(52, 3, true, 32)));
    recorder.verdict(verdict("long", 10, 1, signals(0.2, 0.4), new WarmUp(0, 0, true, 32)));

    String html = HtmlReport.render(recorder.snapshot("run", Map.of()));

    assertThat(html)
        .contains(
            "No alert on this feed, but it could not alert: state at its end: warming up: the"
                + " trust score needs 52 more evaluations (about 1664 values); the realized error"
                + " needs 3 more evaluations (about 96 values).")
        .contains(
            "No alert on this feed. State at its end: active (every forecast rule could alert).");
  }

  @Test
  void thePageReferencesNothingOutsideItself() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("https://feed.example/x", 10, 1, signals(0.2, 0.4)));
    recorder.alert(
        alert("a", "https://feed.example/x", Severity.WARNING, AlertState.FIRING, 9, 10));

    String html = HtmlReport.render(recorder.snapshot("run", Map.of()));

    assertThat(externalReferences(html)).isEmpty();
    assertThat(html).doesNotContain("<script", "<link", "<img", "@import");
  }

  @Test
  void textFromTheFeedsIsEscaped() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("<b>\"x\"&y", 10, 1, Map.of()));

    String html = HtmlReport.render(recorder.snapshot("a <title>", Map.of("<n>", "1 & 2")));

    assertThat(html)
        .contains("&lt;b&gt;&quot;x&quot;&amp;y")
        .contains("<title>a &lt;title&gt;</title>")
        .contains("<th>&lt;n&gt;</th><td class=\"num\">1 &amp; 2</td>")
        .doesNotContain("<b>");
  }

  @Test
  void evaluationNumbersAppearAsATableOnlyWhenGiven() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("cpu", 10, 1, Map.of()));
    Map<String, String> numbers = new LinkedHashMap<>();
    numbers.put("detection rate", "0.75");
    numbers.put("false alarms per 1000 windows", "1.2");

    assertThat(HtmlReport.render(recorder.snapshot("r", Map.of()))).doesNotContain("Evaluation");
    assertThat(HtmlReport.render(recorder.snapshot("r", numbers)))
        .contains("<h2>Evaluation</h2>")
        .containsSubsequence("detection rate", "0.75", "false alarms per 1000 windows", "1.2");
  }

  @Test
  void numbersReadAsPeopleWriteThem() {
    assertThat(HtmlReport.number(1000)).isEqualTo("1000");
    assertThat(HtmlReport.number(0.5)).isEqualTo("0.5");
    assertThat(HtmlReport.number(-3.976)).isEqualTo("-3.976");
    assertThat(HtmlReport.number(1.5e-7)).isEqualTo("1.5e-07");
  }

  /** src=, href= and url() values that leave the page (anything but a fragment or data:). */
  static java.util.List<String> externalReferences(String html) {
    return PageChecks.externalReferences(html);
  }

  @Test
  void underPerFeedAxesEachFeedSpansTheWholeWidth() {
    for (ReportData.Axes axes : ReportData.Axes.values()) {
      ReportRecorder recorder = new ReportRecorder(16, 1000, axes);
      for (int i = 0; i < 10; i++) {
        recorder.verdict(verdict("early", 10 + i, i, Map.of()));
        recorder.verdict(verdict("late", 1000 + i, i, Map.of()));
      }
      String html = HtmlReport.render(recorder.snapshot("r", Map.of()));
      Matcher m = POLYLINE.matcher(html);
      java.util.List<Double> firstX = new java.util.ArrayList<>();
      java.util.List<Double> lastX = new java.util.ArrayList<>();
      while (m.find()) {
        String[] points = m.group(2).split(" ");
        firstX.add(Double.parseDouble(points[0].split(",")[0]));
        lastX.add(Double.parseDouble(points[points.length - 1].split(",")[0]));
      }
      assertThat(firstX).as(axes.name()).hasSize(2);
      if (axes == ReportData.Axes.PER_FEED) {
        assertThat(firstX).as("both start at the left edge").containsOnly(firstX.get(0));
        assertThat(lastX).as("both end at the right edge").containsOnly(lastX.get(0));
      } else {
        assertThat(lastX.get(0))
            .as("the early feed ends left of the late one")
            .isLessThan(firstX.get(1));
      }
    }
  }

  @Test
  void labelsAreShadedOnEveryPanelOfTheirFeedAndCounted() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("cpu", 10, 1, signals(0.2, 0.4)));
    recorder.verdict(verdict("cpu", 90, 2, signals(0.3, 0.5)));
    recorder.label(
        "cpu",
        new LabelMark(
            ReportFixtures.START.plusSeconds(1800), ReportFixtures.START.plusSeconds(1800), "cp"));
    recorder.label(
        "cpu",
        new LabelMark(
            ReportFixtures.START.plusSeconds(2400), ReportFixtures.START.plusSeconds(3000), "w"));

    String html = HtmlReport.render(recorder.snapshot("run", Map.of()));

    // 2 labels x 3 panels (values and two signals)
    assertThat(count(html, "<rect class=\"label\"")).isEqualTo(6);
    assertThat(html)
        .contains("1 change point, 1 anomaly window")
        .contains("labelled change point or anomaly window");
    ReportRecorder unlabelled = new ReportRecorder();
    unlabelled.verdict(verdict("cpu", 10, 1, Map.of()));
    assertThat(HtmlReport.render(unlabelled.snapshot("run", Map.of())))
        .doesNotContain("labelled change point or anomaly window");
  }

  @Test
  void tablesKeepEveryValueExactAndShowMissingOnesAsADash() {
    ReportRecorder recorder = new ReportRecorder();
    recorder.verdict(verdict("cpu", 10, 1, Map.of()));
    Map<String, java.util.List<Double>> rows = new LinkedHashMap<>();
    rows.put("cusum", java.util.Arrays.asList(0.123456789, null));
    rows.put("<isowatch>", java.util.Arrays.asList(Double.NaN, 42.0));
    ReportTable table =
        new ReportTable("Metrics", "detector", java.util.List.of("tcpd_f1", "nab_score"), rows);

    String html =
        HtmlReport.render(
            recorder.snapshot("r", Map.of(), java.util.List.of(table), java.util.List.of()));

    assertThat(html)
        .contains("<h2>Metrics</h2>")
        .contains("data-column=\"tcpd_f1\" data-value=\"0.123456789\">0.1235</td>")
        .contains("data-column=\"nab_score\">&ndash;</td>")
        .contains("<th class=\"row\">&lt;isowatch&gt;</th>")
        .contains("data-column=\"nab_score\" data-value=\"42.0\">42</td>");
    assertThat(count(html, "&ndash;</td>")).isEqualTo(2);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
