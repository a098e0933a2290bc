package io.isowatch.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --report FILE}: the option a command that runs the agent mixes in to write a visual report
 * at the end ({@code replay}; {@code evaluate} passes its numbers to {@link #write}).
 *
 * <pre>{@code
 * @Mixin ReportOptions report;
 * ...
 * Optional<ReportRecorder> recorder = report.recorder(); // add it as a pipeline listener
 * ... run ...
 * report.write(recorder, "isowatch replay", Map.of());
 * }</pre>
 */
public final class ReportOptions {
  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "At the end, write a self-contained HTML page to FILE: per feed its values, each signal"
              + " and the alerts on a shared time axis (at most "
              + ReportRecorder.DEFAULT_MAX_FEEDS
              + " feeds, "
              + ReportRecorder.DEFAULT_POINTS_PER_SERIES
              + " points a series).")
  Path report;

  /**
   * A recorder to listen to the pipeline, if a report was asked for; its folder is created and
   * checked now, so that a report that cannot be written fails the command before the run.
   *
   * @throws IOException if the report's folder cannot be created or written to
   */
  public Optional<ReportRecorder> recorder() throws IOException {
    if (report == null) {
      return Optional.empty();
    }
    Path folder = report.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    if (!Files.isWritable(folder) || Files.isDirectory(report)) {
      throw new IOException(
          Files.isDirectory(report) ? "it is a folder" : "cannot write in " + folder);
    }
    return Optional.of(new ReportRecorder());
  }

  /** The file the report goes to, if one was asked for. */
  public Optional<Path> file() {
    return Optional.ofNullable(report);
  }

  /** Writes the report of {@code recorder} (if any) with a title and evaluation numbers. */
  public Optional<Path> write(
      Optional<ReportRecorder> recorder, String title, Map<String, String> evaluation)
      throws IOException {
    if (recorder.isEmpty() || report == null) {
      return Optional.empty();
    }
    HtmlReport.write(recorder.orElseThrow().snapshot(title, evaluation), report);
    return Optional.of(report);
  }
}
