package io.isowatch.cli;

/**
 * An input file that cannot be read or does not have the expected format. The message is meant for
 * the user as it is: it names the file and, where there is one, the line and column at fault.
 */
public final class InputFormatException extends Exception {

  public InputFormatException(String message) {
    super(message);
  }
}
