package io.isowatch.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.connectors.alertmanager.AlertmanagerSink;
import io.isowatch.connectors.http.HttpPollingSource;
import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.connectors.kafka.KafkaObservationSource;
import io.isowatch.connectors.mqtt.MqttSource;
import io.isowatch.connectors.stdin.StdinSource;
import io.isowatch.connectors.webhook.WebhookFormat;
import io.isowatch.connectors.webhook.WebhookSink;
import io.isowatch.core.io.AlertSink;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.engine.spec.InputFormatException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live connectors' entries of a configuration: every option, its errors, late secrets. */
class ConnectorConfigTest {
  private static final Path BASE = Path.of("/configs");

  /** Every option of every live source and receiver, none at its default. */
  static final String EVERY_CONNECTOR_OPTION =
      """
      sources:
        - type: mqtt
          uri: ssl://broker:8883
          topics: [a/+/t, b/#]
          qos: 2
          client-id: agent-1
          clean-session: false
          username: agent
          password: {env: MQTT_PASSWORD}
          tls: {ca-certificates: ca.pem, key-store: me.p12, key-store-password: {file: ks.txt}}
          topic-prefix: a/
          payload: json
          max-payload-bytes: 100
          buffer-capacity: 10
          max-reconnect-delay: 5s
        - type: http-poll
          url: https://api/prices
          interval: 1m
          records: $.data[*]
          feed-path: $.zone
          feed: spot
          time-path: arrival
          value-path: $.p
          bearer-token: {env: API_TOKEN}
          tls: {ca-certificates: ca.pem}
          timeout: 3s
          max-body-bytes: 1000
          max-backoff: 1h
        - type: http-push
          host: 0.0.0.0
          port: 9000
          path: /in
          token: {file: token.txt}
          tls: {key-store: server.p12, key-store-password: {env: KS}}
          payload: number
          max-body-bytes: 2000
          buffer-capacity: 20
          header-timeout: 5s
          body-timeout: 2m
          idle-timeout: 1m
          busy-after: 0
          max-unauthenticated-connections: 8
        - type: kafka
          bootstrap-servers: k1:9092,k2:9092
          topics: [t1, t2]
          group-id: g
          auto-offset-reset: latest
          max-poll-records: 50
          payload: auto
          properties: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN}
          secret-properties: {sasl.jaas.config: {env: KAFKA_JAAS}}
        - type: stdin
          feed: s
          payload: number
          max-line-length: 99
      sinks:
        webhooks:
          - url: https://hooks/a
            format: pagerduty
            signing-key: {env: HOOK_KEY}
            routing-key: {env: PD_KEY}
            tls: {ca-certificates: ca.pem}
            timeout: 2s
            spill-file: spill/a.jsonl
            queue-capacity: 5
            max-spill-bytes: 4096
          - url: http://hooks/b
            format: slack
        alertmanager:
          url: http://am:9093
          labels: {team: forecasting}
          generator-url: http://grafana/d/isowatch
          bearer-token: {env: AM_TOKEN}
          tls: {ca-certificates: ca.pem}
          resend-interval: 30s
          timeout: 1s
          spill-file: spill/am.jsonl
          queue-capacity: 6
          max-spill-bytes: 8192
        kafka:
          bootstrap-servers: k1:9092
          topic: alerts
          properties: {client.id: isowatch}
          secret-properties: {}
          spill-file: spill/k.jsonl
          queue-capacity: 7
          max-spill-bytes: 2048
      """;

