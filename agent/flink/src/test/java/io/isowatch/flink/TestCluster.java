package io.isowatch.flink;

import io.isowatch.testkit.KafkaBroker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A Flink MiniCluster the test drives by hand: submit a job (optionally from a savepoint), trigger
 * checkpoints when the test wants them, stop with a savepoint. Jobs built for it keep periodic
 * checkpoints out of the way (a long interval), so every checkpoint is one the test asked for.
 */
final class TestCluster implements AutoCloseable {
  /** Periodic checkpoints never come within a test; checkpointing must be on to trigger any. */
  static final Duration MANUAL_CHECKPOINTS = Duration.ofHours(1);

  private static final long TIMEOUT_SECONDS = 120;

  private final MiniCluster cluster;

  TestCluster(int slots) throws Exception {
    cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(new Configuration())
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
    cluster.start();
  }

  /** An environment whose job graph {@link #submit} runs here, Kryo refused. */
  static StreamExecutionEnvironment environment(int parallelism, Configuration extra) {
    Configuration config = new Configuration();
    config.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
    config.set(
        org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL,
        MANUAL_CHECKPOINTS);
    config.addAll(extra);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(parallelism);
    return env;
  }

  JobID submit(StreamExecutionEnvironment env) throws Exception {
    return submit(env.getStreamGraph().getJobGraph(), null);
  }

  JobID submitFromSavepoint(StreamExecutionEnvironment env, String savepoint) throws Exception {
    return submit(env.getStreamGraph().getJobGraph(), savepoint);
  }

  private JobID submit(JobGraph graph, String savepoint) throws Exception {
    if (savepoint != null) {
      graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
    }
    JobID id = cluster.submitJob(graph).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getJobID();
    awaitRunning(id);
    return id;
  }

  private void awaitRunning(JobID id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (cluster.getJobStatus(id).get() != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("job " + id + " did not start");
      }
      Thread.sleep(50);
    }
  }

  /** Triggers a checkpoint and waits until it completed (and sinks were told to commit). */
  void checkpoint(JobID id) throws Exception {
    cluster.triggerCheckpoint(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Checkpoints until the job's source has committed offsets at the end of {@code topic}: every
   * record produced so far has then been read and its effects checkpointed.
   */
  void checkpointUntilConsumed(JobID id, KafkaBroker kafka, String topic, String groupId)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    Map<TopicPartition, Long> end = endOffsets(kafka, topic);
    while (!committed(kafka, groupId, end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("job did not consume " + topic + " to " + end);
      }
      try {
        checkpoint(id);
      } catch (java.util.concurrent.ExecutionException e) {
        // Declined while tasks are still starting (loading the model): try again shortly.
      }
      Thread.sleep(100);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(KafkaBroker kafka, String topic)
      throws Exception {
    Map<TopicPartition, OffsetSpec> request =
        kafka
            .admin()
            .describeTopics(java.util.List.of(topic))
            .allTopicNames()
            .get()
            .get(topic)
            .partitions()
            .stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
        kafka.admin().listOffsets(request).all().get();
    return offsets.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static boolean committed(KafkaBroker kafka, String groupId, Map<TopicPartition, Long> end)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        kafka.admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    return end.entrySet().stream()
        .allMatch(
            e -> {
              OffsetAndMetadata at = committed.get(e.getKey());
              return e.getValue() == 0 || (at != null && at.offset() >= e.getValue());
            });
  }

  /** Stops the job with a savepoint in {@code folder} (its sinks commit); returns its path. */
  String stopWithSavepoint(JobID id, java.nio.file.Path folder) throws Exception {
    String path =
        cluster
            .stopWithSavepoint(id, folder.toUri().toString(), false, SavepointFormatType.CANONICAL)
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    JobResult result = cluster.requestJobResult(id).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (result.getSerializedThrowable().isPresent()) {
      throw new IllegalStateException(
          "job failed",
          result.getSerializedThrowable().get().deserializeError(getClass().getClassLoader()));
    }
    return path;
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
