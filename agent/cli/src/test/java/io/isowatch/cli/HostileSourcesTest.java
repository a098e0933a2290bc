package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.file.JsonlReplaySource;
import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.kafka.KafkaClientSettings;
import io.isowatch.connectors.kafka.KafkaObservationSource;
import io.isowatch.connectors.mqtt.MqttSource;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.stdin.StdinSource;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.FreePort;
import io.isowatch.testkit.KafkaBroker;
import io.isowatch.testkit.Mosquitto;
import io.isowatch.testkit.hostile.HostileCorpus;
import io.isowatch.testkit.hostile.HostileKafka;
import io.isowatch.testkit.hostile.HostileRecord;
import io.isowatch.testkit.hostile.HostileVerdict;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus through every source of the embedded engine, each record sent through
 * the source's own transport: the agent stays up, and every record is accepted or dead-lettered
 * with the reason its kind calls for, counted once in the metrics and in the dead letters.
 */
class HostileSourcesTest {
  private static final Duration PATIENCE = Duration.ofMinutes(1);
  private static final String TOKEN = "hostile-token";

  @TempDir Path dir;

  private final HostileCorpus corpus = HostileCorpus.at(Instant.now());

  private static void assertJudged(HostileVerdict verdict) {
    assertThat(verdict.problems()).isEmpty();
    assertThat(verdict.expectedAccepted()).isPositive();
  }

  @Test
  void stdin() throws Exception {
    StdinSource stdin = StdinSource.builder(new ByteArrayInputStream(corpus.asLines())).build();
    try (HostileAgent agent = HostileAgent.start(stdin, dir)) {
      assertJudged(agent.verdict(corpus));
    }
  }

  @Test
  void fileReplay() throws Exception {
    Path file = dir.resolve("hostile.jsonl");
    Files.write(file, corpus.asLines());
    try (HostileAgent agent = HostileAgent.start(JsonlReplaySource.builder(file).build(), dir)) {
      assertJudged(agent.verdict(corpus));
    }
  }

  @Test
  void httpPushOneRecordPerRequest() throws Exception {
    int port = FreePort.pick();
    HttpPushSource push = HttpPushSource.builder(port).token(Secret.of(TOKEN, "test")).build();
    HttpClient client = HttpClient.newHttpClient();
    List<Integer> statuses = new ArrayList<>();
    try (HostileAgent agent = HostileAgent.start(push, dir)) {
      Await.until("the push source listening", PATIENCE, push::listening);
      for (HostileRecord record : corpus.records()) {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observations"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(record.payload()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        statuses.add(answer.statusCode());
      }
      assertJudged(agent.verdict(corpus));
    }
    assertThat(statuses).as("every request answered 200").containsOnly(200);
  }

  @Test
  void mqttOneRecordPerMessage() throws Exception {
    try (Mosquitto broker = new Mosquitto(Files.createDirectory(dir.resolve("mosquitto")))) {
      broker.start();
      MqttSource mqtt =
          MqttSource.builder(broker.uri())
              .topics("hostile/#")
              .maxReconnectDelay(Duration.ofSeconds(1))
              .build();
      try (HostileAgent agent = HostileAgent.start(mqtt, dir);
          MqttClient publisher =
              new MqttClient(
                  broker.uri(), MqttClient.generateClientId(), new MemoryPersistence())) {
        Await.until("the subscription", PATIENCE, () -> mqtt.stats().subscriptions() >= 1);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(corpus.size());
        publisher.connect(options);
        for (HostileRecord record : corpus.records()) {
          publisher.publish("hostile/in", record.payload(), 1, false);
        }
        publisher.disconnect();
        assertJudged(agent.verdict(corpus));
      }
    }
  }

  @Test
  void kafkaOneRecordPerMessage() throws Exception {
    try (KafkaBroker kafka = KafkaBroker.start()) {
      kafka.createTopic("hostile", 1);
      HostileKafka.produce(kafka.bootstrapServers(), "hostile", corpus);
      KafkaObservationSource source =
          KafkaObservationSource.builder(
                  KafkaClientSettings.of(kafka.bootstrapServers()), List.of("hostile"))
              .groupId("hostile")
              .build();
      try (HostileAgent agent = HostileAgent.start(source, dir)) {
        assertJudged(agent.verdict(corpus));
      }
    }
  }
}
