package io.isowatch.cli.command;

import io.isowatch.cli.config.AgentConfig;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.TrainedOn;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.model.ModelSession;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.evaluation.data.DatasetSpec;
import io.isowatch.evaluation.data.SyntheticFeeds;
import io.isowatch.evaluation.isowatch.IsowatchDetector;
import io.isowatch.evaluation.isowatch.RecordingCache;
import io.isowatch.evaluation.isowatch.VerdictListener;
import io.isowatch.evaluation.train.RiskTraining;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.OnnxEmbedder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code isowatch train-risk}: trains the risk model the trust score is built on. */
@Command(
    name = "train-risk",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains the risk model (boosted trees, XGBoost) on synthetic feeds with injected regime"
          + " changes and on the datasets' series as unlabelled feeds, against the last-value"
          + " forecaster's or the agent's own forecasts' error events; prints the"
          + " leave-one-corpus-out validation table and writes the model and its manifest (into"
          + " core's resources by default).",
      "Never reads the datasets' anomaly or change-point labels."
    })
public final class TrainRiskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dataset",
      paramLabel = "KIND:PATH",
      description = "Repeatable, as for evaluate: series used as unlabelled feeds.")
  List<String> datasets = new ArrayList<>();

  @Option(
      names = "--synthetic",
      paramLabel = "N",
      defaultValue = "" + RiskTraining.DEFAULT_SYNTHETIC,
      description = "Synthetic feeds with injected changes (default: ${DEFAULT-VALUE}).")
  int synthetic;

  @Option(
      names = "--synthetic-noise",
      paramLabel = "NOISE[,NOISE...]",
      split = ",",
      converter = EvaluateCommand.NoiseOption.class,
      description =
          "The synthetic feeds' noise, split evenly when several: light, heavy, spiky (as for"
              + " evaluate; default: light).")
  List<SyntheticFeeds.Noise> noises = new ArrayList<>(List.of(SyntheticFeeds.Noise.LIGHT));

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "" + RiskTraining.DEFAULT_SEED,
      description = "Seed of the synthetic feeds and the fit (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      converter = ModelOption.class,
      description = ModelOption.DESCRIPTION)
  ModelChoice model = ModelChoice.DEFAULT;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Train for the model, encoder and monitor.horizon of the configuration the agent runs"
              + " with (a user's own export in model.custom, say), instead of --model and"
              + " --horizon.")
  Path config;

  @Option(
      names = "--horizon",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "How many steps ahead the agent forecasts, as the agent that will use the model does"
              + " (monitor.horizon; default: ${DEFAULT-VALUE}): the agent's label set and its"
              + " forecast signals are then about its N-step forecasts. The manifest records it.")
  int horizon;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Keep the monitor's recordings here and reuse them (default: none).")
  Path cache;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      defaultValue = "agent/core/src/main/resources/io/isowatch/core/risk",
      description = "Where risk-model.txt and its manifest go (default: ${DEFAULT-VALUE}).")
  Path outDir;

  /** The model the agent will judge with: the configuration's, or a bundled one at a horizon. */
  private AgentModel agentModel() throws InputFormatException {
    if (config != null) {
      ParseResult given = spec.commandLine().getParseResult();
      if (given.hasMatchedOption("--model") || given.hasMatchedOption("--horizon")) {
        throw new ParameterException(
            spec.commandLine(),
            "--config gives the model and the horizon: leave out --model and --horizon");
      }
      return AgentConfig.read(config).settings().spec().agentModel();
    }
    AgentModel bundled =
        AgentModel.bundled(
            model, Device.CPU, OnnxEmbedder.DEFAULT_INTRA_OP_THREADS, EncoderSettings.defaults());
    try {
      return bundled.withHorizon(horizon);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--horizon: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    List<DatasetSpec> specs = EvaluateCommand.datasetSpecs(datasets, spec);
    PrintWriter console = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RiskTraining.Result result;
    AgentModel agentModel = agentModel();
    int atHorizon = agentModel.horizon();
    try (ModelSession session = agentModel.open()) {
      WindowEncoder encoder = session.encoder();
      OnnxEmbedder embedder = session.embedder();
      err.println("train-risk: " + embedder.describe());
      Optional<RecordingCache> recordings =
          cache == null
              ? Optional.empty()
              : Optional.of(
                  new RecordingCache(
                      cache,
                      RecordingCache.modelKey(embedder.describe(), encoder, atHorizon),
                      RecordingCache.SIGNALS_ONLY));
      IsowatchDetector detector =
          new IsowatchDetector(
              embedder,
              encoder,
              IsowatchDetector.DEFAULT_BATCH,
              VerdictListener.NONE,
              agentModel.ownForecasts(),
              RiskModel.constant(),
              atHorizon);
      result = new RiskTraining(detector, recordings, err).run(specs, synthetic, seed, noises);
    }
    // what it read, for every agent that loads it to check against its own model and horizon
    TrainedOn trainedOn = new TrainedOn(agentModel.manifest().label(), atHorizon);
    RiskTraining.write(outDir, result.trainedOn(trainedOn));
    console.println(result.summary());
    console.print(result.table());
    console.println("wrote " + outDir.resolve(RiskModel.ARTIFACT_FILE) + " and its manifest");
    console.flush();
    return 0;
  }
}
