package io.isowatch.connectors.file;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a file replay stands: how much of the file it has read, what that gave, and how fast.
 *
 * @param source the file's name, e.g. {@code "ETTh1.csv"}
 * @param rows data lines read so far (header and blank lines not counted, malformed lines counted)
 * @param observations observations emitted
 * @param malformed malformed records emitted (a line with two bad cells counts twice)
 * @param blankLines blank lines passed over
 * @param bytesRead bytes of the file read so far
 * @param totalBytes the file's size when the replay started
 * @param elapsed wall-clock time since the replay started
 * @param done whether the replay has ended: the file's end, or a stop
 */
public record ReplayProgress(
    String source,
    long rows,
    long observations,
    long malformed,
    long blankLines,
    long bytesRead,
    long totalBytes,
    Duration elapsed,
    boolean done) {
  public ReplayProgress {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Share of the file read, in [0, 1]; 1 for an empty file. */
  public double fraction() {
    return totalBytes <= 0 ? 1.0 : Math.min(1.0, (double) bytesRead / totalBytes);
  }

  /** Rows per wall-clock second so far; 0 before any time has passed. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? rows / seconds : 0;
  }

  /**
   * One line for a terminal, e.g. {@code "ETTh1.csv: 40% (6968 rows, 0 malformed, 51234 rows/s)"},
   * with {@code ", done"} at the end.
   */
  public String render() {
    return String.format(
        Locale.ROOT,
        "%s: %d%% (%d rows, %d malformed, %.0f rows/s)%s",
        source,
        (int) Math.floor(100 * fraction()),
        rows,
        malformed,
        rowsPerSecond(),
        done ? ", done" : "");
  }
}
