package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.cli.report.Chromium;
import io.isowatch.cli.report.HtmlReport;
import io.isowatch.cli.report.PageChecks;
import io.isowatch.cli.report.Pixels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --report} on a slice of the real TCPD (its two shortest series, ~550 windows):
 * the page carries the same numbers as the JSON of {@code --out}, one timeline per evaluated series
 * with its annotators' change points, references nothing outside itself and renders in Chromium; a
 * second run on the warm trace cache draws nothing and says why.
 */
class EvaluateReportTest {
  private static final List<String> SERIES = List.of("quality_control_1", "quality_control_2");
  private static final Pattern ROW =
      Pattern.compile("<tr><th class=\"row\">([^<]*)</th>(.*?)</tr>");
  private static final Pattern CELL =
      Pattern.compile(
          "<td class=\"num\" data-column=\"([^\"]*)\"(?: data-value=\"([^\"]*)\")?>([^<]*)</td>");
  private static final Pattern FEED =
      Pattern.compile("<section class=\"feed\">\\s*<h2>([^<]*)</h2>");

  @TempDir static Path dir;
  private static Path tcpd;
  private static Cli.Result result;
  private static JsonNode json;
  private static String html;
  private static Path report;

  @BeforeAll
  static void evaluateWithReport() throws IOException {
    tcpd = tcpdSlice();
    report = dir.resolve("out/report.html");
    result =
        Cli.run(
            "evaluate",
            "--dataset=tcpd:" + tcpd,
            "--out=" + dir.resolve("results.json"),
            "--cache=" + dir.resolve("cache"),
            "--report=" + report);
    json = new JsonMapper().readTree(dir.resolve("results.json").toFile());
    html = Files.exists(report) ? Files.readString(report) : "";
  }

  /** TCPD's layout with its two shortest series and their annotations, copied from the dataset. */
  private static Path tcpdSlice() throws IOException {
    Path source = Datasets.file("TCPD/annotations.json").getParent();
    Path root = dir.resolve("tcpd");
    JsonMapper mapper = new JsonMapper();
    JsonNode annotations = mapper.readTree(source.resolve("annotations.json").toFile());
    Map<String, JsonNode> slice = new LinkedHashMap<>();
    for (String name : SERIES) {
      Path file = Datasets.file("TCPD/datasets/" + name + "/" + name + ".json");
      Path copy = root.resolve("datasets").resolve(name).resolve(name + ".json");
      Files.createDirectories(copy.getParent());
      Files.copy(file, copy);
      slice.put(name, annotations.path(name));
    }
    mapper.writeValue(root.resolve("annotations.json").toFile(), slice);
    return root;
  }

