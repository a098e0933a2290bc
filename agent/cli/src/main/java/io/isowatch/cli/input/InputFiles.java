package io.isowatch.cli.input;

import io.isowatch.engine.spec.InputFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening the text files the commands read, and the messages for files that cannot be read. */
public final class InputFiles {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private InputFiles() {}

  /**
   * A UTF-8 reader of {@code path}. Malformed bytes are replaced rather than reported, so that they
   * surface as a bad cell with its line and column instead of a bare decoding error.
   */
  public static BufferedReader open(Path path) throws InputFormatException {
    if (Files.isDirectory(path)) {
      throw new InputFormatException("cannot read " + path + ": it is a directory");
    }
    try {
      return new BufferedReader(
          new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw InputFormatException.unreadable(path, e);
    }
  }

  /** {@code line} without the byte order mark some editors put at the start of a file. */
  public static String withoutByteOrderMark(String line) {
    return !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
  }

  /** "cannot write WHAT: reason", as a bad-input failure that keeps its cause. */
  public static InputFormatException cannotWrite(String what, IOException cause) {
    InputFormatException failure =
        new InputFormatException(
            "cannot write " + what + ": " + InputFormatException.reason(cause));
    failure.initCause(cause);
    return failure;
  }
}
