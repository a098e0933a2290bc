package io.isowatch.cli.console;

import io.isowatch.connectors.file.ProgressListener;
import io.isowatch.connectors.file.ReplayProgress;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Prints each progress report of a file replay as one line, {@code "progress: "} and {@link
 * ReplayProgress#render()}, e.g. {@code progress: cpu.csv: 40% (1612 rows, 0 malformed, 9120
 * rows/s)}. Files replayed at once each print their own lines; lines never interleave.
 */
public final class ProgressPrinter implements ProgressListener {
  private final PrintWriter err;

  public ProgressPrinter(PrintWriter err) {
    this.err = Objects.requireNonNull(err, "err");
  }

  @Override
  public void onProgress(ReplayProgress progress) {
    String line = "progress: " + progress.render();
    synchronized (err) {
      err.println(line);
      err.flush();
    }
  }
}
