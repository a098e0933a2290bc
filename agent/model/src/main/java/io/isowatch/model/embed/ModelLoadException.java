package io.isowatch.model.embed;

/**
 * A model that cannot be used as its manifest describes it: a missing file, a file that is not a
 * model, or names and shapes that do not match the graph. The message names what to fix.
 */
public class ModelLoadException extends RuntimeException {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
