package io.isowatch.evaluation.data;

import io.isowatch.connectors.file.CsvReplaySource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Skoltech Anomaly Benchmark as its repository lays it out: {@code DIR/data/**}{@code /*.csv},
 * {@code ;}-separated, 8 sensors plus per-row {@code anomaly} and {@code changepoint} columns. One
 * sensor is evaluated per file, {@link #DEFAULT_COLUMN} unless named ({@code skab:DIR:COLUMN}):
 * every sensor as its own feed would cost 8 times the embedding, and a single stated column keeps
 * the comparison of detectors fair. The {@code anomaly-free} run has no label columns; it is read
 * as a series with no change point, where every alarm is false.
 */
final class SkabReader {
  /** The first sensor of SKAB's files (pump vibration), chosen by position, not by its scores. */
  static final String DEFAULT_COLUMN = "Accelerometer1RMS";

  static final String CHANGEPOINT_COLUMN = "changepoint";

  private SkabReader() {}

  static List<LabelledSeries> read(Path dir, Optional<String> column, int limit)
      throws IOException {
    Path data = dir.resolve("data");
    if (!Files.isDirectory(data)) {
      throw new IOException("skab:" + dir + ": expected " + data + "/<group>/<file>.csv");
    }
    String sensor = column.orElse(DEFAULT_COLUMN);
    List<LabelledSeries> series = new ArrayList<>();
    for (Path file : DatasetReader.filesUnder(data, ".csv")) {
      if (series.size() >= limit) {
        break;
      }
      List<String> header = header(file);
      if (!header.contains(sensor)) {
        throw new IOException(file + ": no column " + sensor + "; columns are " + header);
      }
      boolean labelled = header.contains(CHANGEPOINT_COLUMN);
      CsvReplaySource.Builder source = CsvReplaySource.builder(file).feedPrefix("skab");
      source =
          labelled ? source.valueColumns(sensor, CHANGEPOINT_COLUMN) : source.valueColumns(sensor);
      SeriesCollector collected = SeriesCollector.collect(source.build());
      SeriesCollector.Feed values = collected.feed(feedOf(collected, sensor));
      List<Integer> points = new ArrayList<>();
      if (labelled) {
        double[] flags = collected.feed(feedOf(collected, CHANGEPOINT_COLUMN)).values();
        for (int i = 0; i < flags.length; i++) {
          if (flags[i] >= 0.5) {
            points.add(i);
          }
        }
      }
      String name = data.relativize(file).toString().replace('\\', '/');
      series.add(
          new LabelledSeries(
              "skab",
              name + ":" + sensor,
              values.values(),
              values.times(),
              new Truth.ChangePoints(points),
              values.repaired() + collected.unplaced().size()));
    }
    return series;
  }

  private static String feedOf(SeriesCollector collected, String column) {
    for (String feedId : collected.feedIds()) {
      if (feedId.equals("skab") || feedId.endsWith("/" + column)) {
        return feedId;
      }
    }
    throw new IllegalArgumentException("no feed for column " + column);
  }

  static List<String> header(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      if (line == null) {
        throw new IOException(file + " is empty");
      }
      String delimiter = line.contains(";") ? ";" : ",";
      List<String> names = new ArrayList<>();
      for (String name : line.split(delimiter, -1)) {
        names.add(name.strip());
      }
      return names;
    }
  }
}
