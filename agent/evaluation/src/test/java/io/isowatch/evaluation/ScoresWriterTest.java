package io.isowatch.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.label.ForecastLabels;
import io.isowatch.evaluation.label.Forecasts;
import io.isowatch.evaluation.label.LabelRule;
import io.isowatch.evaluation.score.ForecastScore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoresWriterTest {
  @TempDir Path dir;

  @Test
  void writesEveryDetectorsScoresAndAlarmsSoThatAMetricCanBeRecomputedFromTheFile()
      throws IOException {
    Random random = new Random(2);
    int n = 800;
    double[] values = new double[n];
    Instant[] times = new Instant[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = (i == 0 ? 0 : values[i - 1]) + random.nextGaussian();
      times[i] = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i);
      score[i] = i < 100 ? Double.NaN : Math.abs(values[i] - values[i - 1]);
    }
    LabelledSeries series =
        new LabelledSeries("csv", "group/series.csv", values, times, new Truth.ForecastError(), 0);
    Map<String, Trace> traces = new LinkedHashMap<>();
    traces.put("jump", new Trace(score, new int[] {150, 420}));
    traces.put("sanity:noise", new Trace(new double[n], new int[0]));

    ScoresWriter writer = new ScoresWriter(dir);
    writer.write(series, traces);

    Path file = dir.resolve("csv").resolve("group").resolve("series.csv");
    assertThat(writer.file(series)).isEqualTo(file);
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      it.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(n);
    assertThat(rows.get(0).keySet())
        .containsExactly(
            "index", "time", "value", "jump", "sanity:noise", "alarm:jump", "alarm:sanity:noise");
    assertThat(rows.get(99).get("jump")).isEmpty();
    assertThat(rows.get(150).get("alarm:jump")).isEqualTo("1");
    assertThat(rows.get(151).get("alarm:jump")).isEqualTo("0");
    assertThat(rows.get(5).get("time")).isEqualTo("2024-01-01T05:00:00Z");

    // the AUROC recomputed from the file's columns equals the one from the trace
    double[] read = new double[n];
    double[] readValues = new double[n];
    for (int i = 0; i < n; i++) {
      String cell = rows.get(i).get("jump");
      read[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
      readValues[i] = Double.parseDouble(rows.get(i).get("value"));
    }
    ForecastLabels labels =
        ForecastLabels.of(readValues, Forecasts.lastValue(readValues, 8), LabelRule.DEFAULT);
    ForecastLabels original =
        ForecastLabels.of(values, Forecasts.lastValue(values, 8), LabelRule.DEFAULT);
    assertThat(ForecastScore.of(read, labels, 0, 0.05).auroc())
        .isEqualTo(ForecastScore.of(score, original, 0, 0.05).auroc());
  }
}
