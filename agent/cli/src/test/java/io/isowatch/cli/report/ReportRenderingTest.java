package io.isowatch.cli.report;

import static io.isowatch.cli.report.ReportFixtures.alert;
import static io.isowatch.cli.report.ReportFixtures.signals;
import static io.isowatch.cli.report.ReportFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report rendered by a real browser (headless Chromium, offline): the screenshot is not blank and
 * shows the value line, the signal lines and the shading of a critical alert in their colours.
 */
class ReportRenderingTest {
  /** The background of a plot panel in the page's SVG. */
  private static final int[] PANEL = Pixels.rgb("#f7f7f7");

  @TempDir Path dir;

  @Test
  void theBrowserDrawsValuesSignalsAndAlerts() throws Exception {
    Chromium chromium = Chromium.require();
    ReportRecorder recorder = new ReportRecorder();
    for (int i = 0; i < 200; i++) {
      double value = 10 + 3 * Math.sin(i / 8.0) + (i >= 120 ? 6 : 0);
      recorder.verdict(
          verdict("cpu", 10 + 4 * i, value, i % 4 == 0 ? signals(0.2 + i / 400.0, 0.5) : Map.of()));
    }
    recorder.alert(alert("a", "cpu", Severity.CRITICAL, AlertState.FIRING, 10 + 4 * 120, 600));
    recorder.alert(
        alert("a", "cpu", Severity.CRITICAL, AlertState.RESOLVED, 10 + 4 * 120, 10 + 4 * 170));
    Path page = dir.resolve("report.html");
    HtmlReport.write(recorder.snapshot("rendering test", Map.of()), page);
    Path png = dir.resolve("report.png");

    chromium.screenshot(page, png, 1200, 700);

    Pixels pixels = Pixels.read(png);
    assertThat(pixels.luminanceVariance()).as("a blank page has none").isGreaterThan(100);
    assertThat(pixels.count(HtmlReport.VALUE_COLOR, 40)).as("value line").isGreaterThan(200);
    assertThat(pixels.count(HtmlReport.SIGNAL_COLOR, 40)).as("signal lines").isGreaterThan(200);
    int[] alert = Pixels.rgb(HtmlReport.CRITICAL_COLOR);
    double a = HtmlReport.ALERT_OPACITY;
    assertThat(
            pixels.count(
                a * alert[0] + (1 - a) * PANEL[0],
                a * alert[1] + (1 - a) * PANEL[1],
                a * alert[2] + (1 - a) * PANEL[2],
                6))
        .as("the critical alert's shading over the panels")
        .isGreaterThan(2000);
  }
}
