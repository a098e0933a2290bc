package io.isowatch.connectors.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.mqtt.MqttSource;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.testing.RunningSource;
import io.isowatch.connectors.testing.TestCertificates;
import io.isowatch.core.feed.Observation;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.FreePort;
import io.isowatch.testkit.Mosquitto;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS end to end with a certificate made for the test: HTTPS push, and MQTT over ssl://. */
class TlsConnectorsTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String LINE =
      "{\"feed\": \"tls\", \"time\": \"2025-01-01T00:00:00Z\", \"value\": 1.5}";

  @TempDir Path dir;

  @Test
  void pushOverHttpsWithTheServersKeyStoreTrustedThroughItsCertificate() throws Exception {
    TestCertificates certificates = TestCertificates.create(dir);
    int port = FreePort.pick();
    HttpPushSource source =
        HttpPushSource.builder(port)
            .token(Secret.of("tok", "test"))
            .tls(
                new TlsSettings(
                    Optional.empty(),
                    Optional.of(certificates.keyStore()),
                    Optional.of(Secret.of(TestCertificates.PASSWORD, "test"))))
            .build();
    try (RunningSource running = RunningSource.start(source)) {
      Await.until("listening", PATIENCE, source::listening);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/observations"))
              .header("Authorization", "Bearer tok")
              .POST(HttpRequest.BodyPublishers.ofString(LINE))
              .build();
      HttpClient trusting =
          HttpClient.newBuilder()
              .sslContext(
                  new TlsSettings(
                          Optional.of(certificates.certificate()),
                          Optional.empty(),
                          Optional.empty())
                      .context())
              .build();
      assertThat(trusting.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      Await.until("the observation", PATIENCE, () -> running.observations().size() == 1);
      assertThat(running.observations())
          .containsExactly(new Observation("tls", Instant.parse("2025-01-01T00:00:00Z"), 1.5));

      HttpClient jvmDefaults = HttpClient.newHttpClient();
      assertThatThrownBy(() -> jvmDefaults.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void mqttOverTlsTrustingTheBrokersCertificate() throws Exception {
    TestCertificates certificates = TestCertificates.create(dir);
    try (Mosquitto broker =
        new Mosquitto(
            dir,
            "certfile " + certificates.certificate() + "\nkeyfile " + certificates.key() + "\n")) {
      broker.start();
      TlsSettings tls =
          new TlsSettings(
              Optional.of(certificates.certificate()), Optional.empty(), Optional.empty());
      MqttSource source = MqttSource.builder(broker.uri()).topics("secure/#").tls(tls).build();
      try (RunningSource running = RunningSource.start(source)) {
        Await.until(
            "subscribed", PATIENCE, () -> source.stats().subscriptions() == 1, running::state);
        try (MqttClient publisher =
            new MqttClient(broker.uri(), MqttClient.generateClientId(), new MemoryPersistence())) {
          MqttConnectOptions options = new MqttConnectOptions();
          options.setSocketFactory(tls.context().getSocketFactory());
          publisher.connect(options);
          publisher.publish("secure/line", "4.25".getBytes(StandardCharsets.UTF_8), 1, false);
          publisher.disconnect();
        }
        Await.until(
            "the message", PATIENCE, () -> running.observations().size() == 1, running::state);
        assertThat(running.observations().get(0).feedId()).isEqualTo("secure/line");
        assertThat(running.observations().get(0).value()).isEqualTo(4.25);
      }
      MqttSource untrusting =
          MqttSource.builder(broker.uri())
              .topics("secure/#")
              .connectTimeout(Duration.ofSeconds(3))
              .build();
      assertThatThrownBy(() -> untrusting.run(event -> {}))
          .hasMessageStartingWith("cannot connect to MQTT broker " + broker.uri());
    }
  }

  @Test
  void unreadableFilesAreNamed() {
    assertThatThrownBy(
            () ->
                new TlsSettings(
                        Optional.of(dir.resolve("none.pem")), Optional.empty(), Optional.empty())
                    .context())
        .hasMessageStartingWith("cannot read CA certificates " + dir.resolve("none.pem"));
    assertThatThrownBy(
            () ->
                new TlsSettings(
                    Optional.empty(), Optional.of(dir.resolve("k.p12")), Optional.empty()))
        .hasMessage("keyStore " + dir.resolve("k.p12") + " needs a password");
  }
}
