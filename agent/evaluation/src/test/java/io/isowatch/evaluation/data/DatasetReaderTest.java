package io.isowatch.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The readers accept the shared datasets as they are laid out (skipped where they are absent). */
class DatasetReaderTest {

  @Test
  void nabGivesOneSeriesPerLabelledFileWithItsWindowsAndProbation() throws IOException {
    Path nab = Datasets.path("NAB");
    long files;
    try (Stream<Path> walk = Files.walk(nab.resolve("data"))) {
      files = walk.filter(p -> p.toString().endsWith(".csv")).count();
    }

    List<LabelledSeries> series = DatasetReader.read(DatasetSpec.parse("nab:" + nab), 1000);

    assertThat(series).hasSize((int) files);
    for (LabelledSeries s : series) {
      Truth.AnomalyWindows truth = (Truth.AnomalyWindows) s.truth();
      assertThat(s.length()).isEqualTo(dataLines(nab.resolve("data").resolve(s.name())));
      assertThat(truth.probation()).isEqualTo((int) Math.floor(0.15 * Math.min(s.length(), 5000)));
      for (IndexRange window : truth.windows()) {
        assertThat(window.last()).isLessThan(s.length());
      }
      assertThat(s.repaired()).isZero();
    }
    LabelledSeries latency =
        series.stream()
            .filter(s -> s.name().equals("realKnownCause/ec2_request_latency_system_failure.csv"))
            .findFirst()
            .orElseThrow();
    // its first window in combined_windows.json starts at 2014-03-14 03:31:00
    IndexRange first = ((Truth.AnomalyWindows) latency.truth()).windows().get(0);
    assertThat(latency.time(first.first()).toString()).isEqualTo("2014-03-14T03:31:00Z");
  }

  @Test
  void tcpdGivesOneSeriesPerDimensionWithEveryAnnotator() throws IOException {
    Path tcpd = Datasets.path("TCPD");

    List<LabelledSeries> series = DatasetReader.read(DatasetSpec.parse("tcpd:" + tcpd), 1000);

    assertThat(series)
        .extracting(LabelledSeries::name)
        .contains("bank", "run_log/Pace", "run_log/Distance");
    LabelledSeries qc1 =
        series.stream().filter(s -> s.name().equals("quality_control_1")).findFirst().orElseThrow();
    assertThat(qc1.length()).isEqualTo(313);
    assertThat(((Truth.AnnotatedChangePoints) qc1.truth()).annotators())
        .containsExactlyInAnyOrder(
            List.of(143), List.of(144), List.of(144), List.of(146), List.of(144));
  }

  @Test
  void skabGivesOneSeriesPerFileWithItsChangePointRows() throws IOException {
    Path skab = Datasets.path("SKAB");

    List<LabelledSeries> series = DatasetReader.read(DatasetSpec.parse("skab:" + skab), 1000);

    LabelledSeries first =
        series.stream().filter(s -> s.name().startsWith("valve1/0.csv")).findFirst().orElseThrow();
    assertThat(first.name()).isEqualTo("valve1/0.csv:Accelerometer1RMS");
    assertThat(((Truth.ChangePoints) first.truth()).points())
        .isEqualTo(changePointRows(skab.resolve("data/valve1/0.csv")));
    LabelledSeries clean =
        series.stream().filter(s -> s.name().startsWith("anomaly-free")).findFirst().orElseThrow();
    assertThat(((Truth.ChangePoints) clean.truth()).points()).isEmpty();
  }

  @Test
  void csvPicksTheDocumentedDefaultColumnsAndSplitsLongFormatByCountry() throws IOException {
    Path ett = Datasets.path("ETDataset/ETT-small/ETTh1.csv");
    Path fx = Datasets.path("exchange-rates/data/monthly.csv");

    List<LabelledSeries> ot = DatasetReader.read(DatasetSpec.parse("csv:" + ett), 1000);
    List<LabelledSeries> hufl = DatasetReader.read(DatasetSpec.parse("csv:" + ett + ":HUFL"), 1000);
    List<LabelledSeries> countries = DatasetReader.read(DatasetSpec.parse("csv:" + fx), 1000);

    assertThat(ot).singleElement().satisfies(s -> assertThat(s.name()).endsWith("OT"));
    assertThat(ot.get(0).length()).isEqualTo(dataLines(ett));
    assertThat(ot.get(0).value(0)).isEqualTo(30.5310001373291);
    assertThat(hufl.get(0).value(0)).isEqualTo(5.827000141143799);
    assertThat(countries).hasSizeGreaterThan(30);
    assertThat(countries).anySatisfy(s -> assertThat(s.name()).contains("Australia"));
    assertThat(countries.stream().mapToInt(LabelledSeries::length).sum()).isEqualTo(dataLines(fx));
  }

  private static int dataLines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return (int) lines.skip(1).filter(l -> !l.isBlank()).count();
    }
  }

  /** Rows whose last column (changepoint) is 1, read here with plain string splitting. */
  private static List<Integer> changePointRows(Path file) throws IOException {
    List<Integer> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      reader.readLine();
      String line;
      int row = 0;
      while ((line = reader.readLine()) != null) {
        String[] cells = line.split(";");
        if (Double.parseDouble(cells[cells.length - 1]) == 1.0) {
          rows.add(row);
        }
        row++;
      }
    }
    return rows;
  }
}
