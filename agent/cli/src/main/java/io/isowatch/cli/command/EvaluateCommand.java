package io.isowatch.cli.command;

import io.isowatch.cli.input.InputFiles;
import io.isowatch.cli.report.EvaluationReport;
import io.isowatch.cli.report.ReportData;
import io.isowatch.cli.report.ReportOptions;
import io.isowatch.cli.report.ReportRecorder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustScorer;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.model.ModelSession;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.engine.spec.RiskModelFit;
import io.isowatch.engine.spec.RiskModelFolder;
import io.isowatch.evaluation.Evaluation;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.EvaluationResult;
import io.isowatch.evaluation.ScoresWriter;
import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.data.SyntheticFeeds;
import io.isowatch.evaluation.isowatch.IsowatchDetector;
import io.isowatch.evaluation.isowatch.RecordingCache;
import io.isowatch.evaluation.isowatch.VerdictListener;
import io.isowatch.evaluation.metric.Bootstrap;
import io.isowatch.evaluation.train.RiskTraining;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
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
      "Scores isowatch, each of its signals alone, the baselines (Page-Hinkley, ADWIN, CUSUM,"
          + " rolling z-score) and sanity detectors (time, minus time, noise, never and always"
          + " alarming) on datasets: NAB score, TCPD F1 and covering, SKAB windowed F1, and on"
          + " every series how well each score warns of the forecast errors of named forecasters"
          + " (AUROC, precision at --far, median lead time), with 90%% bootstrap intervals.",
      "Prints a markdown table; --out gets the JSON with per-series rows; --report an HTML page"
          + " with the same numbers and the series drawn."
    })
public final class EvaluateCommand implements Callable<Integer> {
  /** Exit status of {@code --strict} when some metric is broken. */
  public static final int BROKEN_RULER = 3;

