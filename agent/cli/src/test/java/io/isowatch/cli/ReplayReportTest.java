package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isowatch.cli.report.Chromium;
import io.isowatch.cli.report.HtmlReport;
import io.isowatch.cli.report.Pixels;
import io.isowatch.core.monitor.MonitorSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --report}: the page of a real replay (bundled model) holds one point per embedded
 * window, the agent's forecasts, a panel per signal (the trust score among them) and every alert
 * the run sent, references nothing outside itself, and renders in Chromium.
 */
class ReplayReportTest {
  private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
  private static final Pattern VALUE_LINE =
      Pattern.compile("data-series=\"value\"[^>]* points=\"([^\"]*)\"");

  @TempDir static Path dir;
  private static Cli.Result result;
  private static String html;
  private static Path report;

  @BeforeAll
  static void replay() throws IOException {
    Random random = new Random(11);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    // At row 1000 the smooth wave becomes a square wave of period 4. Whether the trust policy,
    // calibrating on this short file at its default false-alarm rate, alerts on it is not what
    // this test is about: the report must show every alert the run sent, however many (the
    // drawing of alerts is checked deterministically in ReportRenderingTest).
    for (int i = 0; i < 1400; i++) {
      double shape = i < 1000 ? Math.sin(i / 6.0) : ((i / 2) % 2 == 0 ? 1 : -1);
      double value = 10 + shape + 0.05 * random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%s,%.4f%n", START.plusSeconds(60L * i), value));
    }
    Path input = Cli.write(dir, "shifted.csv", csv.toString());
    report = dir.resolve("reports/shifted.html");
    result =
        Cli.run(
            "replay",
            input.toString(),
            "--window=16",
            "--stride=4",
            "--metrics-port=0",
            "--dead-letters=" + dir.resolve("dead.jsonl"),
            "--alerts-jsonl=" + dir.resolve("alerts.jsonl"),
            "--report=" + report,
            "--no-progress");
    html = Files.exists(report) ? Files.readString(report) : "";
  }

  @Test
  void theReportHasAPointPerWindowAPanelPerSignalAndEveryAlertSent() throws IOException {
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("report: " + report);
    Matcher values = VALUE_LINE.matcher(html);
    int points = 0;
    while (values.find()) {
      points += values.group(1).split(" ").length;
    }
    assertThat((long) points).isEqualTo(Summaries.parse(result.out()).windows());
    assertThat(html).contains("data-series=\"forecast\"");
    for (MonitorSignal signal : MonitorSignal.values()) {
      assertThat(html).contains("data-series=\"" + signal.label() + "\"");
    }
    Set<String> alertIds = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(dir.resolve("alerts.jsonl"))) {
      JsonNode alert = json.readTree(line);
      alertIds.add(alert.path("id").asText());
    }
    assertThat(html.split("<li>", -1).length - 1).isEqualTo(alertIds.size());
  }

  @Test
  void thePageStandsAlone() {
    Pattern reference =
        Pattern.compile("(?i)(src|href)\\s*=|url\\(|https?://|<script|<link|<img|@import");
    assertThat(html).isNotEmpty();
    List<String> found = reference.matcher(html).results().map(m -> m.group()).toList();
    assertThat(found).isEmpty();
  }

  @Test
  void theReportOfARealRunRendersInChromium() throws Exception {
    Chromium chromium = Chromium.require();
    Path png = dir.resolve("replay.png");
    chromium.screenshot(report, png, 1200, 1600);
    Pixels pixels = Pixels.read(png);
    assertThat(pixels.luminanceVariance()).isGreaterThan(100);
    assertThat(pixels.count(HtmlReport.VALUE_COLOR, 40)).isGreaterThan(100);
    assertThat(pixels.count(HtmlReport.SIGNAL_COLOR, 40)).isGreaterThan(100);
  }

  @Test
  void aReportThatCannotBeWrittenFailsBeforeTheRun() throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
    Cli.Result failed =
        Cli.run(
            "replay",
            dir.resolve("shifted.csv").toString(),
            "--metrics-port=0",
            "--dead-letters=" + dir.resolve("dead2.jsonl"),
            "--report=" + blocker.resolve("r.html"));
    assertThat(failed.exitCode()).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(failed.err()).contains("cannot write the report " + blocker.resolve("r.html"));
    assertThat(failed.out()).doesNotContain("replayed in");
  }
}
