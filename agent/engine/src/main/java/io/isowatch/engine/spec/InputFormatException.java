package io.isowatch.engine.spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An input file that cannot be read or does not have the expected format. The message is meant for
 * the user as it is: it names the file and, where there is one, the line and column at fault.
 */
public final class InputFormatException extends Exception {
  private static final int MAX_QUOTED = 40;

  public InputFormatException(String message) {
    super(message);
  }

  /** A user's text for a message, quoted and cut short: {@code "abc"}. */
  public static String quoted(String text) {
    String shown = text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    return '"' + shown + '"';
  }

  /** The exception for an I/O failure while opening or reading {@code path}. */
  public static InputFormatException unreadable(Path path, IOException cause) {
    InputFormatException exception =
        new InputFormatException("cannot read " + path + ": " + reason(cause));
    exception.initCause(cause);
    return exception;
  }

  /** Why an I/O operation failed, in a few words: {@code "no such file"}, ... */
  public static String reason(IOException cause) {
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
}
