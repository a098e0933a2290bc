package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.flink.Scenario.AlertKey;
import io.isowatch.flink.types.IsowatchTypes;
import io.isowatch.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a real Kafka broker, with the bundled model: observations from a topic, alerts
 * and dead letters to topics in Kafka transactions, checkpoints when the test triggers them.
 *
 * <p>The stream is fed in three parts, split at the event times of the in-process engine's first
 * two alerts. After the first part a checkpoint completes. The second part makes the monitors raise
 * the first alert, which is written to the alerts topic in the open transaction (a read_uncommitted
 * reader sees it, a read_committed one does not). Then an operator fails on the first record of the
 * third part, and the job restarts from that checkpoint. Read committed, the alerts topic ends up
 * holding exactly the in-process engine's alerts, each once: the aborted copy never shows, and the
 * monitors went on from their checkpointed state (a monitor restarted empty would warm up again and
 * raise other alerts, or none).
 */
class KafkaExactlyOnceTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  static final String BAD_RECORD = "{\"feed\": \"synthetic-0\", \"time\": \"yesterday\"}";

  private static KafkaBroker kafka;
  private static List<Observation> observations;
  private static List<AlertKey> expected;

  @TempDir Path savepoints;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.start();
    observations = Scenario.observations();
    expected = Scenario.referenceAlerts();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void afterAFailureMidStreamEveryAlertIsCommittedExactlyOnce() throws Exception {
    assertThat(expected)
        .as("alerts of the in-process engine on the scenario")
        .hasSizeGreaterThan(1);
    // the earliest alert by event time, whichever feed raised it (expected is ordered by feed)
    List<AlertKey> byTime =
        expected.stream()
            .sorted(java.util.Comparator.comparing(AlertKey::to).thenComparing(AlertKey::feedId))
            .toList();
    AlertKey earliest = byTime.get(0);
    Instant firstAlert = earliest.to();
    Instant secondAlert =
        byTime.stream()
            .map(AlertKey::to)
            .filter(time -> time.isAfter(firstAlert))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no alert after the first: " + byTime));
    assertThat(byTime.stream().filter(alert -> alert.to().equals(firstAlert)))
        .as("one alert at the earliest alert time")
        .hasSize(1);
    KafkaJob job = job(kafka, "failure");

    Configuration config = new Configuration();
    config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = TestCluster.environment(2, config);
    IsowatchTopology.Outputs outputs =
        IsowatchTopology.build(
            job.events(env).map(new FailWhenArmed(), IsowatchTypes.SOURCE_EVENT).name("fail once"),
            Scenario.settings(1));
    job.sinkAlerts(outputs.alerts());
    job.sinkDeadLetters(outputs.deadLetters());
    FailWhenArmed.ARMED.set(false);

    try (TestCluster cluster = new TestCluster(2)) {
      JobID id = cluster.submit(env);
      produce(kafka, job.observationsTopic(), Scenario.before(firstAlert), true);
      cluster.checkpointUntilConsumed(id, kafka, job.observationsTopic(), job.groupId());
      assertThat(kafka.readCommittedToEnd(job.alertsTopic(), READ_TIMEOUT)).isEmpty();

      produce(kafka, job.observationsTopic(), Scenario.between(firstAlert, secondAlert), false);
      List<String> uncommitted = readUncommitted(kafka, job.alertsTopic(), 1);
      assertThat(uncommitted)
          .as("the first alert, written in the open transaction")
          .extracting(line -> AlertKey.of(AlertJson.fromLine(line)))
          .containsExactly(earliest);
      assertThat(kafka.readCommittedToEnd(job.alertsTopic(), READ_TIMEOUT)).isEmpty();

      FailWhenArmed.ARMED.set(true);
      produce(kafka, job.observationsTopic(), Scenario.from(secondAlert), false);
      cluster.checkpointUntilConsumed(id, kafka, job.observationsTopic(), job.groupId());
      cluster.stopWithSavepoint(id, savepoints);
    }

    assertThat(FailWhenArmed.ARMED.get()).as("the injected failure happened").isFalse();
    List<Alert> alerts =
        kafka.readCommittedToEnd(job.alertsTopic(), READ_TIMEOUT).stream()
            .map(ConsumerRecord::value)
            .map(AlertJson::fromLine)
            .toList();
    assertThat(AlertKey.sorted(alerts)).isEqualTo(expected);
    assertThat(readUncommitted(kafka, job.alertsTopic(), expected.size() + 1))
        .as("every alert, and the copy of the first whose transaction was aborted")
        .hasSize(expected.size() + 1);
    List<Rejection> deadLetters = committedDeadLetters(kafka, job);
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            rejection -> {
              assertThat(rejection.reason()).isEqualTo(RejectionReason.UNPARSABLE);
              assertThat(rejection.original()).isEqualTo(BAD_RECORD);
            });
  }

  static KafkaJob job(KafkaBroker kafka, String name) {
    KafkaJob job =
        new KafkaJob(
            kafka.bootstrapServers(),
            name + "-observations",
            name + "-alerts",
            name + "-dead-letters",
            name + "-group",
            name + "-job",
            false);
    kafka.createTopic(job.observationsTopic(), 2);
    kafka.createTopic(job.alertsTopic(), 1);
    kafka.createTopic(job.deadLettersTopic(), 1);
    return job;
  }

  /** Produces observations keyed by feed, and one bad record among the first ones if asked. */
  /** The dead letters the job committed, in order. */
  static List<Rejection> committedDeadLetters(KafkaBroker kafka, KafkaJob job) {
    return kafka.readCommittedToEnd(job.deadLettersTopic(), READ_TIMEOUT).stream()
        .map(ConsumerRecord::value)
        .map(RejectionJson::fromLine)
        .toList();
  }

  static void produce(
      KafkaBroker kafka, String topic, List<Observation> observations, boolean withBadRecord) {
    ObservationJson json = ObservationJson.defaults();
    List<KafkaBroker.Message> messages = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      Observation observation = observations.get(i);
      messages.add(KafkaBroker.message(observation.feedId(), json.encode(observation)));
      if (withBadRecord && i == 10) {
        messages.add(KafkaBroker.message("synthetic-0", BAD_RECORD));
      }
    }
    kafka.produce(topic, messages);
  }

  /** Reads a topic read_uncommitted until {@code count} records came, or the timeout. */
  static List<String> readUncommitted(KafkaBroker kafka, String topic, int count) {
    Properties props = kafka.consumerProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> read.add(record.value()));
      }
    }
    return read;
  }

  /** Passes events on; once armed, the first attempt of a subtask throws at its next event. */
  static final class FailWhenArmed extends RichMapFunction<SourceEvent, SourceEvent> {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean ARMED = new AtomicBoolean();

    private transient boolean firstAttempt;

    @Override
    public void open(OpenContext context) {
      firstAttempt = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public SourceEvent map(SourceEvent event) {
      if (firstAttempt && ARMED.compareAndSet(true, false)) {
        throw new IllegalStateException("injected failure");
      }
      return event;
    }
  }
}
