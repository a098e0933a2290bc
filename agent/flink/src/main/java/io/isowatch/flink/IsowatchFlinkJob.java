package io.isowatch.flink;

import io.isowatch.connectors.kafka.KafkaReachability;
import io.isowatch.connectors.net.UnreachablePeerException;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.OnnxEmbedder;
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
 * flink run -p 2 isowatch-flink-job.jar --bootstrap-servers kafka:9092 --observations-topic feeds
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
      names = "--model",
      description =
          "Bundled model: numeric-lm (Chronos tokens, forecasts from its own logits), minilm-int8"
              + " or minilm-fp32 (text, forecasts from the online head); default: ${DEFAULT-VALUE}.")
  ModelChoice model = ModelChoice.DEFAULT;

  @Option(
      names = "--device",
      defaultValue = "CPU",
      description =
          "CPU, CUDA or AUTO; CUDA needs the job jar built with -Pcuda (default: ${DEFAULT-VALUE}).")
  Device device;

  @Option(
      names = "--intra-op-threads",
      defaultValue = "" + OnnxEmbedder.DEFAULT_INTRA_OP_THREADS,
      description =
          "ONNX Runtime threads per subtask; 0 lets it choose (default: ${DEFAULT-VALUE}).")
  int intraOpThreads;

  @Option(
      names = "--window",
      defaultValue = "" + WindowSpec.DEFAULT_LENGTH,
      description = "Values per window (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--stride",
      defaultValue = "" + WindowSpec.DEFAULT_STRIDE,
      description = "Values between windows (default: ${DEFAULT-VALUE}).")
  int stride;

  @Option(
      names = "--horizon",
      defaultValue = "" + MonitorSettings.DEFAULT_HORIZON,
      description = "Which value after a window the agent forecasts (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--false-alarm-rate",
      description =
          "Probability that an evaluation of an unchanged feed alerts; sets the trust calibration"
              + " to match (TrustSettings.forFalseAlarmRate). Default: the core's trust defaults.")
  Double falseAlarmRate;

  @Option(
      names = "--max-batch",
      defaultValue = "" + BatchSettings.DEFAULT_MAX_BATCH,
      description = "Windows per embedding call (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(
      names = "--max-wait-ms",
      defaultValue = "" + BatchSettings.DEFAULT_MAX_WAIT_MILLIS,
      description = "Longest a window waits for its batch (default: ${DEFAULT-VALUE}).")
  long maxWaitMillis;

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
  static CommandLine commandLine() {
    return new CommandLine(new IsowatchFlinkJob())
        .registerConverter(ModelChoice.class, ModelChoice::parse);
  }

  @Override
  public Integer call() throws Exception {
    try {
      // in seconds, before the model loads and the Kafka clients retry for a minute
      KafkaReachability.require(bootstrapServers);
    } catch (UnreachablePeerException e) {
      spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
      return 2;
    }
    AgentSpec settings =
        AgentSpec.builder()
            .model(model)
            .device(device)
            .intraOpThreads(intraOpThreads)
            .window(WindowSpec.builder().length(window).stride(stride).build())
            .horizon(horizon)
            .trust(
                falseAlarmRate == null
                    ? TrustSettings.defaults()
                    : TrustSettings.forFalseAlarmRate(falseAlarmRate))
            .batch(new BatchSettings(maxBatch, Duration.ofMillis(maxWaitMillis)))
            .build();
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
    job.build(env, settings);
    env.execute("isowatch on " + observationsTopic);
    return 0;
  }
}
