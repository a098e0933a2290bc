package io.isowatch.cli.command;

import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.core.predict.ModelLogitsSource;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.evaluation.accuracy.ForecastAccuracy;
import io.isowatch.evaluation.accuracy.M4Hourly;
import io.isowatch.evaluation.accuracy.ModelForecaster;
import io.isowatch.evaluation.accuracy.MultiStepForecaster;
import io.isowatch.evaluation.accuracy.QueryForecaster;
import io.isowatch.evaluation.accuracy.RollOut;
import io.isowatch.evaluation.data.DatasetReader;
import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch forecast-accuracy}: the bundled numeric LM's point forecasts against last value
 * and seasonal naive, on datasets (rolling origins) and on the M4 hourly task.
 */
@Command(
    name = "forecast-accuracy",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scores the bundled numeric LM's point forecasts (an autoregressive roll-out, or its forecast queries when its export was trained with them) against the"
          + " last-value and seasonal-naive forecasters: MAE relative to seasonal naive at"
          + " horizons 1 and 8 on rolling origins of each --dataset, and the M4 hourly task"
          + " (48 values, MASE with period 24) with --m4. Geometric means over series."
    })
public final class ForecastAccuracyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      paramLabel = "KIND:PATH",
      description =
          "Repeatable, as for evaluate: nab:DIR, tcpd:DIR, skab:DIR[:COLUMN], csv:FILE[:COLUMN].")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--m4",
      paramLabel = "DIR",
      description = "A folder with M4's Hourly-train.csv and Hourly-test.csv.")
  public Path m4;

  @Option(
      names = "--origins",
      paramLabel = "N",
      defaultValue = "32",
      description = "Forecast origins per dataset series (default: ${DEFAULT-VALUE}).")
  public int origins;

  /**
   * Which value of each step's distribution the roll-out goes on from, or no roll-out: the model's
   * forecast queries.
   */
  public enum RollOutChoice {
    median,
    mean,
    sampled,
    queries
  }

  @Option(
      names = "--roll-out",
      paramLabel = "WAY",
      defaultValue = "median",
      description =
          "median, mean, sampled (--paths trajectories drawn from the model's own"
              + " distribution, the median over them per step), or queries (no roll-out: the"
              + " median the model gives for each step when asked with forecast queries, up to "
              + NumericLanguageModel.QUERY_STEPS
              + " steps, for an export trained with them (its manifest.json names them);"
              + " default: ${DEFAULT-VALUE}).")
  public RollOutChoice rollOut;

  @Option(
      names = "--paths",
      paramLabel = "N",
      defaultValue = "20",
      description = "Sampled trajectories per forecast (default: ${DEFAULT-VALUE}).")
  public int paths;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the sampled trajectories (default: ${DEFAULT-VALUE}).")
  public long seed;

  @Mixin DeviceOption device;

  @Option(
      names = "--context",
      paramLabel = "N",
      defaultValue = "" + NumericLanguageModel.CONTEXT,
      description =
          "Values the model reads before each forecast, 1 to "
              + NumericLanguageModel.MAX_POSITIONS
              + " (default: ${DEFAULT-VALUE}, the agent's window).")
  public int context;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "64",
      description = "Windows per embedding call (default: ${DEFAULT-VALUE}).")
  public int batch;

  @Override
  public Integer call() throws Exception {
    if (datasets.isEmpty() && m4 == null) {
      throw new ParameterException(spec.commandLine(), "give at least one --dataset or --m4");
    }
    if (origins < 2 || batch < 1 || paths < 1) {
      throw new ParameterException(
          spec.commandLine(), "--origins must be at least 2, --batch and --paths at least 1");
    }
    if (context < 1 || context > NumericLanguageModel.MAX_POSITIONS) {
      throw new ParameterException(
          spec.commandLine(),
          "--context must be 1 to " + NumericLanguageModel.MAX_POSITIONS + ", not " + context);
    }
    if (rollOut == RollOutChoice.queries && !NumericLanguageModel.answersForecastQueries()) {
      throw new ParameterException(
          spec.commandLine(),
          "the bundled numeric LM was not trained with forecast queries (its manifest.json names"
              + " none): use --roll-out median|mean|sampled");
    }
    int tokens = context + (rollOut == RollOutChoice.queries ? queries().maxSteps() - 1 : 0);
    if (tokens > NumericLanguageModel.MAX_POSITIONS) {
      throw new ParameterException(
          spec.commandLine(),
          "--roll-out queries asks with "
              + (queries().maxSteps() - 1)
              + " query tokens after the context: --context must be at most "
              + (NumericLanguageModel.MAX_POSITIONS - queries().maxSteps() + 1)
              + ", not "
              + context);
    }
    List<DatasetSpec> specs = EvaluateCommand.datasetSpecs(datasets, spec);
    PrintWriter out = spec.commandLine().getOut();
    try (OnnxEmbedder embedder =
        OnnxEmbedder.builder()
            .manifest(NumericLanguageModel.manifest(NumericLanguageModel.DEFAULT_STATES, tokens))
            .device(device.device())
            .build()) {
      spec.commandLine().getErr().println("forecast-accuracy: " + embedder.describe());
      ForecastAccuracy accuracy = new ForecastAccuracy(forecaster(embedder), context);
      for (DatasetSpec dataset : specs) {
        List<LabelledSeries> series = read(dataset);
        out.println(
            ForecastAccuracy.table(
                dataset + ": MAE relative to seasonal naive, geometric mean over series",
                accuracy.rolling(series, origins)));
        out.flush();
      }
      if (m4 != null) {
        List<M4Hourly.Series> series = readM4();
        out.println(
            ForecastAccuracy.table(
                "M4 hourly ("
                    + series.size()
                    + " series): mean MASE, and MASE relative to"
                    + " seasonal naive (geometric mean)",
                accuracy.m4(series)));
      }
    }
    out.flush();
    return 0;
  }

  private MultiStepForecaster forecaster(OnnxEmbedder embedder) {
    ChronosEncoder encoder = NumericLanguageModel.encoder(context);
    ModelLogitsSource source = NumericLanguageModel.logitsSource(context);
    return switch (rollOut) {
      case median ->
          new ModelForecaster(embedder, encoder, source, context, batch, new RollOut.Median());
      case mean ->
          new ModelForecaster(embedder, encoder, source, context, batch, new RollOut.Mean());
      case sampled ->
          new ModelForecaster(
              embedder, encoder, source, context, batch, new RollOut.Sampled(paths, seed));
      case queries -> new QueryForecaster(embedder, encoder, source, queries(), context, batch);
    };
  }

  /** The forecast queries the bundled export names (checked in {@link #call()}). */
  private static ForecastQueries queries() {
    return NumericLanguageModel.manifest().forecastQueries().orElseThrow();
  }

  private List<LabelledSeries> read(DatasetSpec dataset) throws InputFormatException {
    try {
      return DatasetReader.read(dataset, Integer.MAX_VALUE);
    } catch (IOException | IllegalArgumentException e) {
      throw new InputFormatException(e.getMessage());
    }
  }

  private List<M4Hourly.Series> readM4() throws InputFormatException {
    try {
      return M4Hourly.read(m4);
    } catch (IOException e) {
      throw new InputFormatException(e.getMessage());
    }
  }
}
