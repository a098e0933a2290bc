package io.isowatch.connectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.core.feed.Observation;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent session (fixed client id, clean session off) loses no QoS 1 message across a real
 * mosquitto restart: what is published after the broker is back, before isowatch has reconnected,
 * waits in its session; and it reconnects within the default backoff cap.
 */
class MqttSessionContinuityTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int BEFORE = 50;
  private static final int AFTER = 150;

  @TempDir Path dir;

  @Test
  void aPersistentSessionLosesNoQos1MessageAcrossABrokerRestart() throws Exception {
    try (Mosquitto broker = Mosquitto.persistent(dir)) {
      broker.start();
      MqttSource source =
          MqttSource.builder(broker.uri())
              .topics("plant/#")
              .clientId("isowatch-continuity")
              .cleanSession(false)
              .build(); // the default reconnect backoff
      try (RunningSource running = RunningSource.start(source)) {
        Await.until(
            "subscribed", PATIENCE, () -> source.stats().subscriptions() >= 1, running::state);
        publish(broker, 0, BEFORE);
        Await.until(
            BEFORE + " before the restart",
            PATIENCE,
            () -> running.observations().size() >= BEFORE,
            running::state);

        broker.stop();
        broker.start();
        long back = System.nanoTime();
        publish(broker, BEFORE, BEFORE + AFTER); // isowatch is still away: its session keeps them
        Await.until(
            "reconnected", PATIENCE, () -> source.stats().connections() >= 2, running::state);
        double reconnectSeconds = (System.nanoTime() - back) / 1e9;
        Await.until(
            (BEFORE + AFTER) + " in all",
            PATIENCE,
            () -> distinctValues(running.observations()).size() == BEFORE + AFTER,
            running::state);

        assertThat(distinctValues(running.observations()))
            .containsExactlyElementsOf(IntStream.range(0, BEFORE + AFTER).boxed().toList());
        System.out.printf(
            Locale.ROOT,
            "mqtt continuity: %d of %d QoS 1 messages received (%d duplicates), reconnected %.1f s"
                + " after the broker was back%n",
            distinctValues(running.observations()).size(),
            BEFORE + AFTER,
            running.observations().size() - (BEFORE + AFTER),
            reconnectSeconds);
      }
    }
  }

  private static List<Integer> distinctValues(List<Observation> observations) {
    return observations.stream().map(o -> (int) o.value()).distinct().sorted().toList();
  }

  /** Publishes {@code from}..{@code to - 1} as bare numbers, QoS 1, on one connection. */
  private static void publish(Mosquitto broker, int from, int to) throws Exception {
    try (MqttClient publisher =
        new MqttClient(broker.uri(), MqttClient.generateClientId(), new MemoryPersistence())) {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      // room for every message in flight: right after a broker restart acknowledgements lag, and
      // Paho's default window of 10 refuses the 11th publish ("Too many publishes in progress")
      options.setMaxInflight(Math.max(10, to - from));
      publisher.connect(options);
      for (int i = from; i < to; i++) {
        publisher.publish(
            "plant/line", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false);
      }
      publisher.disconnect();
    }
  }
}
