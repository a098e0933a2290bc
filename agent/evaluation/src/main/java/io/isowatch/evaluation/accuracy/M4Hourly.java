package io.isowatch.evaluation.accuracy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The M4 competition's hourly series as its organisers publish them: {@code Hourly-train.csv} and
 * {@code Hourly-test.csv}, one row per series ({@code "H2","3124","2990",...}, shorter rows padded
 * with empty cells), the test rows holding the 48 values to forecast. Seasonal period 24.
 */
public final class M4Hourly {
  public static final int HORIZON = 48;
  public static final int PERIOD = 24;

  /** One series: its id, training values and the values to forecast. */
  public record Series(String id, double[] train, double[] test) {}

  private M4Hourly() {}

  /**
   * Reads the series of a folder holding both files.
   *
   * @throws IOException naming the file that is missing or malformed
   */
  public static List<Series> read(Path dir) throws IOException {
    Map<String, double[]> train = rows(dir.resolve("Hourly-train.csv"));
    Map<String, double[]> test = rows(dir.resolve("Hourly-test.csv"));
    List<Series> series = new ArrayList<>();
    for (Map.Entry<String, double[]> entry : train.entrySet()) {
      double[] future = test.get(entry.getKey());
      if (future == null || future.length != HORIZON) {
        throw new IOException(
            dir.resolve("Hourly-test.csv")
                + ": no "
                + HORIZON
                + " test values for "
                + entry.getKey());
      }
      series.add(new Series(entry.getKey(), entry.getValue(), future));
    }
    return series;
  }

  private static Map<String, double[]> rows(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": not a file (expected the M4 hourly data)");
    }
    Map<String, double[]> rows = new LinkedHashMap<>();
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it =
        mapper.readerFor(String[].class).readValues(file.toFile())) {
      boolean header = true;
      while (it.hasNext()) {
        String[] cells = it.next();
        if (header) {
          header = false;
          continue;
        }
        List<Double> values = new ArrayList<>();
        for (int i = 1; i < cells.length && !cells[i].isBlank(); i++) {
          try {
            values.add(Double.parseDouble(cells[i]));
          } catch (NumberFormatException e) {
            throw new IOException(
                file + ": series " + cells[0] + " has a non-number " + cells[i], e);
          }
        }
        rows.put(cells[0], values.stream().mapToDouble(Double::doubleValue).toArray());
      }
    }
    return rows;
  }
}
