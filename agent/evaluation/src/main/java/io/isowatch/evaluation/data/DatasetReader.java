package io.isowatch.evaluation.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the labelled series of one {@link DatasetSpec}, in a stable (sorted) order. */
public final class DatasetReader {
  private DatasetReader() {}

  /**
   * Every series of the dataset, at most {@code limit} of them (the first in path order).
   *
   * @throws IOException if a file cannot be read or the layout is not the kind's
   */
  public static List<LabelledSeries> read(DatasetSpec spec, int limit) throws IOException {
    if (!Files.exists(spec.path())) {
      throw new IOException(spec + ": " + spec.path() + " does not exist");
    }
    switch (spec.kind()) {
      case NAB:
        return NabReader.read(spec.path(), limit);
      case TCPD:
        return TcpdReader.read(spec.path(), limit);
      case SKAB:
        return SkabReader.read(spec.path(), spec.column(), limit);
      case CSV:
        return CsvSeriesReader.read(spec.path(), spec.column(), spec.forecastColumn(), limit);
      default:
        throw new IllegalStateException("unhandled kind " + spec.kind());
    }
  }

  /** The regular files under {@code dir} whose names end with {@code suffix}, sorted. */
  static List<Path> filesUnder(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    }
  }
}
