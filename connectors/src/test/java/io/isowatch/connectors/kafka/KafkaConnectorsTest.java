package io.isowatch.connectors.kafka;

import static io.isowatch.testkit.KafkaBroker.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.connectors.testing.TestAlerts;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka source and alert sink against the in-process KRaft broker. */
class KafkaConnectorsTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static KafkaBroker broker;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private KafkaClientSettings settings() {
    return KafkaClientSettings.of(broker.bootstrapServers());
  }

  @Test
  void readsKeyedJsonAndNumbersCommitsAndSetsBadRecordsAside() throws Exception {
    broker.createTopic("telemetry", 1);
    broker.produce(
        "telemetry",
        List.of(
            message("cpu", "{\"time\": \"2025-01-01T00:00:00Z\", \"value\": 0.5}"),
            message(null, "{\"feed\": \"mem\", \"time\": 1735689600000, \"value\": 7}"),
            message("cpu", "{\"time\": \"2025-01-01T00:01:00Z\", \"value\": oops}"),
            message(null, "3.5"),
            message("disk", "12")));
    KafkaObservationSource first =
        KafkaObservationSource.builder(settings(), List.of("telemetry")).groupId("g1").build();
    try (RunningSource running = RunningSource.start(first)) {
      Await.until(
          "5 records",
          PATIENCE,
          () -> running.observations().size() + running.rejections().size() == 5,
          running::state);
      assertThat(running.observations())
          .startsWith(
              new Observation("cpu", Instant.parse("2025-01-01T00:00:00Z"), 0.5),
              new Observation("mem", Instant.ofEpochMilli(1735689600000L), 7));
      Observation disk = running.observations().get(2);
      assertThat(disk.feedId()).isEqualTo("disk");
      assertThat(disk.value()).isEqualTo(12);
      List<Rejection> rejections = running.rejections();
      assertThat(rejections).hasSize(2);
      assertThat(rejections.get(0).reason()).isEqualTo(RejectionReason.UNPARSABLE);
      assertThat(rejections.get(0).feedId()).contains("cpu");
      assertThat(rejections.get(0).detail()).startsWith("telemetry-0@2: not JSON");
      assertThat(rejections.get(1).reason()).isEqualTo(RejectionReason.MISSING_FIELD);
      assertThat(rejections.get(1).detail()).startsWith("telemetry-0@3: a bare number needs");
      Await.until("a commit", PATIENCE, () -> first.stats().commits() > 0);
    }
    assertThat(first.stats().malformed()).isEqualTo(2);

    // the same group resumes after what it committed
    broker.produce(
        "telemetry", List.of(message("cpu", "{\"time\": \"2025-01-01T00:02:00Z\", \"value\": 1}")));
    KafkaObservationSource second =
        KafkaObservationSource.builder(settings(), List.of("telemetry")).groupId("g1").build();
    try (RunningSource running = RunningSource.start(second)) {
      Await.until(
          "the new record", PATIENCE, () -> running.observations().size() == 1, running::state);
      // one partition, read in offset order: a replay from offset 0 would come first
      assertThat(running.observations())
          .containsExactly(new Observation("cpu", Instant.parse("2025-01-01T00:02:00Z"), 1));
      assertThat(running.rejections()).isEmpty();
    }
  }

  @Test
  void alertsGoToTheTopicKeyedByFeedWithTheirIdempotencyKey() throws Exception {
    broker.createTopic("alerts", 3);
    List<Alert> alerts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Alert firing = TestAlerts.firing("feed-" + (i % 2), i, Severity.WARNING);
      alerts.add(firing);
      alerts.add(TestAlerts.resolved(firing));
    }
    try (KafkaAlertSink sink =
        KafkaAlertSink.builder(settings(), "alerts")
            .spillFile(dir.resolve("spill.jsonl"))
            .build()) {
      for (Alert alert : alerts) {
        sink.send(alert);
      }
      sink.flush();
      assertThat(sink.stats().delivered()).isEqualTo(alerts.size());
    }
    List<ConsumerRecord<String, String>> records = broker.readCommittedToEnd("alerts", PATIENCE);
    assertThat(records).hasSize(alerts.size());
    for (ConsumerRecord<String, String> record : records) {
      Alert alert = AlertJson.fromLine(record.value());
      assertThat(record.key()).isEqualTo(alert.feedId());
      String key =
          new String(
              record.headers().lastHeader(KafkaAlertSink.IDEMPOTENCY_HEADER).value(),
              StandardCharsets.UTF_8);
      assertThat(key).isEqualTo(alert.id() + "/" + alert.state().name().toLowerCase() + "/warning");
    }
    assertThat(records.stream().map(r -> AlertJson.fromLine(r.value())))
        .containsExactlyInAnyOrderElementsOf(alerts);
    // per feed, the order sent
    for (String feed : List.of("feed-0", "feed-1")) {
      assertThat(
              records.stream()
                  .filter(r -> r.key().equals(feed))
                  .map(r -> AlertJson.fromLine(r.value())))
          .containsExactlyElementsOf(alerts.stream().filter(a -> a.feedId().equals(feed)).toList());
    }
  }

  @Test
  void malformedRecordsOfTheSourceGoToADeadLetterTopic() throws Exception {
    broker.createTopic("raw", 1);
    broker.createTopic("dead-letters", 1);
    broker.produce(
        "raw",
        List.of(
            message("cpu", "{\"time\": 0, \"value\": 1}"),
            message("cpu", "{broken"),
            message(null, "{\"time\": 0, \"value\": 2}")));
    KafkaObservationSource source =
        KafkaObservationSource.builder(settings(), List.of("raw")).groupId("dlq").build();
    List<Rejection> rejections;
    try (RunningSource running = RunningSource.start(source)) {
      Await.until(
          "3 records",
          PATIENCE,
          () -> running.observations().size() + running.rejections().size() == 3,
          running::state);
      rejections = running.rejections();
    }
    try (KafkaDeadLetterSink deadLetters = new KafkaDeadLetterSink(settings(), "dead-letters")) {
      for (Rejection rejection : rejections) {
        deadLetters.accept(rejection);
      }
      deadLetters.flush();
    }
    List<ConsumerRecord<String, String>> records =
        broker.readCommittedToEnd("dead-letters", PATIENCE);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).key()).isEqualTo("cpu");
    assertThat(records.get(1).key()).isNull();
    assertThat(records.stream().map(r -> RejectionJson.fromLine(r.value())))
        .containsExactlyElementsOf(rejections);
    assertThat(RejectionJson.fromLine(records.get(0).value()).detail())
        .startsWith("raw-0@1: not JSON");
    assertThat(RejectionJson.fromLine(records.get(1).value()).reason())
        .isEqualTo(RejectionReason.MISSING_FIELD);
  }

  @Test
  void settingsPassPropertiesThroughButNotOverTheConnectorsOwn() {
    KafkaClientSettings settings =
        settings()
            .with("client.id", "agent-1")
            .withSecret(
                "sasl.jaas.config",
                Secret.of(
                    "org.apache.kafka.common.security.plain.PlainLoginModule required;", "t"));
    assertThat(settings.toString()).doesNotContain("PlainLoginModule");
    assertThatThrownBy(
            () ->
                KafkaObservationSource.builder(
                        settings().with("enable.auto.commit", "true"), List.of("t"))
                    .groupId("g")
                    .build())
        .hasMessage("properties: enable.auto.commit must be false for this connector, got true");
    assertThatThrownBy(() -> KafkaObservationSource.builder(settings(), List.of("t")).build())
        .hasMessage("groupId is required");
  }
}
