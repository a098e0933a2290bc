package io.isowatch.evaluation.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.connectors.file.TcpdSeriesSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Turing Change Point Dataset as its repository lays it out: {@code
 * DIR/datasets/<name>/<name>.json} and {@code DIR/annotations.json} ({@code {name: {annotator:
 * [0-based indices]}}}). A series with several dimensions ({@code run_log}) gives one series per
 * dimension, each scored against the annotations of the whole series. Series without annotations
 * are skipped.
 */
final class TcpdReader {
  private static final JsonMapper MAPPER = new JsonMapper();

  private TcpdReader() {}

  static List<LabelledSeries> read(Path dir, int limit) throws IOException {
    Path annotationsFile = dir.resolve("annotations.json");
    Path datasets = dir.resolve("datasets");
    if (!Files.isRegularFile(annotationsFile) || !Files.isDirectory(datasets)) {
      throw new IOException(
          "tcpd:" + dir + ": expected " + datasets + "/<name>/<name>.json and " + annotationsFile);
    }
    JsonNode annotations = MAPPER.readTree(annotationsFile.toFile());
    List<LabelledSeries> series = new ArrayList<>();
    for (Path file : DatasetReader.filesUnder(datasets, ".json")) {
      String fileName = file.getFileName().toString();
      String stem = fileName.substring(0, fileName.length() - ".json".length());
      if (!file.getParent().getFileName().toString().equals(stem)) {
        continue;
      }
      JsonNode byAnnotator = annotations.get(stem);
      if (byAnnotator == null || !byAnnotator.isObject()) {
        continue;
      }
      Truth truth = new Truth.AnnotatedChangePoints(annotators(byAnnotator, stem));
      SeriesCollector collected = SeriesCollector.collect(TcpdSeriesSource.builder(file).build());
      for (String feedId : collected.feedIds()) {
        if (series.size() >= limit) {
          return series;
        }
        SeriesCollector.Feed feed = collected.feed(feedId);
        series.add(
            new LabelledSeries(
                "tcpd",
                feedId,
                feed.values(),
                feed.times(),
                truth,
                feed.repaired() + collected.unplaced().size()));
      }
    }
    return series;
  }

  private static List<List<Integer>> annotators(JsonNode byAnnotator, String name)
      throws IOException {
    List<List<Integer>> annotators = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = byAnnotator.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (!entry.getValue().isArray()) {
        throw new IOException(
            "tcpd annotations of " + name + ", annotator " + entry.getKey() + ": not a list");
      }
      List<Integer> points = new ArrayList<>();
      for (JsonNode point : entry.getValue()) {
        if (!point.canConvertToInt()) {
          throw new IOException(
              "tcpd annotations of " + name + ", annotator " + entry.getKey() + ": " + point);
        }
        points.add(point.asInt());
      }
      annotators.add(points);
    }
    return annotators;
  }
}
