package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.engine.report.Metric;
import io.isowatch.testkit.KafkaBroker;
import io.isowatch.testkit.hostile.EngineCounts;
import io.isowatch.testkit.hostile.HostileCorpus;
import io.isowatch.testkit.hostile.HostileKafka;
import io.isowatch.testkit.hostile.HostileVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus through the Flink job on a MiniCluster, from a JSON Lines file and from
 * a Kafka topic: the job finishes, and every record is accepted or dead-lettered with the reason
 * its kind calls for, counted once in the job's metrics. With its default cap of 1,000 feeds a
 * subtask takes the whole flood of new feeds; with a cap of 12, the feeds beyond it are set aside
 * as {@code feed_limit}, as on the other engines.
 */
class HostileInputTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** Feeds one subtask may track in the capped run: fewer than the corpus holds. */
  private static final int FEED_CAP = 12;

  @TempDir Path dir;

  private final HostileCorpus corpus = HostileCorpus.at(Instant.now());

  @Test
  void fromAJsonLinesFile() throws Exception {
    Path file = dir.resolve("hostile.jsonl");
    Files.write(file, corpus.asLines());
    Configuration config = noRestarts();
    StreamExecutionEnvironment env = Scenario.environment(2, config);
    IsowatchTopology.Outputs outputs =
        IsowatchTopology.build(JsonlFiles.events(env, List.of(file)), Scenario.settings(4));
    List<Rejection> deadLetters = new ArrayList<>();
    try (CloseableIterator<Rejection> letters = outputs.deadLetters().collectAsync()) {
      env.execute("hostile jsonl replay");
      letters.forEachRemaining(deadLetters::add);
    }

    assertJudged(HostileVerdict.judge(corpus, Integer.MAX_VALUE, counts(), deadLetters));
  }

  @Test
  void fromAJsonLinesFileWithAFeedCap() throws Exception {
    Path file = dir.resolve("hostile.jsonl");
    Files.write(file, corpus.asLines());
    StreamExecutionEnvironment env = Scenario.environment(1, noRestarts());
    IsowatchTopology.Outputs outputs =
        IsowatchTopology.build(
            JsonlFiles.events(env, List.of(file)), Scenario.settings(4), FEED_CAP);
    List<Rejection> deadLetters = new ArrayList<>();
    try (CloseableIterator<Rejection> letters = outputs.deadLetters().collectAsync()) {
      env.execute("hostile jsonl replay, capped");
      letters.forEachRemaining(deadLetters::add);
    }

    assertThat(deadLetters).anyMatch(r -> r.reason() == RejectionReason.FEED_LIMIT);
    assertJudged(HostileVerdict.judge(corpus, FEED_CAP, counts(), deadLetters));
  }

  @Test
  void fromAKafkaTopic() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start()) {
      kafka.createTopic("hostile-in", 1);
      kafka.createTopic("hostile-alerts", 1);
      kafka.createTopic("hostile-dead", 1);
      HostileKafka.produce(kafka.bootstrapServers(), "hostile-in", corpus);
      KafkaJob job =
          new KafkaJob(
              kafka.bootstrapServers(),
              "hostile-in",
              "hostile-alerts",
              "hostile-dead",
              "hostile",
              "hostile-tx",
              true);
      Configuration config = noRestarts();
      // the sinks commit their transactions with checkpoints, the last one when the job ends; the
      // monitors of 42 feeds are more state than the job manager's memory takes
      config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
      config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      config.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          dir.resolve("checkpoints").toUri().toString());
      StreamExecutionEnvironment env = Scenario.environment(2, config);
      job.build(env, Scenario.settings(4));
      env.execute("hostile kafka job");

      List<Rejection> deadLetters =
          kafka.readCommittedToEnd(job.deadLettersTopic(), TIMEOUT).stream()
              .map(ConsumerRecord::value)
              .map(RejectionJson::fromLine)
              .toList();
      assertJudged(HostileVerdict.judge(corpus, Integer.MAX_VALUE, counts(), deadLetters));
    }
  }

  /** A job that fails must fail the test, not restart forever. */
  private static Configuration noRestarts() {
    Configuration config = new Configuration();
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    RecordingReporter.configure(config);
    RecordingReporter.REGISTERED.clear();
    return config;
  }

  private static void assertJudged(HostileVerdict verdict) {
    assertThat(verdict.problems()).isEmpty();
    assertThat(verdict.expectedAccepted()).isPositive();
  }

  /** What the job's counters (every subtask's) say it accepted and rejected. */
  private static EngineCounts counts() {
    long accepted = 0;
    Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
    for (RecordingReporter.Registered metric : RecordingReporter.REGISTERED) {
      if (metric.name().equals(Metric.OBSERVATIONS.metricName())) {
        accepted += ((Counter) metric.metric()).getCount();
      } else if (metric.name().equals(Metric.REJECTED.metricName())) {
        String label = metric.variables().get("<reason>");
        for (RejectionReason reason : RejectionReason.values()) {
          if (reason.label().equals(label)) {
            rejected.merge(reason, ((Counter) metric.metric()).getCount(), Long::sum);
          }
        }
      }
    }
    return new EngineCounts(accepted, rejected);
  }
}
