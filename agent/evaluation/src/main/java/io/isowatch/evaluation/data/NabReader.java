package io.isowatch.evaluation.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.connectors.file.CsvReplaySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark as its repository lays it out: {@code
 * DIR/data/<category>/<file>.csv} ({@code timestamp,value}) and {@code
 * DIR/labels/combined_windows.json}, whose keys are {@code "<category>/<file>.csv"} and whose
 * values are lists of {@code [start, end]} timestamps. Only data files with a labels entry are read
 * (a partial copy of NAB is fine).
 *
 * <p>The probationary period is NAB's: the first 15% of the file, at most 15% of 5000 rows.
 */
final class NabReader {
  static final double PROBATION_FRACTION = 0.15;
  static final int PROBATION_LENGTH_CAP = 5000;

  private static final JsonMapper MAPPER = new JsonMapper();

  private NabReader() {}

  static List<LabelledSeries> read(Path dir, int limit) throws IOException {
    Path labelsFile = dir.resolve("labels/combined_windows.json");
    Path dataDir = dir.resolve("data");
    if (!Files.isRegularFile(labelsFile) || !Files.isDirectory(dataDir)) {
      throw new IOException(
          "nab:" + dir + ": expected " + dataDir + "/<category>/<file>.csv and " + labelsFile);
    }
    JsonNode labels = MAPPER.readTree(labelsFile.toFile());
    List<LabelledSeries> series = new ArrayList<>();
    for (Path file : DatasetReader.filesUnder(dataDir, ".csv")) {
      if (series.size() >= limit) {
        break;
      }
      String key = dataDir.relativize(file).toString().replace('\\', '/');
      JsonNode windows = labels.get(key);
      if (windows == null) {
        continue;
      }
      SeriesCollector collected = SeriesCollector.collect(CsvReplaySource.builder(file).build());
      SeriesCollector.Feed feed = collected.feed(collected.feedIds().get(0));
      List<IndexRange> ranges = new ArrayList<>();
      for (JsonNode window : windows) {
        ranges.add(range(feed.times(), time(window.get(0)), time(window.get(1)), key));
      }
      int n = feed.values().length;
      int probation = (int) Math.floor(PROBATION_FRACTION * Math.min(n, PROBATION_LENGTH_CAP));
      series.add(
          new LabelledSeries(
              "nab",
              key,
              feed.values(),
              feed.times(),
              new Truth.AnomalyWindows(ranges, probation),
              feed.repaired() + collected.unplaced().size()));
    }
    return series;
  }

  /** NAB writes window bounds as {@code 2014-04-10 07:15:00.000000}, in the data's (UTC) clock. */
  static Instant time(JsonNode node) throws IOException {
    if (node == null || !node.isTextual()) {
      throw new IOException("nab label bound must be a timestamp string, got " + node);
    }
    try {
      return LocalDateTime.parse(node.asText().strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IOException("nab label bound " + node + ": " + e.getMessage(), e);
    }
  }

  private static IndexRange range(Instant[] times, Instant start, Instant end, String key)
      throws IOException {
    int first = -1;
    int last = -1;
    for (int i = 0; i < times.length; i++) {
      if (first < 0 && !times[i].isBefore(start)) {
        first = i;
      }
      if (!times[i].isAfter(end)) {
        last = i;
      }
    }
    if (first < 0 || last < first) {
      throw new IOException(key + ": label window " + start + ".." + end + " holds no row");
    }
    return new IndexRange(first, last);
  }
}
