package io.isowatch.connectors.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which columns of a CSV file hold the time, the feed key and the values, and how feeds are named:
 * resolved once from the header line.
 *
 * @param delimiter the field separator
 * @param header the column names, trimmed
 * @param timeIndex the time column
 * @param keyIndex the key column of a long-format file, or -1
 * @param valueIndices the value columns, in the order asked for (header order when detected)
 * @param feedIds without a key column, the feed of each value column
 * @param feedPrefix with a key column, what precedes the key in a feed id ({@code ""} or {@code
 *     "prefix/"})
 */
record CsvLayout(
    char delimiter,
    List<String> header,
    int timeIndex,
    int keyIndex,
    List<Integer> valueIndices,
    List<String> feedIds,
    String feedPrefix) {

  /** What the user chose; empty options are detected from the header. */
  record Choice(
      Optional<Character> delimiter,
      Optional<String> timeColumn,
      List<String> valueColumns,
      Optional<String> keyColumn,
      Optional<String> feedPrefix) {}

  /**
   * @param fileStem the file's name without its extension: the default feed id prefix
   * @throws IllegalArgumentException naming the option that does not fit the header
   */
  static CsvLayout resolve(String headerLine, String fileName, String fileStem, Choice choice) {
    char delimiter = choice.delimiter().orElseGet(() -> CsvLine.detectDelimiter(headerLine));
    List<String> header = new ArrayList<>();
    try {
      for (String name : CsvLine.split(headerLine, delimiter)) {
        header.add(name.strip());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(fileName + ": header line: " + e.getMessage(), e);
    }
    int timeIndex =
        choice.timeColumn().map(name -> indexOf(header, "timeColumn", name, fileName)).orElse(0);
    int keyIndex =
        choice.keyColumn().map(name -> indexOf(header, "keyColumn", name, fileName)).orElse(-1);
    if (keyIndex == timeIndex) {
      throw new IllegalArgumentException(
          "keyColumn must differ from the time column, both are " + header.get(timeIndex));
    }

    List<Integer> values = new ArrayList<>();
    if (choice.valueColumns().isEmpty()) {
      List<String> candidates = new ArrayList<>();
      for (int k = 0; k < header.size(); k++) {
        if (k != timeIndex && k != keyIndex) {
          values.add(k);
          candidates.add(header.get(k));
        }
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            fileName
                + " has no value column besides the time"
                + (keyIndex >= 0 ? " and key" : "")
                + " column: header "
                + header);
      }
      if (values.size() > 1) {
        throw new IllegalArgumentException(
            "valueColumns must be named: " + fileName + " has several candidates " + candidates);
      }
    } else {
      for (String name : choice.valueColumns()) {
        int k = indexOf(header, "valueColumns", name, fileName);
        if (k == timeIndex || k == keyIndex) {
          throw new IllegalArgumentException(
              "valueColumns must not include the time or key column, got " + name);
        }
        if (values.contains(k)) {
          throw new IllegalArgumentException(
              "valueColumns must not repeat a column, got " + name + " twice");
        }
        values.add(k);
      }
    }

    boolean oneValueColumnInFile = header.size() - 1 - (keyIndex >= 0 ? 1 : 0) == 1;
    String prefix = choice.feedPrefix().orElse(fileStem);
    List<String> feedIds = new ArrayList<>();
    if (keyIndex < 0) {
      for (int k : values) {
        feedIds.add(oneValueColumnInFile ? prefix : prefix + "/" + header.get(k));
      }
    }
    String keyPrefix = choice.feedPrefix().map(p -> p + "/").orElse("");
    return new CsvLayout(
        delimiter,
        List.copyOf(header),
        timeIndex,
        keyIndex,
        List.copyOf(values),
        List.copyOf(feedIds),
        keyPrefix);
  }

  private static int indexOf(List<String> header, String option, String name, String fileName) {
    int k = header.indexOf(name.strip());
    if (k < 0) {
      throw new IllegalArgumentException(
          option + " " + name + " is not a column of " + fileName + ": header " + header);
    }
    return k;
  }

  boolean keyed() {
    return keyIndex >= 0;
  }

  /** The feed of value column {@code v} (an index into {@link #valueIndices}) for a row's key. */
  String feedId(int v, String key) {
    if (!keyed()) {
      return feedIds.get(v);
    }
    return valueIndices.size() == 1
        ? feedPrefix + key
        : feedPrefix + key + "/" + header.get(valueIndices.get(v));
  }

  /** The column name of value column {@code v}. */
  String valueName(int v) {
    return header.get(valueIndices.get(v));
  }

  String timeName() {
    return header.get(timeIndex);
  }

  String keyName() {
    return header.get(keyIndex);
  }
}
