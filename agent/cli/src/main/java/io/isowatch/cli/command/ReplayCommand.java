package io.isowatch.cli.command;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.SinkSettings;
import io.isowatch.cli.config.SourceSpec;
import io.isowatch.cli.console.ProgressPrinter;
import io.isowatch.cli.console.RunSummary;
import io.isowatch.cli.console.Terminal;
import io.isowatch.cli.input.InputFiles;
import io.isowatch.cli.report.ReportOptions;
import io.isowatch.cli.report.ReportRecorder;
import io.isowatch.cli.run.AgentAssembly;
import io.isowatch.cli.run.SourceOpener;
import io.isowatch.connectors.file.ProgressListener;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.engine.spec.InputFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch replay}: replays recorded feeds from files through the agent, one source per
 * file, prints alerts as they fire and ends with a summary of the run.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Replays CSV, JSON Lines (.jsonl) and TCPD series (.json) files through the agent, one"
            + " source per file, with the bundled model; prints alerts as they fire and, at the"
            + " end, a summary: observations, rejected records by reason, windows embedded, alerts"
            + " by severity, per feed.")
public final class ReplayCommand implements Callable<Integer> {
  /** The connectors' builder options under the names this command gives them. */
  private static final Map<String, String> OPTION_NAMES =
      Map.of(
          "valueColumns", "--column",
          "keyColumn", "--key-column",
          "timeColumn", "--time-column",
          "speedUp", "--speed");

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Files to replay: .jsonl as JSON Lines ({\"feed\": ..., \"time\": ..., \"value\":"
              + " ...}), .json as a TCPD series, anything else as CSV with a header line.")
  public List<Path> files;

  @Option(
      names = "--column",
      paramLabel = "NAME",
      description =
          "CSV value column, one feed each; repeat for several (default: the only column besides"
              + " the time and key columns).")
  List<String> columns = new ArrayList<>();

  @Option(
      names = "--key-column",
      paramLabel = "NAME",
      description = "CSV column whose value names each row's feed (long format).")
  public String keyColumn;

  @Option(
      names = "--time-column",
      paramLabel = "NAME",
      description = "CSV time column (default: the first column).")
  public String timeColumn;

  @Option(
      names = "--speed",
      paramLabel = "X",
      defaultValue = "0",
      description =
          "Event time runs X times faster than wall-clock time; 0 replays as fast as possible"
              + " (default: ${DEFAULT-VALUE}).")
  public double speed;

  @Mixin PipelineOptions agent;

  @Option(
      names = "--alerts-jsonl",
      paramLabel = "FILE",
      description = "Also append each alert to FILE, one JSON object per line.")
  public Path alertsJsonl;

  @Mixin ReportOptions report;

  @Option(
      names = "--progress",
      negatable = true,
      description =
          "Print the replay's progress on standard error (default: only when it is a terminal).")
  public Boolean progress;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new ParameterException(
          spec.commandLine(), "--speed must be finite and at least 0, got " + speed);
    }
    AgentSettings settings =
        agent
            .settings(spec)
            .sinks(
                new SinkSettings(
                    true,
                    Optional.ofNullable(alertsJsonl),
                    agent.deadLetters,
                    agent.receivers.specs(spec)))
            .build();
    List<SourceSpec> specs = sourceSpecs();
    SourceOpener opener = new SourceOpener(OPTION_NAMES, progressListener());
    List<ObservationSource> sources = new ArrayList<>(specs.size());
    for (SourceSpec source : specs) {
      sources.add(opener.open(source, source.file().orElseThrow().toString(), ""));
    }
    Optional<ReportRecorder> recorder = reportRecorder();
    try (AgentAssembly assembly =
        AgentAssembly.start(
            settings,
            sources,
            out,
            List.of(),
            recorder.<List<EngineListener>>map(List::of).orElse(List.of()))) {
      out.printf(
          "isowatch replay: %d file%s, %s, window %d / stride %d%n",
          files.size(),
          files.size() == 1 ? "" : "s",
          assembly.embedder().describe(),
          agent.window,
          agent.stride);
      for (ObservationSource source : sources) {
        out.println("  " + source.describe());
      }
      assembly.printStart(out);
      Duration took = assembly.run();
      out.printf(Locale.ROOT, "%nreplayed in %.1f s%n", took.toNanos() / 1e9);
      RunSummary.print(assembly.tally(), out);
    }
    writeReport(recorder, out);
    return 0;
  }

  private Optional<ReportRecorder> reportRecorder() throws InputFormatException {
    try {
      return report.recorder();
    } catch (IOException e) {
      throw cannotWriteReport(e);
    }
  }

  private void writeReport(Optional<ReportRecorder> recorder, PrintWriter out)
      throws InputFormatException {
    try {
      report
          .write(recorder, "isowatch replay of " + fileNames(), Map.of())
          .ifPresent(file -> out.printf("report: %s%n", file));
    } catch (IOException e) {
      throw cannotWriteReport(e);
    }
  }

  private InputFormatException cannotWriteReport(IOException cause) {
    return InputFiles.cannotWrite("the report " + report.file().orElseThrow(), cause);
  }

  private String fileNames() {
    return String.join(", ", files.stream().map(f -> String.valueOf(f.getFileName())).toList());
  }

  private List<SourceSpec> sourceSpecs() {
    List<SourceSpec> specs = new ArrayList<>(files.size());
    for (Path file : files) {
      specs.add(
          SourceSpec.ofFile(
              file,
              columns,
              Optional.ofNullable(keyColumn),
              Optional.ofNullable(timeColumn),
              speed));
    }
    boolean csvOptions = !columns.isEmpty() || keyColumn != null || timeColumn != null;
    if (csvOptions && specs.stream().noneMatch(s -> s instanceof SourceSpec.Csv)) {
      throw new ParameterException(
          spec.commandLine(),
          "--column, --key-column and --time-column apply to CSV files, and none of the files"
              + " is one (.jsonl is read as JSON Lines, .json as a TCPD series)");
    }
    return specs;
  }

  private ProgressListener progressListener() {
    boolean show = progress != null ? progress : Terminal.standardErrorIsTerminal();
    return show ? new ProgressPrinter(spec.commandLine().getErr()) : ProgressListener.NONE;
  }
}
