package io.isowatch.cli.input;

import io.isowatch.core.geometry.Cloud;
import io.isowatch.engine.spec.InputFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a cloud from a headerless CSV file: one vector per line, its values separated by commas.
 *
 * <p>Whitespace around a value is ignored and blank lines are skipped; line numbers in messages
 * count every physical line, from 1. Every vector must have as many values as the first one, every
 * value must be a finite number as {@link Double#parseDouble} reads it, and there must be at least
 * two vectors.
 */
public final class VectorCsvReader {
  /** The fewest vectors a cloud needs for a covariance and for pairwise cosines. */
  public static final int MIN_VECTORS = 2;

  private VectorCsvReader() {}

  public static Cloud read(Path path) throws InputFormatException {
    List<double[]> rows = new ArrayList<>();
    int width = -1;
    int widthLine = 0;
    try (BufferedReader reader = InputFiles.open(path)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (lineNumber == 1) {
          line = InputFiles.withoutByteOrderMark(line);
        }
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (width < 0) {
          width = cells.length;
          widthLine = lineNumber;
        } else if (cells.length != width) {
          throw error(
              path,
              lineNumber,
              "expected " + width + " values like line " + widthLine + ", found " + cells.length);
        }
        rows.add(parseRow(path, lineNumber, cells));
      }
    } catch (IOException e) {
      throw InputFormatException.unreadable(path, e);
    }
    if (rows.size() < MIN_VECTORS) {
      throw new InputFormatException(
          path + ": the cloud needs at least " + MIN_VECTORS + " vectors, found " + rows.size());
    }
    return Cloud.of(rows.toArray(new double[0][]));
  }

  private static double[] parseRow(Path path, int lineNumber, String[] cells)
      throws InputFormatException {
    double[] row = new double[cells.length];
    for (int j = 0; j < cells.length; j++) {
      row[j] = parseCell(path, lineNumber, j + 1, cells[j].strip());
    }
    return row;
  }

  private static double parseCell(Path path, int lineNumber, int column, String text)
      throws InputFormatException {
    String at = "line " + lineNumber + ", column " + column + ": ";
    if (text.isEmpty()) {
      throw new InputFormatException(path + ": " + at + "empty value");
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InputFormatException(
          path + ": " + at + InputFormatException.quoted(text) + " is not a number");
    }
    if (!Double.isFinite(value)) {
      String shown =
          text.equals(String.valueOf(value))
              ? text
              : InputFormatException.quoted(text) + " reads as " + value;
      throw new InputFormatException(path + ": " + at + "value is not finite (" + shown + ")");
    }
    return value;
  }

  private static InputFormatException error(Path path, int lineNumber, String detail) {
    return new InputFormatException(path + ": line " + lineNumber + ": " + detail);
  }
}
