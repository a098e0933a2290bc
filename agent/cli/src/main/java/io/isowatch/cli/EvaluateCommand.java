package io.isowatch.cli;

import io.isowatch.cli.report.EvaluationReport;
import io.isowatch.cli.report.ReportData;
import io.isowatch.cli.report.ReportOptions;
import io.isowatch.cli.report.ReportRecorder;
import io.isowatch.core.embed.BundledModels;
import io.isowatch.core.embed.Device;
import io.isowatch.core.embed.OnnxEmbedder;
import io.isowatch.core.encode.TextSerializationEncoder;
import io.isowatch.evaluation.Evaluation;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.EvaluationResult;
import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.isowatch.IsowatchDetector;
import io.isowatch.evaluation.isowatch.TraceCache;
import io.isowatch.evaluation.isowatch.VerdictListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch evaluate}: isowatch, each of its signals alone and the baselines over labelled
 * and unlabelled datasets; a markdown table on standard output and every number in a JSON file.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scores isowatch, each of its signals alone, and the baselines (Page-Hinkley, ADWIN, CUSUM,"
          + " rolling z-score) on datasets: NAB score, TCPD F1 and covering, SKAB windowed F1,"
          + " and for unlabelled CSVs how well the score predicts forecast-error events (AUROC,"
          + " precision at --far, median lead time).",
      "Prints a markdown table; --out gets the JSON with per-series rows; --report an HTML page"
          + " with the same numbers and the series drawn."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "KIND:PATH",
      description =
          "Repeatable: nab:DIR, tcpd:DIR, skab:DIR[:COLUMN] or csv:FILE[:COLUMN] (see the README).")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where the JSON results go (default: none).")
  Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "" + Evaluation.DEFAULT_SEED,
      description =
          "Recorded with the results; the run draws no random number (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--limit-series",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "At most N series per dataset, for quick runs; 0 = all (default: ${DEFAULT-VALUE}).")
  int limitSeries;

  @Option(
      names = "--stride",
      paramLabel = "N",
      defaultValue = "" + EvaluationProfile.DEFAULT_STRIDE,
      description =
          "Stride of the 64-value windows on long series; shorter series keep their own profile"
              + " (default: ${DEFAULT-VALUE}).")
  int stride;

  @Option(
      names = "--far",
      paramLabel = "RATE",
      defaultValue = "" + Evaluation.DEFAULT_FAR,
      description =
          "False-alarm rate at which precision is measured on unlabelled series (default: ${DEFAULT-VALUE}).")
  double far;

  @Option(
      names = "--model",
      defaultValue = "INT8",
      description = "Bundled model variant: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  BundledModels model;

  @Option(
      names = "--device",
      defaultValue = "CPU",
      description = "Where to run the model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Device device;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "" + IsowatchDetector.DEFAULT_BATCH,
      description = "Windows per embedding call (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Keep isowatch's traces per series here and reuse them on the next run (clear it after"
              + " changing the monitor); default: none.")
  Path cache;

  @Option(
      names = "--baselines-only",
      description = "Skip the model: run only the baselines on the raw values.")
  boolean baselinesOnly;

  @Mixin ReportOptions report;

  @Override
  public Integer call() throws Exception {
    List<DatasetSpec> specs = new ArrayList<>();
    for (String text : datasets) {
      try {
        specs.add(DatasetSpec.parse(text));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (limitSeries < 0) {
      throw new ParameterException(
          spec.commandLine(), "--limit-series must be 0 or more, got " + limitSeries);
    }
    if (batch < 1) {
      throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
    }
    Optional<ReportRecorder> recorder = reportRecorder();
    Optional<EvaluationReport> drawing = recorder.map(EvaluationReport::new);
    PrintWriter console = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Evaluation.Builder builder;
    try {
      builder = Evaluation.builder().largeStride(stride).far(far).seed(seed).progress(err);
      builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    EvaluationResult result;
    if (baselinesOnly) {
      result = run(builder.build(), specs);
    } else {
      try (OnnxEmbedder embedder =
              OnnxEmbedder.builder().manifest(model.manifest()).device(device).build();
          TextSerializationEncoder encoder =
              TextSerializationEncoder.builder()
                  .tokenizer(model.manifest().tokenizer())
                  .maxTokens(model.manifest().maxTokens())
                  .build()) {
        err.println("evaluate: " + embedder.describe());
        if (cache != null) {
          builder.cache(new TraceCache(cache, embedder.describe() + " / " + encoder.describe()));
        }
        result =
            run(
                builder
                    .isowatch(
                        new IsowatchDetector(
                            embedder,
                            encoder,
                            batch,
                            drawing.<VerdictListener>map(d -> d).orElse(VerdictListener.NONE)))
                    .build(),
                specs);
      }
    }
    if (out != null) {
      result.writeJson(out);
    }
    console.print(result.markdownTable());
    console.println(
        String.format(
            Locale.ROOT,
            "%d series, %d windows embedded, %.1f s; isowatch score: %s%s",
            result.series().size(),
            result.windowsEmbedded(),
            result.seconds(),
            result.trustScore()
                ? "1 - trust score"
                : "stand-in (max |robust z|, no trust score yet)",
            out == null ? "" : "; JSON: " + out));
    writeReport(recorder, drawing, result, console);
    console.flush();
    return 0;
  }

  private Optional<ReportRecorder> reportRecorder() throws InputFormatException {
    try {
      return report.recorder(ReportData.Axes.PER_FEED);
    } catch (IOException e) {
      throw cannotWriteReport(e);
    }
  }

  private void writeReport(
      Optional<ReportRecorder> recorder,
      Optional<EvaluationReport> drawing,
      EvaluationResult result,
      PrintWriter console)
      throws InputFormatException {
    if (drawing.isEmpty()) {
      return;
    }
    try {
      report
          .write(
              recorder,
              "isowatch evaluate on " + String.join(", ", result.datasets()),
              EvaluationReport.facts(result),
              EvaluationReport.tables(result),
              drawing.orElseThrow().notes(result, !baselinesOnly))
          .ifPresent(file -> console.printf("report: %s%n", file));
    } catch (IOException e) {
      throw cannotWriteReport(e);
    }
  }

  private InputFormatException cannotWriteReport(IOException cause) {
    return InputFiles.cannotWrite("the report " + report.file().orElseThrow(), cause);
  }

  private EvaluationResult run(Evaluation evaluation, List<DatasetSpec> specs)
      throws InputFormatException {
    try {
      return evaluation.run(specs, limitSeries);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputFormatException(e.getMessage());
    }
  }
}
