package io.isowatch.connectors.file;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields. A field may be quoted with {@code "}, with {@code ""} for a
 * quote inside; a record cannot span lines (no public time-series file here needs it).
 */
final class CsvLine {
  /** Delimiters {@link #detectDelimiter} chooses from, preferred in this order on a tie. */
  static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};

  private CsvLine() {}

  /**
   * The fields of {@code line}, not trimmed.
   *
   * @throws IllegalArgumentException if a quoted field is not closed, or a closing quote is
   *     followed by something other than the delimiter
   */
  static List<String> split(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      field.setLength(0);
      int start = i;
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException(
                "quoted field starting at character " + (start + 1) + " is not closed");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i < n && line.charAt(i) != delimiter) {
          throw new IllegalArgumentException(
              "unexpected '" + line.charAt(i) + "' after the quoted field at character " + (i + 1));
        }
      } else {
        i = start;
        while (i < n && line.charAt(i) != delimiter) {
          field.append(line.charAt(i++));
        }
      }
      fields.add(field.toString());
      if (i >= n) {
        return fields;
      }
      i++; // the delimiter
    }
  }

  /**
   * The candidate that occurs most often outside quotes in {@code header}; a comma when none does.
   */
  static char detectDelimiter(String header) {
    int[] counts = new int[CANDIDATE_DELIMITERS.length];
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        for (int k = 0; k < CANDIDATE_DELIMITERS.length; k++) {
          if (c == CANDIDATE_DELIMITERS[k]) {
            counts[k]++;
          }
        }
      }
    }
    int best = 0;
    for (int k = 1; k < counts.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return CANDIDATE_DELIMITERS[best];
  }
}
