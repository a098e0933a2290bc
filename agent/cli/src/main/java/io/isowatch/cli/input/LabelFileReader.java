package io.isowatch.cli.input;

import io.isowatch.engine.spec.InputFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads cluster labels: one integer per line, any integers, in the order of the vectors they label.
 * Whitespace around a label is ignored and blank lines are skipped; line numbers in messages count
 * every physical line, from 1.
 */
public final class LabelFileReader {
  private LabelFileReader() {}

  public static int[] read(Path path) throws InputFormatException {
    int[] labels = new int[64];
    int count = 0;
    try (BufferedReader reader = InputFiles.open(path)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (lineNumber == 1) {
          line = InputFiles.withoutByteOrderMark(line);
        }
        String text = line.strip();
        if (text.isEmpty()) {
          continue;
        }
        if (count == labels.length) {
          labels = Arrays.copyOf(labels, 2 * count);
        }
        labels[count++] = parseLabel(path, lineNumber, text);
      }
    } catch (IOException e) {
      throw InputFormatException.unreadable(path, e);
    }
    return Arrays.copyOf(labels, count);
  }

  private static int parseLabel(Path path, int lineNumber, String text)
      throws InputFormatException {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InputFormatException(
          path
              + ": line "
              + lineNumber
              + ": "
              + InputFormatException.quoted(text)
              + " is not an integer label");
    }
  }
}
