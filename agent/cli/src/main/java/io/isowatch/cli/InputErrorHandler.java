package io.isowatch.cli;

import io.isowatch.engine.spec.InputFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an {@link InputFormatException} from any subcommand into one line on standard error, {@code
 * isowatch <subcommand>: <message>}, and exit code {@link IsowatchCommand#EXIT_BAD_INPUT}. Any
 * other exception is a bug and keeps picocli's default handling (stack trace, exit code 1).
 */
final class InputErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult)
      throws Exception {
    if (!(ex instanceof InputFormatException)) {
      throw ex;
    }
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
    command.getErr().flush();
    return IsowatchCommand.EXIT_BAD_INPUT;
  }
}
