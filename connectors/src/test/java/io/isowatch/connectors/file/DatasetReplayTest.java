package io.isowatch.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isowatch.core.feed.Observation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the real files of {@code ../shared/datasets} (next to the project's directory; the system
 * property {@code isowatch.datasets} overrides it). Skipped, with the reason, where it is absent,
 * as in a fresh clone.
 */
class DatasetReplayTest {
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static final Path DATASETS = locateDatasets();

  private static Path locateDatasets() {
    String override = System.getProperty("isowatch.datasets");
    return override != null
        ? Path.of(override)
        : projectRoot().getParent().resolve("shared/datasets");
  }

  @BeforeEach
  void requireDatasets() {
    assumeTrue(
        Files.isDirectory(DATASETS),
        "no datasets folder at "
            + DATASETS.toAbsolutePath().normalize()
            + ": real-data replays skipped");
  }

  /**
   * The repository's top directory: the first ancestor of the working directory with connectors/.
   */
  private static Path projectRoot() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml"))
          && Files.isRegularFile(p.resolve("connectors/pom.xml"))) {
        return p;
      }
    }
    return cwd;
  }

  private static Path dataset(String relative) {
    Path file = DATASETS.resolve(relative);
    assumeTrue(Files.isRegularFile(file), "dataset file absent: " + file + ": skipped");
    return file;
  }

  /** The file's non-blank lines after the header, split on {@code delimiter}, counted here. */
  private static List<String[]> dataRows(Path file, String delimiter) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          rows.add(line.split(delimiter, -1));
        }
      }
    }
    return rows;
  }

  private static java.time.Instant spacedUtc(String text) {
    return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
  }

  @Test
  void nabFileReplaysEveryRowAsOneFeed() throws Exception {
    Path file = dataset("NAB/data/realKnownCause/ec2_request_latency_system_failure.csv");
    List<String[]> rows = dataRows(file, ",");

    Replays out = Replays.of(CsvReplaySource.builder(file).build());

    assertThat(out.rejections()).isEmpty();
    assertThat(out.observations()).hasSize(rows.size());
    assertThat(out.observations())
        .extracting(Observation::feedId)
        .containsOnly("ec2_request_latency_system_failure");
    for (int i : new int[] {0, rows.size() / 2, rows.size() - 1}) {
      assertThat(out.observations().get(i))
          .isEqualTo(
              new Observation(
                  "ec2_request_latency_system_failure",
                  spacedUtc(rows.get(i)[0]),
                  Double.parseDouble(rows.get(i)[1])));
    }
  }

  @Test
  void etth1OilTemperatureColumn() throws Exception {
    Path file = dataset("ETDataset/ETT-small/ETTh1.csv");
    List<String[]> rows = dataRows(file, ",");

    Replays out = Replays.of(CsvReplaySource.builder(file).valueColumns("OT").build());

    assertThat(out.rejections()).isEmpty();
    assertThat(out.observations()).hasSize(rows.size());
    assertThat(out.observations()).extracting(Observation::feedId).containsOnly("ETTh1/OT");
    String[] last = rows.get(rows.size() - 1);
    assertThat(out.observations().get(rows.size() - 1))
        .isEqualTo(new Observation("ETTh1/OT", spacedUtc(last[0]), Double.parseDouble(last[7])));
  }

  @Test
  void skabFileWithEverySensorAsAFeed() throws Exception {
    Path file = dataset("SKAB/data/valve1/0.csv");
    List<String[]> rows = dataRows(file, ";");
    String[] sensors = {
      "Accelerometer1RMS",
      "Accelerometer2RMS",
      "Current",
      "Pressure",
      "Temperature",
      "Thermocouple",
      "Voltage",
      "Volume Flow RateRMS"
    };

    Replays out =
        Replays.of(
            CsvReplaySource.builder(file)
                .valueColumns(sensors)
                .feedPrefix("skab/valve1/0")
                .build());

    assertThat(out.rejections()).isEmpty();
    assertThat(out.observations()).hasSize(rows.size() * sensors.length);
    Observation firstPressure = out.observations().get(3);
    assertThat(firstPressure)
        .isEqualTo(
            new Observation(
                "skab/valve1/0/Pressure",
                spacedUtc(rows.get(0)[0]),
                Double.parseDouble(rows.get(0)[4])));
  }

  @Test
  void exchangeRatesMonthlyOneFeedPerCountry() throws Exception {
    Path file = dataset("exchange-rates/data/monthly.csv");
    List<String[]> rows = dataRows(file, ",");
    Set<String> countries = new LinkedHashSet<>();
    rows.forEach(row -> countries.add(row[1]));

    Replays out = Replays.of(CsvReplaySource.builder(file).keyColumn("Country").build());

    assertThat(out.rejections()).isEmpty();
    assertThat(out.observations()).hasSize(rows.size());
    Set<String> feeds = new LinkedHashSet<>();
    out.observations().forEach(o -> feeds.add(o.feedId()));
    assertThat(feeds).containsExactlyElementsOf(countries);
  }

  @Test
  void oilPricesAndFrenchLoad() throws Exception {
    Path oil = dataset("oil-prices/data/wti-daily.csv");
    Path load = dataset("neuralprophet-data/datasets/energy/load_rte.csv");

    Replays oilOut = Replays.of(CsvReplaySource.builder(oil).build());
    Replays loadOut = Replays.of(CsvReplaySource.builder(load).build());

    assertThat(oilOut.rejections()).isEmpty();
    assertThat(oilOut.observations()).hasSize(dataRows(oil, ",").size());
    assertThat(oilOut.observations()).anyMatch(o -> o.value() < 0); // 2020-04-20
    assertThat(loadOut.rejections()).isEmpty();
    assertThat(loadOut.observations()).hasSize(dataRows(load, ",").size());
  }

  @Test
  void tcpdSeriesDatedAndTwoDimensional() throws Exception {
    Path jfk = dataset("TCPD/datasets/jfk_passengers/jfk_passengers.json");
    Path runLog = dataset("TCPD/datasets/run_log/run_log.json");
    JsonNode jfkJson = new ObjectMapper().readTree(jfk.toFile());
    JsonNode runJson = new ObjectMapper().readTree(runLog.toFile());

    Replays jfkOut = Replays.of(TcpdSeriesSource.builder(jfk).build());
    Replays runOut = Replays.of(TcpdSeriesSource.builder(runLog).build());

    assertThat(jfkOut.rejections()).isEmpty();
    assertThat(jfkOut.observations()).hasSize(jfkJson.get("n_obs").asInt());
    assertThat(jfkOut.observations().get(0).eventTime())
        .isEqualTo(
            YearMonth.parse(jfkJson.get("time").get("raw").get(0).asText())
                .atDay(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant());
    assertThat(runOut.rejections()).isEmpty();
    assertThat(runOut.observations()).hasSize(2 * runJson.get("n_obs").asInt());
    assertThat(runOut.observations())
        .extracting(Observation::feedId)
        .containsOnly("run_log/Pace", "run_log/Distance");
  }
}
