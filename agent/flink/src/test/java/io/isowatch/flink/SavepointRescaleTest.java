package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.flink.Scenario.AlertKey;
import io.isowatch.testkit.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint, then restore at another parallelism: the job runs at parallelism 1 until
 * an alert is open, stops with a savepoint, and a new submission at parallelism 2 restores it and
 * reads on. The open alert resolves from the restored monitor state, and the alerts topic, read
 * committed, holds exactly the in-process engine's alerts on the whole stream, each once.
 */
class SavepointRescaleTest {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

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
  void aSavepointOfParallelismOneRestoresAtParallelismTwo() throws Exception {
    assertThat(expected)
        .as("alerts of the in-process engine on the scenario")
        .hasSizeGreaterThan(1);
    // Between the first alert (it fires) and the second (it resolves): the alert is open.
    Instant split =
        expected
            .get(0)
            .to()
            .plus(Duration.between(expected.get(0).to(), expected.get(1).to()).dividedBy(2));
    KafkaJob job = KafkaExactlyOnceTest.job(kafka, "rescale");

    String savepoint;
    try (TestCluster cluster = new TestCluster(2)) {
      var first = TestCluster.environment(1, new Configuration());
      job.build(first, Scenario.settings(1));
      JobID id = cluster.submit(first);
      KafkaExactlyOnceTest.produce(kafka, job.observationsTopic(), Scenario.before(split), true);
      cluster.checkpointUntilConsumed(id, kafka, job.observationsTopic(), job.groupId());
      savepoint = cluster.stopWithSavepoint(id, savepoints);
      assertThat(alerts(job))
          .as("alerts committed before the savepoint")
          .isEqualTo(expected.stream().filter(a -> a.to().isBefore(split)).toList());

      var second = TestCluster.environment(2, new Configuration());
      job.build(second, Scenario.settings(1));
      JobID restored = cluster.submitFromSavepoint(second, savepoint);
      KafkaExactlyOnceTest.produce(kafka, job.observationsTopic(), Scenario.from(split), false);
      cluster.checkpointUntilConsumed(restored, kafka, job.observationsTopic(), job.groupId());
      cluster.stopWithSavepoint(restored, savepoints);
    }

    assertThat(alerts(job)).isEqualTo(expected);
  }

  /**
   * A subtask's feed count is its keyed state, read again when it starts: restored from a savepoint
   * with a cap of the two feeds it already holds, the job sets the records of a third feed aside as
   * {@code feed_limit}, each once. A count that started from zero would have taken the third feed.
   */
  @Test
  void theFeedCapCountsTheFeedsASavepointRestores() throws Exception {
    int cap = 2;
    List<Observation> before = Scenario.before(Scenario.observations().get(200).eventTime());
    assertThat(before.stream().map(Observation::feedId).distinct()).hasSize(cap);
    List<Observation> newcomer =
        before.subList(0, 5).stream()
            .map(o -> new Observation("newcomer", o.eventTime(), o.value(), Optional.empty()))
            .toList();
    KafkaJob job = KafkaExactlyOnceTest.job(kafka, "cap");

    try (TestCluster cluster = new TestCluster(1)) {
      var first = TestCluster.environment(1, new Configuration());
      job.build(first, Scenario.settings(1), cap);
      JobID id = cluster.submit(first);
      KafkaExactlyOnceTest.produce(kafka, job.observationsTopic(), before, false);
      cluster.checkpointUntilConsumed(id, kafka, job.observationsTopic(), job.groupId());
      String savepoint = cluster.stopWithSavepoint(id, savepoints);

      var second = TestCluster.environment(1, new Configuration());
      job.build(second, Scenario.settings(1), cap);
      JobID restored = cluster.submitFromSavepoint(second, savepoint);
      KafkaExactlyOnceTest.produce(kafka, job.observationsTopic(), newcomer, false);
      cluster.checkpointUntilConsumed(restored, kafka, job.observationsTopic(), job.groupId());
      cluster.stopWithSavepoint(restored, savepoints);
    }

    List<Rejection> deadLetters = KafkaExactlyOnceTest.committedDeadLetters(kafka, job);
    assertThat(deadLetters)
        .extracting(letter -> letter.reason() + " " + letter.feedId().orElse("?"))
        .containsExactlyElementsOf(
            Collections.nCopies(newcomer.size(), RejectionReason.FEED_LIMIT + " newcomer"));
  }

  private static List<AlertKey> alerts(KafkaJob job) {
    List<Alert> alerts =
        kafka.readCommittedToEnd(job.alertsTopic(), READ_TIMEOUT).stream()
            .map(ConsumerRecord::value)
            .map(AlertJson::fromLine)
            .toList();
    return AlertKey.sorted(alerts);
  }
}
