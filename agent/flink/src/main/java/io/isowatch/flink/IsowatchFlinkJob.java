package io.isowatch.flink;

import io.isowatch.connectors.kafka.KafkaReachability;
import io.isowatch.connectors.net.UnreachablePeerException;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.engine.spec.AgentSpecReader;
import io.isowatch.engine.spec.InputFormatException;
import io.isowatch.engine.spec.RiskModelFolder;
import io.isowatch.model.embed.Device;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The entry point of the job jar, for {@code flink run}: observations from a Kafka topic, alerts
 * and dead letters to Kafka topics, exactly once. The parallelism is Flink's ({@code flink run -p
 * N}); every subtask runs its own ONNX session.
 *
 * <pre>
 * flink run -p 2 isowatch-flink-job.jar --bootstrap-servers kafka:9092 --observations-topic feeds \
 *     --config isowatch.yaml
 * </pre>
 */
@Command(
    name = "isowatch-flink-job",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "The isowatch agent as a Flink job: Kafka observations in, Kafka alerts out.")
public final class IsowatchFlinkJob implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"--bootstrap-servers", "--bootstrap"},
      required = true,
      description = "Kafka brokers.")
  String bootstrapServers;

  @Option(
      names = {"--observations-topic", "--input"},
      required = true,
      description = "Topic of observations (JSON; the record key may name the feed).")
  String observationsTopic;

  @Option(
      names = "--alerts-topic",
      defaultValue = "isowatch-alerts",
      description = "Topic alerts are written to (default: ${DEFAULT-VALUE}).")
  String alertsTopic;

  @Option(
      names = "--dead-letters-topic",
      defaultValue = "isowatch-dead-letters",
      description = "Topic rejected records are written to (default: ${DEFAULT-VALUE}).")
  String deadLettersTopic;

  @Option(
      names = "--group-id",
      defaultValue = "isowatch-flink",
      description = "Consumer group of the source (default: ${DEFAULT-VALUE}).")
  String groupId;

  @Option(
      names = "--transactional-id-prefix",
      defaultValue = "isowatch-flink",
      description =
          "Prefix of the sinks' Kafka transactions; unique per job (default: ${DEFAULT-VALUE}).")
  String transactionalIdPrefix;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The agent's configuration file, the one isowatch run reads: its model, device,"
              + " encoder, window, monitor, head, trust and pipeline sections (the others are"
              + " isowatch run's). Default: every setting at its default.")
  Path config;

  // The options below override the configuration, each naming the key it stands for; unset,
  // the configuration (or its default) holds.

  @Option(
      names = "--model",
      description =
          "Bundled model (model.bundled): numeric-lm (Chronos tokens, forecasts from its own"
              + " logits), minilm-int8 or minilm-fp32 (text, forecasts from the online head).")
  ModelChoice model;

  @Option(
      names = "--device",
      description = "device: CPU, CUDA or AUTO; CUDA needs the job jar built with -Pcuda.")
  Device device;

  @Option(
      names = "--intra-op-threads",
      description = "ONNX Runtime threads per subtask; 0 lets it choose (default: 0).")
  Integer intraOpThreads;

  @Option(names = "--window", description = "window.length: values per window.")
  Integer window;

  @Option(names = "--stride", description = "window.stride: values between windows.")
  Integer stride;

  @Option(
      names = "--horizon",
      description = "monitor.horizon: which value after a window the agent forecasts.")
  Integer horizon;

  @Option(
      names = "--false-alarm-rate",
      description =
          "trust.false-alarm-rate: probability that an evaluation of an unchanged feed alerts;"
              + " the trust settings become TrustSettings.forFalseAlarmRate of it, the"
              + " calibration to match.")
  Double falseAlarmRate;

  @Option(
      names = "--risk-model",
      paramLabel = "DIR",
      description =
          "trust.risk-model: the risk model that `isowatch train-risk --out-dir DIR` wrote; it"
              + " travels to the task managers with the job.")
  Path riskModel;

  @Option(
      names = "--max-feeds",
      description =
          "pipeline.max-feeds: feeds one subtask tracks at most; records of further feeds are"
              + " dead-lettered as feed_limit.")
  Integer maxFeeds;

  @Option(names = "--max-batch", description = "pipeline.max-batch: windows per embedding call.")
  Integer maxBatch;

  @Option(
      names = "--max-wait-ms",
      description = "pipeline.max-wait, in milliseconds: longest a window waits for its batch.")
  Long maxWaitMillis;

  @Option(
      names = "--checkpoint-interval-ms",
      defaultValue = "10000",
      description =
          "Checkpoint interval when the cluster sets none; alerts are committed with each"
              + " checkpoint (default: ${DEFAULT-VALUE}).")
  long checkpointIntervalMillis;

  public static void main(String[] args) {
    int exit = commandLine().execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** The job's command line; a model is read by its label, as every entry point reads it. */
  public static CommandLine commandLine() {
    return new CommandLine(new IsowatchFlinkJob())
        .registerConverter(ModelChoice.class, ModelChoice::parse);
  }

  @Override
  public Integer call() throws Exception {
    AgentSpec agent;
    int feedLimit;
    try {
      agent = agentSpec();
      feedLimit = maxFeeds();
    } catch (InputFormatException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
      return 2;
    }
    try {
      // in seconds, before the model loads and the Kafka clients retry for a minute
      KafkaReachability.require(bootstrapServers);
    } catch (UnreachablePeerException e) {
      spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
      return 2;
    }
    KafkaJob job =
        new KafkaJob(
            bootstrapServers,
            observationsTopic,
            alertsTopic,
            deadLettersTopic,
            groupId,
            transactionalIdPrefix,
            false);
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    if (env.getCheckpointConfig().getCheckpointInterval() <= 0) {
      env.configure(
          new Configuration()
              .set(
                  CheckpointingOptions.CHECKPOINTING_INTERVAL,
                  Duration.ofMillis(checkpointIntervalMillis)));
    }
    job.build(env, agent, feedLimit);
    env.execute("isowatch on " + observationsTopic);
    return 0;
  }

  /**
   * Feeds one subtask tracks at most: {@code --max-feeds}, else the configuration's {@code
   * pipeline.max-feeds}, else {@link IsowatchTopology#DEFAULT_MAX_FEEDS}.
   *
   * @throws InputFormatException naming the file and the key of a bad value
   */
  public int maxFeeds() throws InputFormatException {
    int limit = maxFeeds != null ? maxFeeds : configuredMaxFeeds();
    if (limit < 1) {
      throw new InputFormatException("--max-feeds must be at least 1, got " + limit);
    }
    return limit;
  }

  private int configuredMaxFeeds() throws InputFormatException {
    if (config == null) {
      return IsowatchTopology.DEFAULT_MAX_FEEDS;
    }
    return AgentSpecReader.readFile(
        config,
        key -> {},
        root ->
            root.section("pipeline").atLeast("max-feeds", IsowatchTopology.DEFAULT_MAX_FEEDS, 1));
  }

  /**
   * The agent this job runs: the configuration file's spec (every default without one), with the
   * options given on the command line in place of what they override.
   *
   * @throws InputFormatException naming the file and the key of a bad value
   * @throws IllegalArgumentException naming the field an option put out of range
   */
  public AgentSpec agentSpec() throws InputFormatException {
    AgentSpec base = config == null ? AgentSpec.defaults() : AgentSpecReader.read(config);
    AgentSpec.Builder agent = base.toBuilder();
    if (model != null) {
      agent.model(model);
    }
    if (device != null) {
      agent.device(device);
    }
    if (intraOpThreads != null) {
      agent.intraOpThreads(intraOpThreads);
    }
    if (window != null || stride != null) {
      WindowSpec cut = base.window();
      agent.window(
          new WindowSpec(
              window != null ? window : cut.length(),
              stride != null ? stride : cut.stride(),
              cut.allowedLateness(),
              cut.maxGap(),
              cut.maxPending(),
              cut.maxAhead()));
    }
    if (horizon != null) {
      agent.horizon(horizon);
    }
    if (falseAlarmRate != null) {
      agent.trust(TrustSettings.forFalseAlarmRate(falseAlarmRate));
    }
    if (riskModel != null) {
      agent.riskModel(RiskModelFolder.load(riskModel, "--risk-model"));
    }
    BatchSettings batch = base.batch();
    if (maxBatch != null) {
      batch = batch.withMaxBatch(maxBatch);
    }
    if (maxWaitMillis != null) {
      batch = batch.withMaxWait(Duration.ofMillis(maxWaitMillis));
    }
    agent.batch(batch);
    return agent.build();
  }
}
