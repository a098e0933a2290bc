package io.isowatch.engine.spec;

import io.isowatch.core.risk.RiskModel;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a risk model that {@code isowatch train-risk --out-dir DIR} wrote, for the configuration's
 * {@code trust.risk-model} and the commands' {@code --risk-model}: at start-up, so that a missing,
 * altered or foreign artifact stops the agent with a message instead of judging with the wrong
 * model.
 */
public final class RiskModelFolder {
  private RiskModelFolder() {}

  /**
   * The model in {@code dir}, checked against its manifest.
   *
   * @param option the option or key that named the folder, to begin a message with
   * @throws InputFormatException saying what is wrong and what to do
   */
  public static RiskModel load(Path dir, String option) throws InputFormatException {
    try {
      return load(dir);
    } catch (InputFormatException e) {
      InputFormatException named = new InputFormatException(option + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    }
  }

  /**
   * The model in {@code dir}, checked against its manifest.
   *
   * @throws InputFormatException saying what is wrong and what to do, beginning with {@code dir}
   */
  public static RiskModel load(Path dir) throws InputFormatException {
    try {
      return RiskModel.load(dir);
    } catch (NoSuchFileException e) {
      throw failure(
          dir,
          "has no "
              + Path.of(e.getFile()).getFileName()
              + "; give the folder that `isowatch train-risk --out-dir` wrote",
          e);
    } catch (IOException e) {
      throw failure(dir, "cannot be read (" + e.getMessage() + ")", e);
    } catch (IllegalStateException e) {
      throw failure(dir, e.getMessage(), e);
    }
  }

  private static InputFormatException failure(Path dir, String message, Exception cause) {
    InputFormatException failure = new InputFormatException(dir + ": " + message);
    failure.initCause(cause);
    return failure;
  }
}
