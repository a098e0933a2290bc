package io.isowatch.connectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against Debian's mosquitto, with a real Paho publisher. */
class MqttSourceTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Instant ARRIVAL = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path dir;
  private Mosquitto broker;

  @BeforeEach
  void broker() throws Exception {
    broker = new Mosquitto(dir);
    broker.start();
  }

  @AfterEach
  void stop() throws Exception {
    broker.close();
  }

  private MqttSource.Builder source() {
    return MqttSource.builder(broker.uri())
        .topics("plant/#", "meters/+/power")
        .topicPrefix("plant/")
        .maxReconnectDelay(Duration.ofSeconds(1))
        .maxPayloadBytes(256)
        .clock(Clock.fixed(ARRIVAL, ZoneOffset.UTC));
  }

  private void publish(String topic, String payload) throws Exception {
    try (MqttClient publisher =
        new MqttClient(broker.uri(), MqttClient.generateClientId(), new MemoryPersistence())) {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      publisher.connect(options);
      publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
      publisher.disconnect();
    }
  }

  private static void awaitSubscribed(MqttSource source, long subscriptions) throws Exception {
    Await.until(
        subscriptions + " subscription(s)",
        PATIENCE,
        () -> source.stats().subscriptions() >= subscriptions,
        () -> source.stats().toString());
  }

  @Test
  void readsJsonAndBareNumbersFromWildcardTopics() throws Exception {
    MqttSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      awaitSubscribed(source, 1);
      publish("plant/boiler-7/temp", "{\"time\": \"2025-06-01T11:59:00Z\", \"value\": 71.5}");
      publish("plant/pump/rpm", " 1450 ");
      publish("meters/m1/power", "{\"feed\": \"grid\", \"time\": 1748779200000, \"value\": 3.25}");
      publish("elsewhere/x", "5");
      Await.until(
          "3 observations", PATIENCE, () -> running.observations().size() == 3, running::state);
      assertThat(running.observations())
          .containsExactly(
              new Observation("boiler-7/temp", Instant.parse("2025-06-01T11:59:00Z"), 71.5),
              new Observation("pump/rpm", ARRIVAL, 1450),
              new Observation("grid", Instant.ofEpochMilli(1748779200000L), 3.25));
      assertThat(running.rejections()).isEmpty();
    }
    assertThat(source.stats().received()).isEqualTo(3);
  }

  @Test
  void malformedPayloadsAreCountedAndDeadLetteredAndTheFeedGoesOn() throws Exception {
    MqttSource source = source().build();
    Path deadLetters = dir.resolve("dead-letters.jsonl");
    try (RunningSource running = RunningSource.start(source)) {
      awaitSubscribed(source, 1);
      publish("plant/a", "warm");
      publish("plant/b", "{\"value\": 1");
      publish("plant/c", "{\"time\": \"2025-06-01T00:00:00Z\"}");
      publish("plant/d", "9".repeat(300));
      publish("plant/e", "2.5");
      Await.until(
          "5 messages",
          PATIENCE,
          () -> running.observations().size() + running.rejections().size() == 5,
          running::state);
      assertThat(running.observations()).containsExactly(new Observation("e", ARRIVAL, 2.5));
      // the engine's part, done here by hand: every rejection to the dead-letter file
      try (DeadLetterFileSink sink = DeadLetterFileSink.open(deadLetters)) {
        for (Rejection rejection : running.rejections()) {
          sink.accept(rejection);
        }
      }
    }
    assertThat(source.stats().malformed()).isEqualTo(4);
    List<Rejection> setAside =
        Files.readAllLines(deadLetters).stream().map(RejectionJson::fromLine).toList();
    assertThat(setAside)
        .extracting(Rejection::reason)
        .containsExactly(
            RejectionReason.UNPARSABLE,
            RejectionReason.UNPARSABLE,
            RejectionReason.MISSING_FIELD,
            RejectionReason.UNPARSABLE);
    assertThat(setAside.get(0).detail())
        .isEqualTo("topic plant/a: neither a JSON object nor a number");
    assertThat(setAside.get(0).original()).isEqualTo("warm");
    assertThat(setAside.get(1).detail()).startsWith("topic plant/b: not JSON");
    assertThat(setAside.get(2).detail()).isEqualTo("topic plant/c: field value is missing");
    assertThat(setAside.get(2).feedId()).contains("c");
    assertThat(setAside.get(3).detail())
        .isEqualTo("topic plant/d: payload of 300 bytes is over the limit of 256");
  }

  @Test
  void reconnectsAndResumesAfterABrokerRestart() throws Exception {
    MqttSource source = source().build();
    try (RunningSource running = RunningSource.start(source)) {
      awaitSubscribed(source, 1);
      for (int i = 0; i < 5; i++) {
        publish("plant/line", Integer.toString(i));
      }
      Await.until(
          "5 before the restart",
          PATIENCE,
          () -> running.observations().size() == 5,
          running::state);

      broker.stop();
      broker.start();
      awaitSubscribed(source, 2);
      for (int i = 5; i < 10; i++) {
        publish("plant/line", Integer.toString(i));
      }
      Await.until(
          "5 after the restart",
          PATIENCE,
          () -> running.observations().size() == 10,
          running::state);
      assertThat(running.observations().stream().mapToDouble(Observation::value))
          .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
      assertThat(source.stats().connections()).isEqualTo(2);
      assertThat(running.alive()).isTrue();
    }
  }

  @Test
  void aBrokerThatIsNotThereFailsAtStartNamingIt() throws Exception {
    broker.stop();
    MqttSource source = source().connectTimeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> source.run(event -> {}))
        .hasMessageStartingWith("cannot connect to MQTT broker " + broker.uri());
  }

  @Test
  void logsInWithAPasswordReadFromASecretAndIsRefusedWithAWrongOne() throws Exception {
    Path passwords = dir.resolve("passwords");
    Process hash =
        new ProcessBuilder(
                "/usr/bin/mosquitto_passwd", "-c", "-b", passwords.toString(), "agent", "s3cr3t")
            .redirectErrorStream(true)
            .start();
    assertThat(hash.waitFor()).isZero();
    Path secrets = dir.resolve("secrets");
    Files.createDirectories(secrets);
    Path good = Files.writeString(secrets.resolve("good"), "s3cr3t\n");
    Path bad = Files.writeString(secrets.resolve("bad"), "guess\n");
    broker.stop();
    try (Mosquitto secured = new Mosquitto(dir, "password_file " + passwords + "\n")) {
      secured.start();
      MqttSource source =
          MqttSource.builder(secured.uri())
              .topics("#")
              .username("agent")
              .password(io.isowatch.connectors.secret.Secret.fromFile(good))
              .build();
      try (RunningSource running = RunningSource.start(source)) {
        awaitSubscribed(source, 1);
        assertThat(running.failure()).isNull();
      }
      MqttSource refused =
          MqttSource.builder(secured.uri())
              .topics("#")
              .username("agent")
              .password(io.isowatch.connectors.secret.Secret.fromFile(bad))
              .build();
      assertThatThrownBy(() -> refused.run(event -> {}))
          .hasMessageStartingWith("cannot connect to MQTT broker " + secured.uri())
          .hasMessageNotContaining("guess");
    }
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> MqttSource.builder(broker.uri()).build())
        .hasMessage("topics must name at least one topic filter");
    assertThatThrownBy(() -> source().qos(3).build()).hasMessage("qos must be 0, 1 or 2, got 3");
    assertThatThrownBy(() -> source().cleanSession(false).build())
        .hasMessage("clientId is required with cleanSession false");
    assertThatThrownBy(() -> MqttSource.builder("http://x").topics("a").build())
        .hasMessage("serverUri must be tcp://, ssl://, ws:// or wss://host:port, got http://x");
  }
}
