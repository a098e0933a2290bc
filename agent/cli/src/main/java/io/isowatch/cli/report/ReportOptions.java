package io.isowatch.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --report FILE}: the option a command that runs the agent mixes in to write a visual report
 * at the end ({@code replay}; {@code evaluate}, which passes its numbers to {@link #write}).
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
          "At the end, write a self-contained HTML page to FILE: per feed its values, forecasts,"
              + " each signal, the trust score and the alerts on a shared time axis (at most the"
              + " first "
              + ReportRecorder.DEFAULT_MAX_FEEDS
              + " feeds, "
              + ReportRecorder.DEFAULT_POINTS_PER_SERIES
              + " points a series). Under evaluate: the metrics tables, and each series that"
              + " ran the model on its own time axis with its labels; series read from --cache"
              + " are in the numbers but not drawn.")
  Path report;

  /**
   * A recorder to listen to the pipeline, if a report was asked for; its folder is created and
   * checked now, so that a report that cannot be written fails the command before the run.
   *
   * @throws IOException if the report's folder cannot be created or written to
   */
  public Optional<ReportRecorder> recorder() throws IOException {
    return recorder(ReportData.Axes.SHARED);
  }

  /**
   * As {@link #recorder()}, with the feeds on one shared time axis or each on its own.
   *
   * @throws IOException if the report's folder cannot be created or written to
   */
  public Optional<ReportRecorder> recorder(ReportData.Axes axes) throws IOException {
    if (report == null) {
      return Optional.empty();
    }
    Path folder = report.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    if (!Files.isWritable(folder) || Files.isDirectory(report)) {
      throw new IOException(
          Files.isDirectory(report) ? "it is a folder" : "cannot write in " + folder);
    }
    return Optional.of(
        new ReportRecorder(
            ReportRecorder.DEFAULT_MAX_FEEDS, ReportRecorder.DEFAULT_POINTS_PER_SERIES, axes));
  }

  /** The file the report goes to, if one was asked for. */
  public Optional<Path> file() {
    return Optional.ofNullable(report);
  }

  /** Writes the report of {@code recorder} (if any) with a title and evaluation numbers. */
  public Optional<Path> write(
      Optional<ReportRecorder> recorder, String title, Map<String, String> evaluation)
      throws IOException {
    return write(recorder, title, evaluation, List.of(), List.of());
  }

  /** Writes the report of {@code recorder} (if any) with tables of numbers and notes. */
  public Optional<Path> write(
      Optional<ReportRecorder> recorder,
      String title,
      Map<String, String> evaluation,
      List<ReportTable> tables,
      List<String> notes)
      throws IOException {
    if (recorder.isEmpty() || report == null) {
      return Optional.empty();
    }
    HtmlReport.write(recorder.orElseThrow().snapshot(title, evaluation, tables, notes), report);
    return Optional.of(report);
  }
}