  @Test
  void thePageHasTheNumbersOfTheJson() {
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("report: " + report);
    Map<String, Map<String, Cell>> page = table(html, 0);
    Map<String, Map<String, JsonNode>> expected = new LinkedHashMap<>();
    // the JSON gives each pooled metric as {value, low, high}; the page's first table the value
    json.path("detectors")
        .fields()
        .forEachRemaining(
            d -> {
              Map<String, JsonNode> values = new LinkedHashMap<>();
              fields(d.getValue())
                  .forEach((metric, node) -> values.put(metric, node.path("value")));
              expected.put(d.getKey(), values);
            });
    assertThat(page.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((detector, metrics) -> compare(detector, metrics, page.get(detector)));
    // isowatch's row of every series, with its length and alarms
    Map<String, Map<String, Cell>> perSeries = table(html, 1);
    for (JsonNode row : json.path("series")) {
      String name = row.path("dataset").asText() + ":" + row.path("series").asText();
      Map<String, JsonNode> metrics = fields(row.path("detectors").path("isowatch"));
      metrics.put("length", row.path("length"));
      compare(name, metrics, perSeries.get(name));
    }
    assertThat(perSeries).hasSize(json.path("series").size());
  }

  @Test
  void thereIsOneTimelinePerEvaluatedSeriesWithItsAnnotatedChangePoints() throws IOException {
    List<String> expected = new ArrayList<>();
    for (JsonNode row : json.path("series")) {
      expected.add(row.path("dataset").asText() + ":" + row.path("series").asText());
    }
    assertThat(expected).hasSize(SERIES.size());
    assertThat(FEED.matcher(html).results().map(m -> m.group(1)).toList())
        .containsExactlyElementsOf(expected);
    JsonNode annotations = new JsonMapper().readTree(tcpd.resolve("annotations.json").toFile());
    for (String name : SERIES) {
      String section = section(html, "tcpd:" + name);
      assertThat(section).contains("data-series=\"value\"").contains("data-series=\"trust_score\"");
      // one mark per position any annotator chose, with how many of them chose it
      Map<Integer, Integer> votes = new TreeMap<>();
      int annotators = 0;
      for (Iterator<JsonNode> it = annotations.path(name).elements(); it.hasNext(); annotators++) {
        Set<Integer> chosen = new LinkedHashSet<>();
        it.next().forEach(p -> chosen.add(p.asInt()));
        chosen.forEach(p -> votes.merge(p, 1, Integer::sum));
      }
      assertThat(votes).as(name).isNotEmpty();
      for (Map.Entry<Integer, Integer> vote : votes.entrySet()) {
        assertThat(section)
            .contains(
                "<title>labelled change point at "
                    + vote.getKey()
                    + " ("
                    + vote.getValue()
                    + " of "
                    + annotators
                    + " annotators)</title>");
      }
      assertThat(section).contains("in grey: " + votes.size() + " change points, 0 anomaly");
    }
  }

  @Test
  void thePageStandsAlone() {
    assertThat(html).isNotEmpty();
    assertThat(PageChecks.externalReferences(html)).isEmpty();
    assertThat(html).doesNotContain("<script", "<link", "<img", "@import");
  }

  @Test
  void theEvaluationReportRendersInChromium() throws Exception {
    Chromium chromium = Chromium.require();
    Path png = dir.resolve("evaluate.png");
    // tall enough for the tables and the first timeline below them
    chromium.screenshot(report, png, 1200, 2400);
    Pixels pixels = Pixels.read(png);
    assertThat(pixels.luminanceVariance()).isGreaterThan(100);
    // the legend's swatches are 14 x 10 pixels each: the lines must be far more than that
    assertThat(pixels.count(HtmlReport.VALUE_COLOR, 40)).as("value line").isGreaterThan(1400);
    assertThat(pixels.count(HtmlReport.SIGNAL_COLOR, 40)).as("signal lines").isGreaterThan(1400);
  }

  @Test
  void onAWarmCacheTheNumbersStayAndTheCachedSeriesAreNotDrawn() throws IOException {
    Path second = dir.resolve("warm.html");
    Cli.Result warm =
        Cli.run(
            "evaluate",
            "--dataset=tcpd:" + tcpd,
            "--cache=" + dir.resolve("cache"),
            "--report=" + second);
    assertThat(warm.exitCode()).as(warm.err()).isZero();
    String page = Files.readString(second);
    assertThat(FEED.matcher(page).results().count()).isZero();
    assertThat(page)
        .contains(
            SERIES.size() + " of " + SERIES.size() + " series were read back from the trace cache");
    assertThat(table(page, 0)).isEqualTo(table(html, 0));
  }

  @Test
  void aReportThatCannotBeWrittenFailsBeforeTheRun() throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
    Cli.Result failed =
        Cli.run(
            "evaluate",
            "--dataset=tcpd:" + tcpd,
            "--baselines-only",
            "--report=" + blocker.resolve("r.html"));
    assertThat(failed.exitCode()).isEqualTo(IsowatchCommand.EXIT_BAD_INPUT);
    assertThat(failed.err()).contains("cannot write the report " + blocker.resolve("r.html"));
    assertThat(failed.out()).doesNotContain("| detector |");
  }

  private record Cell(String value, String shown) {}

  private static void compare(String row, Map<String, JsonNode> metrics, Map<String, Cell> cells) {
    assertThat(cells).as(row).isNotNull();
    assertThat(cells.keySet()).as(row).containsAll(metrics.keySet());
    // a column another row has (a label set this series lacks) is blank on this row
    cells.forEach(
        (metric, cell) -> {
          if (!metrics.containsKey(metric)) {
            assertThat(cell.value()).as(row + " " + metric).isNull();
          }
        });
    metrics.forEach(
        (metric, value) -> {
          Cell cell = cells.get(metric);
          if (value.isNull()) {
            assertThat(cell.value()).as(row + " " + metric).isNull();
            assertThat(cell.shown()).as(row + " " + metric).isEqualTo("&ndash;");
          } else {
            double number = value.asDouble();
            assertThat(Double.parseDouble(cell.value())).as(row + " " + metric).isEqualTo(number);
            // shown to 4 significant digits
            assertThat(Double.parseDouble(cell.shown()))
                .as(row + " " + metric)
                .isCloseTo(number, within(Math.abs(number) * 5e-4 + 1e-12));
          }
        });
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
    return fields;
  }

  /** The rows of the {@code index}th metrics table: row name to column to cell. */
  private static Map<String, Map<String, Cell>> table(String page, int index) {
    String[] tables = page.split("<table class=\"metrics\">", -1);
    assertThat(tables.length).as("metrics tables").isGreaterThan(index + 1);
    String table = tables[index + 1].substring(0, tables[index + 1].indexOf("</table>"));
    Map<String, Map<String, Cell>> rows = new LinkedHashMap<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      Map<String, Cell> cells = new LinkedHashMap<>();
      Matcher cell = CELL.matcher(row.group(2));
      while (cell.find()) {
        cells.put(cell.group(1), new Cell(cell.group(2), cell.group(3)));
      }
      rows.put(row.group(1), cells);
    }
    return rows;
  }

  private static String section(String page, String feed) {
    int start = page.indexOf("<section class=\"feed\">\n<h2>" + feed + "</h2>");
    assertThat(start).as(feed).isNotNegative();
    return page.substring(start, page.indexOf("</section>", start));
  }
}