  /** Not the risk model's training seed, so that the synthetic ruler judges feeds it never saw. */
  public static final long DEFAULT_SYNTHETIC_SEED = 7;

  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      paramLabel = "KIND:PATH",
      description =
          "Repeatable: nab:DIR, tcpd:DIR, skab:DIR[:COLUMN] or"
              + " csv:FILE[:COLUMN[:FORECAST_COLUMN]] (see the README).")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--synthetic",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Instead of --dataset: N synthetic feeds with injected regime changes, scored with"
              + " NAB's scorer against windows from each change (a ruler whose labels are the"
              + " project's own, for judging alarm designs).")
  public int synthetic;

  @Option(
      names = "--synthetic-seed",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_SYNTHETIC_SEED,
      description =
          "Seed of the --synthetic feeds; the risk model trains on seed "
              + RiskTraining.DEFAULT_SEED
              + "'s (default: ${DEFAULT-VALUE}).")
  public long syntheticSeed;

  @Option(
      names = "--synthetic-density",
      paramLabel = "DENSITY",
      defaultValue = "dense",
      converter = DensityOption.class,
      description =
          "dense: 600 to 3,000 values a feed, 1 to 3 changes (the ruler); sparse: 4,000 to 16,000"
              + " values, 1 or 2 changes, about NAB's density (default: ${DEFAULT-VALUE}).")
  SyntheticFeeds.Density syntheticDensity = SyntheticFeeds.Density.DENSE;

  @Option(
      names = "--synthetic-noise",
      paramLabel = "NOISE",
      defaultValue = "light",
      converter = NoiseOption.class,
      description =
          "light: AR(1) noise of uniform innovations around a fixed level (the ruler); heavy:"
              + " Student-t(3) innovations and a wandering level, as real series have; spiky:"
              + " heavy plus benign one-value spikes of 6 to 20 sigma at 1%% of the values"
              + " (default: ${DEFAULT-VALUE}).")
  SyntheticFeeds.Noise syntheticNoise = SyntheticFeeds.Noise.LIGHT;

  /** Reads {@code light}, {@code heavy} or {@code spiky}. */
  static final class NoiseOption extends LabelledChoice<SyntheticFeeds.Noise> {
    NoiseOption() {
      super(SyntheticFeeds.Noise.values(), SyntheticFeeds.Noise::label);
    }
  }

  /** Reads {@code dense} or {@code sparse}. */
  static final class DensityOption extends LabelledChoice<SyntheticFeeds.Density> {
    DensityOption() {
      super(SyntheticFeeds.Density.values(), SyntheticFeeds.Density::label);
    }
  }

  /** One of an option's choices by its label, naming them all when given anything else. */
  private abstract static class LabelledChoice<E> implements CommandLine.ITypeConverter<E> {
    private final List<E> choices;
    private final Function<E, String> label;

    LabelledChoice(E[] choices, Function<E, String> label) {
      this.choices = List.of(choices);
      this.label = label;
    }

    @Override
    public E convert(String value) {
      for (E choice : choices) {
        if (label.apply(choice).equals(value)) {
          return choice;
        }
      }
      throw new CommandLine.TypeConversionException(
          "expected "
              + alternatives(choices.stream().map(label).toList())
              + ", got '"
              + value
              + "'");
    }

    /** "a or b", "a, b or c": the accepted labels as a sentence says them. */
    private static String alternatives(List<String> labels) {
      int last = labels.size() - 1;
      return last == 0
          ? labels.get(0)
          : String.join(", ", labels.subList(0, last)) + " or " + labels.get(last);
    }
  }

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where the JSON results go (default: none).")
  public Path out;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "" + Evaluation.DEFAULT_SEED,
      description =
          "Recorded with the results; the run draws no random number (default: ${DEFAULT-VALUE}).")
  public long seed;

  @Option(
      names = "--limit-series",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "At most N series per dataset, for quick runs; 0 = all (default: ${DEFAULT-VALUE}).")
  public int limitSeries;

  @Option(
      names = "--stride",
      paramLabel = "N",
      defaultValue = "" + EvaluationProfile.DEFAULT_STRIDE,
      description =
          "Stride of the 64-value windows on long series; shorter series keep their own profile"
              + " (default: ${DEFAULT-VALUE}).")
  public int stride;

  @Option(
      names = "--false-alarm-rate",
      paramLabel = "ALPHA",
      defaultValue = "" + TrustSettings.DEFAULT_FALSE_ALARM_RATE,
      description =
          "Alpha of isowatch's alarm rules: the probability that an evaluation of an unchanged"
              + " feed breaches, in (0, 0.5); the sanity rows alarm at it too (default: the"
              + " agent's, ${DEFAULT-VALUE}).")
  public double falseAlarmRate;

  @Option(
      names = "--far",
      paramLabel = "RATE",
      defaultValue = "" + Evaluation.DEFAULT_FAR,
      description =
          "False-alarm rate at which precision is measured on unlabelled series (default: ${DEFAULT-VALUE}).")
  public double far;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      converter = ModelOption.class,
      description = ModelOption.DESCRIPTION)
  ModelChoice model = ModelChoice.DEFAULT;

  @Option(
      names = "--layer",
      paramLabel = "STATES",
      description =
          "With the numeric LM: which hidden states the geometry reads (last_hidden_state,"
              + " hidden_1..4, attn_1..4; default: the model's default). For the per-layer"
              + " table.")
  String layer;

  @Mixin DeviceOption device;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "" + IsowatchDetector.DEFAULT_BATCH,
      description = "Windows per embedding call (default: ${DEFAULT-VALUE}).")
  public int batch;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Keep what the monitor said about each series here and reuse it on the next run (clear"
              + " it after changing the monitor); default: none.")
  public Path cache;

  @Option(
      names = "--horizon",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "How many steps ahead the agent forecasts (default: ${DEFAULT-VALUE}); the agent label"
              + " set is then about its N-step forecasts. The numeric LM answers up to 48 steps"
              + " with its forecast queries.")
  public int horizon;

  @Option(
      names = "--risk-model",
      paramLabel = "DIR",
      description =
          "Score with the risk model in DIR (risk-model.txt and its manifest, as train-risk --out-dir"
              + " writes them) instead of the bundled one: e.g. one trained without these"
              + " datasets, for figures out of sample; default: the bundled model.")
  public Path riskModel;

  @Option(
      names = "--scores",
      paramLabel = "DIR",
      description =
          "Write every detector's per-step score and alarms as CSV, DIR/<dataset>/<series>.csv"
              + " (EVALUATION.md gives the columns); default: none.")
  public Path scores;

  @Option(
      names = "--resamples",
      paramLabel = "N",
      defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
      description =
          "Bootstrap resamples of the series for the 90%% intervals (default: ${DEFAULT-VALUE}).")
  public int resamples;

  @Option(
      names = "--strict",
      description =
          "Exit with status 3 when a sanity detector shows a metric to be broken (the ruler"
              + " itself failed).")
  public boolean strict;

  @Option(
      names = "--baselines-only",
      description = "Skip the model: run only the baselines on the raw values.")
  public boolean baselinesOnly;

  @Mixin ReportOptions report;

  /** The risk model a train-risk run wrote into {@code dir}, checked against its manifest. */
  private RiskModel riskModel(Path dir) {
    try {
      return RiskModelFolder.load(dir, "--risk-model");
    } catch (InputFormatException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    List<DatasetSpec> specs = datasetSpecs(datasets, spec);
    if (specs.isEmpty() == (synthetic == 0)) {
      throw new ParameterException(
          spec.commandLine(),
          "give either --dataset (repeatable) or --synthetic N: a synthetic corpus is scored on"
              + " its own, so that its windows never enter the datasets' NAB score");
    }
    if (synthetic < 0) {
      throw new ParameterException(
          spec.commandLine(), "--synthetic must be 1 or more, got " + synthetic);
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
    if (!(falseAlarmRate > 0 && falseAlarmRate < 0.5)) {
      throw new ParameterException(
          spec.commandLine(), "--false-alarm-rate must be in (0, 0.5), got " + falseAlarmRate);
    }
    Evaluation.Builder builder;
    try {
      builder =
          Evaluation.builder()
              .largeStride(stride)
              .far(far)
              .seed(seed)
              .resamples(resamples)
              .falseAlarmRate(falseAlarmRate)
              .progress(err);
      if (scores != null) {
        builder.scores(new ScoresWriter(scores));
      }
      builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    EvaluationResult result;
    if (baselinesOnly) {
      result = run(builder.build(), specs);
    } else {
      AgentModel agentModel =
          AgentModel.bundled(
              model,
              device.device(),
              OnnxEmbedder.DEFAULT_INTRA_OP_THREADS,
              EncoderSettings.defaults());
      if (layer != null) {
        agentModel = withLayer(agentModel);
      }
      if (horizon != MonitorSettings.DEFAULT_HORIZON) {
        try {
          agentModel = agentModel.withHorizon(horizon);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--horizon: " + e.getMessage());
        }
      }
      try (ModelSession session = agentModel.open()) {
        WindowEncoder encoder = session.encoder();
        OnnxEmbedder embedder = session.embedder();
        err.println("evaluate: " + embedder.describe());
        RiskModel risk = riskModel == null ? RiskModel.bundled() : riskModel(riskModel);
        if (riskModel != null) {
          err.println("evaluate: risk model " + risk.version() + " from " + riskModel);
        }
        Optional<String> misfit = RiskModelFit.problem(risk, embedder.manifest(), horizon);
        if (misfit.isPresent() && riskModel != null) {
          throw new ParameterException(spec.commandLine(), "--risk-model " + misfit.get());
        }
        misfit.ifPresent(
            problem -> err.println("evaluate: note: the bundled risk model " + problem));
        if (cache != null) {
          builder.cache(
              new RecordingCache(
                  cache,
                  RecordingCache.modelKey(embedder.describe(), encoder, horizon),
                  RiskModel.sha256(risk.format()) + " / " + TrustScorer.METHOD));
        }
        result =
            run(
                builder
                    .isowatch(
                        new IsowatchDetector(
                            embedder,
                            encoder,
                            batch,
                            drawing.<VerdictListener>map(d -> d).orElse(VerdictListener.NONE),
                            agentModel.ownForecasts(),
                            risk,
                            horizon))
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
            "%d series, %d windows embedded, %.1f s; isowatch score: 1 - trust score%s%s",
            result.series().size(),
            result.windowsEmbedded(),
            result.seconds(),
            out == null ? "" : "; JSON: " + out,
            scores == null ? "" : "; per-step scores: " + scores));
    writeReport(recorder, drawing, result, console);
    console.flush();
    Map<String, String> broken = result.broken();
    if (strict && !broken.isEmpty()) {
      err.println(
          "evaluate --strict: the ruler is broken on "
              + String.join(", ", broken.keySet())
              + " (a sanity detector scores off chance or ties the best detector)");
      err.flush();
      return BROKEN_RULER;
    }
    return 0;
  }

  /** Parses {@code --dataset} arguments; a bad one is a usage error naming the accepted forms. */
  public static List<DatasetSpec> datasetSpecs(List<String> arguments, CommandSpec spec) {
    List<DatasetSpec> specs = new ArrayList<>();
    for (String text : arguments) {
      try {
        specs.add(DatasetSpec.parse(text));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    return specs;
  }

  /** The numeric LM with its geometry on {@link #layer}'s states. */
  private AgentModel withLayer(AgentModel bundled) {
    if (model != ModelChoice.NUMERIC_LM) {
      throw new ParameterException(
          spec.commandLine(), "--layer needs --model numeric-lm, got --model " + model);
    }
    if (!NumericLanguageModel.states().contains(layer)) {
      throw new ParameterException(
          spec.commandLine(),
          "--layer must be one of "
              + String.join(", ", NumericLanguageModel.states())
              + ", got "
              + layer);
    }
    return new AgentModel(
        NumericLanguageModel.manifest(layer),
        bundled.device(),
        bundled.intraOpThreads(),
        bundled.encoder(),
        bundled.tokens());
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
      return synthetic > 0
          ? evaluation.runSynthetic(synthetic, syntheticSeed, syntheticDensity, syntheticNoise)
          : evaluation.run(specs, limitSeries);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputFormatException(e.getMessage());
    }
  }
}
