package io.isowatch.evaluation.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code --dataset KIND:PATH[:COLUMN]} argument: {@code nab:DIR}, {@code tcpd:DIR}, {@code
 * skab:DIR[:COLUMN]} or {@code csv:FILE[:COLUMN[:FORECAST_COLUMN]]}.
 *
 * @param kind the dataset kind
 * @param path the folder or file
 * @param column the value column, where the kind takes one
 * @param forecastColumn a csv file's column of production forecasts: at each row, the forecast of
 *     that row's value made one row earlier
 */
public record DatasetSpec(
    Kind kind, Path path, Optional<String> column, Optional<String> forecastColumn) {

  public DatasetSpec(Kind kind, Path path, Optional<String> column) {
    this(kind, path, column, Optional.empty());
  }

  /** The dataset kinds and how each is scored. */
  public enum Kind {
    NAB,
    TCPD,
    SKAB,
    CSV;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Parses {@code KIND:PATH[:COLUMN]}.
   *
   * @throws IllegalArgumentException naming what is wrong and the accepted forms
   */
  public static DatasetSpec parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(usage(text, "expected KIND:PATH"));
    }
    String kindText = text.substring(0, colon);
    Kind kind;
    try {
      kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(usage(text, "unknown kind " + kindText));
    }
    String rest = text.substring(colon + 1);
    Optional<String> column = Optional.empty();
    int second = rest.indexOf(':');
    if (second >= 0) {
      if (kind == Kind.NAB || kind == Kind.TCPD) {
        throw new IllegalArgumentException(usage(text, kind.label() + " takes no column"));
      }
      String columnText = rest.substring(second + 1);
      if (columnText.isBlank()) {
        throw new IllegalArgumentException(usage(text, "empty column after the path"));
      }
      column = Optional.of(columnText);
      rest = rest.substring(0, second);
    }
    Optional<String> forecastColumn = Optional.empty();
    if (column.isPresent() && column.get().contains(":")) {
      String[] parts = column.get().split(":", 2);
      if (kind != Kind.CSV || parts[0].isBlank() || parts[1].isBlank() || parts[1].contains(":")) {
        throw new IllegalArgumentException(
            usage(text, "only csv takes a forecast column, as csv:FILE:COLUMN:FORECAST_COLUMN"));
      }
      column = Optional.of(parts[0]);
      forecastColumn = Optional.of(parts[1]);
    }
    return new DatasetSpec(kind, Path.of(rest), column, forecastColumn);
  }

  private static String usage(String text, String problem) {
    return "--dataset "
        + text
        + ": "
        + problem
        + "; use nab:DIR, tcpd:DIR, skab:DIR[:COLUMN] or csv:FILE[:COLUMN[:FORECAST_COLUMN]]";
  }

  @Override
  public String toString() {
    return kind.label()
        + ":"
        + path
        + column.map(c -> ":" + c).orElse("")
        + forecastColumn.map(c -> ":" + c).orElse("");
  }
}