  @Test
  void readsEveryOptionWithoutReadingTheSecrets() throws Exception {
    AgentConfig config = AgentConfig.parse(EVERY_CONNECTOR_OPTION, BASE, key -> {});
    ConnectorRefs.Tls caOnly =
        new ConnectorRefs.Tls(
            Optional.of(BASE.resolve("ca.pem")), Optional.empty(), Optional.empty());
    assertThat(config.sources())
        .containsExactly(
            new SourceSpec.Mqtt(
                "ssl://broker:8883",
                List.of("a/+/t", "b/#"),
                2,
                Optional.of("agent-1"),
                false,
                Optional.of("agent"),
                Optional.of(SecretRef.env("sources[0].password", "MQTT_PASSWORD")),
                Optional.of(
                    new ConnectorRefs.Tls(
                        Optional.of(BASE.resolve("ca.pem")),
                        Optional.of(BASE.resolve("me.p12")),
                        Optional.of(
                            SecretRef.file(
                                "sources[0].tls.key-store-password", BASE.resolve("ks.txt"))))),
                "a/",
                PayloadFormat.JSON,
                100,
                10,
                Duration.ofSeconds(5)),
            new SourceSpec.HttpPoll(
                URI.create("https://api/prices"),
                Duration.ofMinutes(1),
                "$.data[*]",
                Optional.of("$.zone"),
                Optional.of("spot"),
                Optional.empty(),
                "$.p",
                Optional.of(SecretRef.env("sources[1].bearer-token", "API_TOKEN")),
                Optional.of(caOnly),
                Duration.ofSeconds(3),
                1000,
                Duration.ofHours(1)),
            new SourceSpec.HttpPush(
                "0.0.0.0",
                9000,
                "/in",
                SecretRef.file("sources[2].token", BASE.resolve("token.txt")),
                Optional.of(
                    new ConnectorRefs.Tls(
                        Optional.empty(),
                        Optional.of(BASE.resolve("server.p12")),
                        Optional.of(SecretRef.env("sources[2].tls.key-store-password", "KS")))),
                PayloadFormat.NUMBER,
                new PushLimits(
                    Duration.ofSeconds(5),
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(1),
                    Duration.ZERO,
                    8,
                    20,
                    2000)),
            new SourceSpec.Kafka(
                new ConnectorRefs.Kafka(
                    "k1:9092,k2:9092",
                    Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"),
                    Map.of(
                        "sasl.jaas.config",
                        SecretRef.env(
                            "sources[3].secret-properties.sasl.jaas.config", "KAFKA_JAAS"))),
                List.of("t1", "t2"),
                "g",
                "latest",
                50,
                PayloadFormat.AUTO),
            new SourceSpec.Stdin(Optional.of("s"), PayloadFormat.NUMBER, 99));
    assertThat(config.settings().sinks().receivers())
        .containsExactly(
            new AlertSinkSpec.Webhook(
                "sinks.webhooks[0]",
                URI.create("https://hooks/a"),
                WebhookFormat.PAGERDUTY,
                Optional.of(SecretRef.env("sinks.webhooks[0].signing-key", "HOOK_KEY")),
                Optional.of(SecretRef.env("sinks.webhooks[0].routing-key", "PD_KEY")),
                Optional.of(caOnly),
                Duration.ofSeconds(2),
                new AlertSinkSpec.Queue(BASE.resolve("spill/a.jsonl"), 5, 4096)),
            new AlertSinkSpec.Webhook(
                "sinks.webhooks[1]",
                URI.create("http://hooks/b"),
                WebhookFormat.SLACK,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                WebhookSink.DEFAULT_TIMEOUT,
                new AlertSinkSpec.Queue(
                    BASE.resolve("isowatch-spill/webhook-1.jsonl"), 1024, 64L << 20)),
            new AlertSinkSpec.Alertmanager(
                "sinks.alertmanager",
                URI.create("http://am:9093"),
                Map.of("team", "forecasting"),
                Optional.of(URI.create("http://grafana/d/isowatch")),
                Optional.of(SecretRef.env("sinks.alertmanager.bearer-token", "AM_TOKEN")),
                Optional.of(caOnly),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                new AlertSinkSpec.Queue(BASE.resolve("spill/am.jsonl"), 6, 8192)),
            new AlertSinkSpec.KafkaAlerts(
                "sinks.kafka",
                new ConnectorRefs.Kafka("k1:9092", Map.of("client.id", "isowatch"), Map.of()),
                "alerts",
                new AlertSinkSpec.Queue(BASE.resolve("spill/k.jsonl"), 7, 2048)));
  }

