package io.isowatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opening the text files the commands read, and the messages for files that cannot be read. */
final class InputFiles {
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int MAX_QUOTED = 40;

  private InputFiles() {}

  /**
   * A UTF-8 reader of {@code path}. Malformed bytes are replaced rather than reported, so that they
   * surface as a bad cell with its line and column instead of a bare decoding error.
   */
  static BufferedReader open(Path path) throws InputFormatException {
    if (Files.isDirectory(path)) {
      throw new InputFormatException("cannot read " + path + ": it is a directory");
    }
    try {
      return new BufferedReader(
          new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw unreadable(path, e);
    }
  }

  /** The exception for an I/O failure while opening or reading {@code path}. */
  static InputFormatException unreadable(Path path, IOException cause) {
    InputFormatException exception =
        new InputFormatException("cannot read " + path + ": " + reason(cause));
    exception.initCause(cause);
    return exception;
  }

  /** Why an I/O operation failed, in a few words: {@code "no such file"}, ... */
  static String reason(IOException cause) {
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    } else if (cause instanceof AccessDeniedException) {
      return "permission denied";
    } else if (cause.getMessage() != null) {
      return cause.getMessage();
    } else {
      return cause.getClass().getSimpleName();
    }
  }

  /** {@code line} without the byte order mark some editors put at the start of a file. */
  static String withoutByteOrderMark(String line) {
    return !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
  }

  /** {@code text} in double quotes, shortened when long, for an error message. */
  static String quoted(String text) {
    String shown = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    return '"' + shown + '"';
  }

  /** "cannot write WHAT: reason", as a bad-input failure that keeps its cause. */
  static InputFormatException cannotWrite(String what, IOException cause) {
    InputFormatException failure =
        new InputFormatException("cannot write " + what + ": " + reason(cause));
    failure.initCause(cause);
    return failure;
  }
}
