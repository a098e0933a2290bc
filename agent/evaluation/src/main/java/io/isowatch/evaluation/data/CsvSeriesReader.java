package io.isowatch.evaluation.data;

import io.isowatch.connectors.file.CsvReplaySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An unlabelled CSV file ({@code csv:FILE[:COLUMN[:FORECAST_COLUMN]]}), scored against the realized
 * error of forecasters, among them the production forecasts of a forecast column when one is named
 * (wide files only). Default columns: the only value column ({@code Date,Price}, {@code ds,y});
 * {@code OT} when the file has one (ETTh1, the oil temperature the ETT benchmarks forecast); and a
 * long-format file with a {@code Country} column gives one series per country. Any other wide file
 * needs its column named.
 */
final class CsvSeriesReader {
  static final String ETT_TARGET = "OT";
  static final String LONG_FORMAT_KEY = "Country";

  private CsvSeriesReader() {}

  static List<LabelledSeries> read(
      Path file, Optional<String> column, Optional<String> forecastColumn, int limit)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("csv:" + file + ": not a file");
    }
    List<String> header = SkabReader.header(file);
    CsvReplaySource.Builder builder = CsvReplaySource.builder(file);
    if (column.isPresent()) {
      if (!header.contains(column.get())) {
        throw new IOException(file + ": no column " + column.get() + "; columns are " + header);
      }
      if (forecastColumn.isPresent()) {
        if (!header.contains(forecastColumn.get())) {
          throw new IOException(
              file + ": no forecast column " + forecastColumn.get() + "; columns are " + header);
        }
        if (header.contains(LONG_FORMAT_KEY)) {
          throw new IOException(
              file + ": a forecast column is read from wide files only, not long-format ones");
        }
        builder.valueColumns(column.get(), forecastColumn.get());
      } else {
        builder.valueColumns(column.get());
      }
    } else if (header.contains(ETT_TARGET)) {
      builder.valueColumns(ETT_TARGET);
    }
    if (header.contains(LONG_FORMAT_KEY) && !LONG_FORMAT_KEY.equals(column.orElse(""))) {
      builder.keyColumn(LONG_FORMAT_KEY);
    }
    CsvReplaySource source;
    try {
      source = builder.build();
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "csv:" + file + ": " + e.getMessage() + " (name the column: csv:FILE:COLUMN)", e);
    }
    SeriesCollector collected = SeriesCollector.collect(source);
    if (forecastColumn.isPresent()) {
      return List.of(withForecasts(file, collected, source.feedIds()));
    }
    List<LabelledSeries> series = new ArrayList<>();
    String stem = file.getFileName().toString();
    for (String feedId : collected.feedIds()) {
      if (series.size() >= limit) {
        break;
      }
      SeriesCollector.Feed feed = collected.feed(feedId);
      String name =
          feedId.startsWith(stem.replaceFirst("\\.[^.]*$", "")) ? feedId : stem + ":" + feedId;
      series.add(
          new LabelledSeries(
              "csv",
              name,
              feed.values(),
              feed.times(),
              new Truth.ForecastError(),
              feed.repaired() + collected.unplaced().size()));
    }
    return series;
  }

  /** The value feed and the forecast feed of a wide file, as one series. */
  private static LabelledSeries withForecasts(
      Path file, SeriesCollector collected, List<String> feedIds) throws IOException {
    SeriesCollector.Feed values = collected.feed(feedIds.get(0));
    SeriesCollector.Feed forecasts = collected.feed(feedIds.get(1));
    if (!java.util.Arrays.equals(values.times(), forecasts.times())) {
      throw new IOException(file + ": the value and forecast columns cover different rows");
    }
    return new LabelledSeries(
        "csv",
        feedIds.get(0),
        values.values(),
        values.times(),
        new Truth.ForecastError(),
        values.repaired() + collected.unplaced().size(),
        forecasts.values());
  }
}