  @Test
  void badEntriesAreNamed() {
    assertBad(
        "sources: [{type: mqtt, uri: 'tcp://b:1883'}]",
        "sources[0].topics: required: one or more topic filters, e.g. [\"plant/#\"]");
    assertBad(
        "sources: [{type: http-push}]",
        "sources[0].token: required: {env: NAME} or {file: PATH} of the bearer token");
    assertBad(
        "sources: [{type: http-push, token: s3cr3t}]",
        "sources[0].token: expected a mapping of keys, got \"s3cr3t\"");
    assertBad(
        "sources: [{type: http-push, token: {env: A, file: b}}]",
        "sources[0].token: give exactly one of env (a variable's name) and file (a path), never"
            + " the secret");
    assertBad(
        "sources: [{type: http-push, token: {env: T}, header-timeout: 0}]",
        "sources[0].header-timeout: must be between 100ms and 5m, got 0");
    assertBad(
        "sources: [{type: http-push, token: {env: T}, body-timeout: 2h}]",
        "sources[0].body-timeout: must be between 1s and 1h, got 2h");
    assertBad(
        "sources: [{type: http-push, token: {env: T}, busy-after: 90s}]",
        "sources[0].busy-after: must be between 0 and 1m, got 90s");
    assertBad(
        "sources: [{type: http-push, token: {env: T}, max-unauthenticated-connections: 0}]",
        "sources[0].max-unauthenticated-connections: must be between 1 and 65536, got 0");
    assertBad(
        "sources: [{type: http-push, token: {env: T}, buffer-capacity: 2000000}]",
        "sources[0].buffer-capacity: must be between 1 and 1048576, got 2000000");
    assertBad(
        "sources: [{type: kafka, bootstrap-servers: 'k:9092', topics: [t]}]",
        "sources[0].group-id: required: the consumer group whose offsets say where to resume");
    assertBad(
        "sources: [{type: http-poll, url: 'ftp://x/'}]",
        "sources[0].url: expected an http:// or https:// address, got ftp://x/");
    assertBad(
        "sources: [{type: stdin}]\nsinks: {webhooks: [{url: 'http://h/', format: pagerduty}]}",
        "sinks.webhooks[0].routing-key: required with format pagerduty");
    assertBad(
        "sources: [{type: stdin}]\nsinks: {alertmanager: {url: 'http://am/', labels: {feed: x}}}",
        "sinks.alertmanager.labels: feed is set by isowatch and cannot be given");
    assertBad(
        "sources: [{type: stdin}]\nsinks: {kafka: {topic: a}}",
        "sinks.kafka.bootstrap-servers: required: host:port of one or more brokers");
    assertBad(
        "sources: [{type: mqtt, uri: 'tcp://b', topics: [a], tls: {key-store: k.p12}}]",
        "sources[0].tls.key-store-password: required with key-store");
  }

  private static void assertBad(String yaml, String message) {
    assertThatThrownBy(() -> AgentConfig.parse(yaml, BASE, key -> {}))
        .isInstanceOf(InputFormatException.class)
        .hasMessage(message);
  }

  @Test
  void specsOpenTheirConnectorsAndSecretsAreReadThen(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token.txt"), "t0ken\n");
    String yaml =
        """
        sources:
          - {type: mqtt, uri: 'tcp://127.0.0.1:1', topics: [x]}
          - {type: http-poll, url: 'http://127.0.0.1:1/'}
          - {type: http-push, port: 0, token: {file: token.txt}}
          - {type: kafka, bootstrap-servers: '127.0.0.1:1', topics: [t], group-id: g}
          - {type: stdin}
        sinks:
          webhooks: [{url: 'http://127.0.0.1:1/hook'}]
          alertmanager: {url: 'http://127.0.0.1:1'}
        """;
    AgentConfig config = AgentConfig.parse(yaml, dir, key -> {});
    List<Class<?>> opened = new java.util.ArrayList<>();
    for (SourceSpec spec : config.sources()) {
      try (ObservationSource source =
          spec.open(io.isowatch.connectors.file.ProgressListener.NONE)) {
        opened.add(source.getClass());
      }
    }
    assertThat(opened)
        .containsExactly(
            MqttSource.class,
            HttpPollingSource.class,
            HttpPushSource.class,
            KafkaObservationSource.class,
            StdinSource.class);
    for (AlertSinkSpec receiver : config.settings().sinks().receivers()) {
      try (AlertSink sink = receiver.open()) {
        assertThat(sink).isInstanceOfAny(WebhookSink.class, AlertmanagerSink.class);
      }
    }
    assertThat(token).exists();

    AgentConfig missing =
        AgentConfig.parse(
            "sources: [{type: http-push, token: {env: ISOWATCH_TEST_UNSET_VARIABLE}}]",
            dir,
            key -> {});
    assertThatThrownBy(
            () -> missing.sources().get(0).open(io.isowatch.connectors.file.ProgressListener.NONE))
        .hasMessage(
            "sources[0].token: environment variable ISOWATCH_TEST_UNSET_VARIABLE is not set or"
                + " empty");
  }
}
