package io.isowatch.connectors.file;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Told how a file replay advances: each time another tenth of the file has been read, and once more
 * at the end with {@link ReplayProgress#done()} set. Called on the replay's thread, so it should
 * return quickly.
 *
 * <pre>{@code
 * CsvReplaySource source =
 *     CsvReplaySource.builder(path).progress(ProgressListener.printingTo(System.err)).build();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores every report: the default. */
  ProgressListener NONE = progress -> {};

  void onProgress(ReplayProgress progress);

  /** Prints each report's {@link ReplayProgress#render()} as a line on {@code out}. */
  static ProgressListener printingTo(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return progress -> out.println(progress.render());
  }
}
