package io.isowatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.label.LabelSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV that carries its production forecasts gets a {@code production} label set of its own. */
class ProductionForecastsTest {
  @TempDir Path dir;

  /**
   * A noisy cycle and a forecast column that is the cycle itself (good) until row 1500, then the
   * cycle scaled by 1.3 plus 3 (a broken model).
   */
  private Path file() throws IOException {
    Random random = new Random(4);
    StringBuilder csv = new StringBuilder("time,load,forecast\n");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 2000; i++) {
      double cycle = 50 + 10 * Math.sin(2 * Math.PI * i / 24);
      double value = cycle + random.nextGaussian();
      double forecast = i < 1500 ? cycle : 1.3 * cycle + 3;
      csv.append(start.plusSeconds(3600L * i))
          .append(',')
          .append(String.format(Locale.ROOT, "%.4f,%.4f%n", value, forecast));
    }
    Path file = dir.resolve("load.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void theBrokenStretchOfTheProductionForecastsIsWhereItsLabelsFire() throws IOException {
    DatasetSpec spec = DatasetSpec.parse("csv:" + file() + ":load:forecast");

    EvaluationResult result = Evaluation.builder().resamples(20).build().run(List.of(spec), 0);

    SeriesResult row = result.series().get(0);
    assertThat(row.labels()).containsKey(LabelSets.PRODUCTION);
    SeriesResult.LabelSummary production = row.labels().get(LabelSets.PRODUCTION);
    assertThat(production.horizon()).isEqualTo(1);
    assertThat(production.judged()).isGreaterThan(1000);
    assertThat(production.scored()).isTrue();
    // the broken model errs far above its history at first: those forecasts are events, then the
    // trailing threshold takes the broken regime as the new normal within 200 forecasts
    assertThat(production.events()).isBetween(30, 400);
    assertThat(result.detectors().get("rolling_zscore")).containsKey("auroc:production");
  }

  @Test
  void aSeriesWithFewerLabelledForecastsThanTheHistoryIsNotScoredOnThatSet() throws IOException {
    // 400 rows: the last-value labels start after 64 + 200 + 8 values, so about 120 forecasts
    // are labelled, fewer than the 200 of the threshold's history
    List<String> rows = Files.readAllLines(file());
    Path shortFile = dir.resolve("short.csv");
    Files.write(shortFile, rows.subList(0, 401));

    EvaluationResult result =
        Evaluation.builder()
            .resamples(20)
            .build()
            .run(List.of(DatasetSpec.parse("csv:" + shortFile + ":load:forecast")), 0);

    SeriesResult row = result.series().get(0);
    SeriesResult.LabelSummary lastValue = row.labels().get(LabelSets.LAST_VALUE);
    assertThat(lastValue.judged()).isBetween(1, 199);
    assertThat(lastValue.scored()).isFalse();
    assertThat(row.detectors().get("rolling_zscore").metrics())
        .doesNotContainKey("auroc:" + LabelSets.LAST_VALUE);
  }

  @Test
  void aMissingForecastColumnNamesTheColumns() throws IOException {
    DatasetSpec spec = DatasetSpec.parse("csv:" + file() + ":load:prediction");

    assertThatThrownBy(() -> Evaluation.builder().build().run(List.of(spec), 0))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no forecast column prediction")
        .hasMessageContaining("forecast");
  }

  @Test
  void onlyCsvTakesAForecastColumn() {
    assertThatThrownBy(() -> DatasetSpec.parse("skab:some/dir:Pressure:forecast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only csv takes a forecast column");
  }
}
