package io.isowatch.evaluation;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.detect.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes every detector's per-step score and alarms of one series as CSV, {@code
 * DIR/<dataset>/<series>.csv}, so that anyone can recompute any metric with their own labels.
 * Columns: {@code index,time,value}, then one per detector (its causal score at that step, higher =
 * more alarming, blank before it has one), then {@code alarm:<detector>} (1 where an alarm started,
 * else 0). A series name's folders become folders; a trailing {@code .csv} is not doubled.
 */
public final class ScoresWriter {
  private static final CsvMapper CSV = new CsvMapper();

  private final Path dir;

  public ScoresWriter(Path dir) {
    this.dir = dir;
  }

  /** The file a series' scores go to. */
  public Path file(LabelledSeries series) {
    String name =
        series.name().endsWith(".csv")
            ? series.name().substring(0, series.name().length() - 4)
            : series.name();
    Path file = dir.resolve(series.dataset());
    for (String part : name.split("/")) {
      if (!part.isEmpty() && !part.equals("..") && !part.equals(".")) {
        file = file.resolve(part);
      }
    }
    return file.resolveSibling(file.getFileName() + ".csv");
  }

  /** Writes the traces of one series. */
  public void write(LabelledSeries series, Map<String, Trace> traces) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).addColumn("index");
    schema.addColumn("time").addColumn("value");
    traces.keySet().forEach(schema::addColumn);
    traces.keySet().forEach(name -> schema.addColumn("alarm:" + name));
    List<double[]> scores = new ArrayList<>();
    List<boolean[]> alarms = new ArrayList<>();
    for (Trace trace : traces.values()) {
      scores.add(trace.scores());
      boolean[] marks = new boolean[series.length()];
      for (int at : trace.alarms()) {
        marks[at] = true;
      }
      alarms.add(marks);
    }
    Path file = file(series);
    Files.createDirectories(file.getParent());
    try (SequenceWriter out = CSV.writer(schema.build()).writeValues(file.toFile())) {
      for (int i = 0; i < series.length(); i++) {
        List<Object> row = new ArrayList<>(3 + 2 * traces.size());
        row.add(i);
        row.add(series.time(i).toString());
        row.add(series.value(i));
        for (double[] score : scores) {
          row.add(Double.isNaN(score[i]) ? "" : score[i]);
        }
        for (boolean[] marks : alarms) {
          row.add(marks[i] ? 1 : 0);
        }
        out.write(row);
      }
    }
  }
}
