package io.isowatch.cli.config;

import io.isowatch.connectors.alertmanager.AlertmanagerSink;
import io.isowatch.connectors.delivery.DeliveryQueue;
import io.isowatch.connectors.http.HttpPollingSource;
import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.connectors.kafka.KafkaObservationSource;
import io.isowatch.connectors.mqtt.MqttSource;
import io.isowatch.connectors.stdin.StdinSource;
import io.isowatch.connectors.webhook.WebhookFormat;
import io.isowatch.connectors.webhook.WebhookSink;
import io.isowatch.engine.spec.ConfigNode;
import io.isowatch.engine.spec.InputFormatException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the live connectors' entries of a configuration: the {@code mqtt}, {@code http-poll},
 * {@code http-push}, {@code kafka} and {@code stdin} sources, and the receivers under {@code sinks}
 * ({@code webhooks}, {@code alertmanager}, {@code kafka}). Secrets are given as {@code {env: NAME}}
 * or {@code {file: PATH}} and read only when the connector opens.
 */
public final class ConnectorConfig {
  /** The spill files' folder unless a receiver names its own file, relative to the config. */
  public static final String DEFAULT_SPILL_DIR = "isowatch-spill";

  /** What {@code time-path} says when records carry no time: date them on arrival. */
  public static final String ARRIVAL = "arrival";

  private ConnectorConfig() {}

  public static SourceSpec mqtt(ConfigNode entry) throws InputFormatException {
    entry.allowOnly(
        "type",
        "uri",
        "topics",
        "qos",
        "client-id",
        "clean-session",
        "username",
        "password",
        "tls",
        "topic-prefix",
        "payload",
        "max-payload-bytes",
        "buffer-capacity",
        "max-reconnect-delay");
    String uri = required(entry, "uri", "the broker, e.g. tcp://localhost:1883");
    List<String> topics = entry.texts("topics");
    if (topics.isEmpty()) {
      throw entry.error("topics", "required: one or more topic filters, e.g. [\"plant/#\"]");
    }
    return new SourceSpec.Mqtt(
        uri,
        topics,
        entry.integer("qos", MqttSource.DEFAULT_QOS, 0, 2),
        entry.optionalText("client-id"),
        entry.bool("clean-session", true),
        entry.optionalText("username"),
        SecretRef.read(entry, "password"),
        ConnectorRefs.Tls.read(entry, "tls"),
        entry.rawText("topic-prefix", ""),
        payload(entry),
        entry.atLeast("max-payload-bytes", MqttSource.DEFAULT_MAX_PAYLOAD_BYTES, 1),
        entry.atLeast("buffer-capacity", MqttSource.DEFAULT_BUFFER_CAPACITY, 1),
        entry.positiveDuration("max-reconnect-delay", MqttSource.DEFAULT_MAX_RECONNECT_DELAY));
  }

  public static SourceSpec httpPoll(ConfigNode entry) throws InputFormatException {
    entry.allowOnly(
        "type",
        "url",
        "interval",
        "records",
        "feed-path",
        "feed",
        "time-path",
        "value-path",
        "bearer-token",
        "tls",
        "timeout",
        "max-body-bytes",
        "max-backoff");
    String timePath = entry.text("time-path", HttpPollingSource.DEFAULT_TIME_PATH);
    return new SourceSpec.HttpPoll(
        uri(entry, "url"),
        entry.positiveDuration("interval", HttpPollingSource.DEFAULT_INTERVAL),
        entry.text("records", HttpPollingSource.DEFAULT_RECORDS),
        entry.optionalText("feed-path"),
        entry.optionalText("feed"),
        timePath.equals(ARRIVAL) ? Optional.empty() : Optional.of(timePath),
        entry.text("value-path", HttpPollingSource.DEFAULT_VALUE_PATH),
        SecretRef.read(entry, "bearer-token"),
        ConnectorRefs.Tls.read(entry, "tls"),
        entry.positiveDuration("timeout", HttpPollingSource.DEFAULT_TIMEOUT),
        entry.atLeast("max-body-bytes", HttpPollingSource.DEFAULT_MAX_BODY_BYTES, 1),
        entry.positiveDuration("max-backoff", HttpPollingSource.DEFAULT_MAX_BACKOFF));
  }

  public static SourceSpec httpPush(ConfigNode entry) throws InputFormatException {
    List<String> keys =
        new ArrayList<>(List.of("type", "host", "port", "path", "token", "tls", "payload"));
    keys.addAll(List.of(PushLimits.KEYS));
    entry.allowOnly(keys.toArray(String[]::new));
    Optional<SecretRef> token = SecretRef.read(entry, "token");
    if (token.isEmpty()) {
      throw entry.error("token", "required: {env: NAME} or {file: PATH} of the bearer token");
    }
    Optional<ConnectorRefs.Tls> tls = ConnectorRefs.Tls.read(entry, "tls");
    if (tls.isPresent() && tls.get().keyStore().isEmpty()) {
      throw entry.error("tls", "needs key-store: the server's key and certificate (PKCS#12)");
    }
    return new SourceSpec.HttpPush(
        entry.text("host", HttpPushSource.DEFAULT_HOST),
        entry.integer("port", 8080, 0, AgentSettings.MAX_PORT),
        entry.text("path", HttpPushSource.DEFAULT_PATH),
        token.get(),
        tls,
        payload(entry),
        PushLimits.read(entry));
  }

  public static SourceSpec kafka(ConfigNode entry) throws InputFormatException {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "type", "topics", "group-id", "auto-offset-reset", "max-poll-records", "payload"));
    keys.addAll(ConnectorRefs.KAFKA_KEYS);
    entry.allowOnly(keys.toArray(new String[0]));
    List<String> topics = entry.texts("topics");
    if (topics.isEmpty()) {
      throw entry.error("topics", "required: one or more topics");
    }
    String reset =
        entry.choice(
            "auto-offset-reset",
            KafkaObservationSource.DEFAULT_AUTO_OFFSET_RESET,
            Map.of("earliest", "earliest", "latest", "latest"));
    return new SourceSpec.Kafka(
        ConnectorRefs.Kafka.read(entry),
        topics,
        required(entry, "group-id", "the consumer group whose offsets say where to resume"),
        reset,
        entry.atLeast("max-poll-records", KafkaObservationSource.DEFAULT_MAX_POLL_RECORDS, 1),
        payload(entry));
  }

  public static SourceSpec stdin(ConfigNode entry) throws InputFormatException {
    entry.allowOnly("type", "feed", "payload", "max-line-length");
    return new SourceSpec.Stdin(
        entry.optionalText("feed"),
        payload(entry),
        entry.atLeast("max-line-length", StdinSource.DEFAULT_MAX_LINE_LENGTH, 1));
  }

  /** The receivers under {@code sinks}: webhooks, alertmanager, kafka. */
  public static List<AlertSinkSpec> receivers(ConfigNode sinks) throws InputFormatException {
    List<AlertSinkSpec> receivers = new ArrayList<>();
    List<ConfigNode> webhooks = sinks.sections("webhooks");
    for (int i = 0; i < webhooks.size(); i++) {
      receivers.add(webhook(webhooks.get(i), "webhook-" + i));
    }
    if (sinks.has("alertmanager")) {
      receivers.add(alertmanager(sinks.section("alertmanager")));
    }
    if (sinks.has("kafka")) {
      receivers.add(kafkaAlerts(sinks.section("kafka")));
    }
    return receivers;
  }

  private static AlertSinkSpec webhook(ConfigNode hook, String spillName)
      throws InputFormatException {
    List<String> keys =
        new ArrayList<>(List.of("url", "format", "signing-key", "routing-key", "tls", "timeout"));
    keys.addAll(QUEUE_KEYS);
    hook.allowOnly(keys.toArray(new String[0]));
    WebhookFormat format =
        hook.choice("format", WebhookFormat.ALERT, ConfigNode.labels(WebhookFormat.class));
    Optional<SecretRef> routingKey = SecretRef.read(hook, "routing-key");
    if (format == WebhookFormat.PAGERDUTY && routingKey.isEmpty()) {
      throw hook.error("routing-key", "required with format pagerduty");
    }
    return new AlertSinkSpec.Webhook(
        hook.path(),
        uri(hook, "url"),
        format,
        SecretRef.read(hook, "signing-key"),
        routingKey,
        ConnectorRefs.Tls.read(hook, "tls"),
        hook.positiveDuration("timeout", WebhookSink.DEFAULT_TIMEOUT),
        queue(hook, spillName));
  }

  private static AlertSinkSpec alertmanager(ConfigNode am) throws InputFormatException {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "url",
                "labels",
                "generator-url",
                "bearer-token",
                "tls",
                "resend-interval",
                "timeout"));
    keys.addAll(QUEUE_KEYS);
    am.allowOnly(keys.toArray(new String[0]));
    Map<String, String> labels = am.textMap("labels");
    for (String reserved : List.of("alertname", "feed", "severity", "alert_id")) {
      if (labels.containsKey(reserved)) {
        throw am.error("labels", reserved + " is set by isowatch and cannot be given");
      }
    }
    Optional<URI> generator =
        am.has("generator-url") ? Optional.of(uri(am, "generator-url")) : Optional.empty();
    return new AlertSinkSpec.Alertmanager(
        am.path(),
        uri(am, "url"),
        labels,
        generator,
        SecretRef.read(am, "bearer-token"),
        ConnectorRefs.Tls.read(am, "tls"),
        am.positiveDuration("resend-interval", AlertmanagerSink.DEFAULT_RESEND_INTERVAL),
        am.positiveDuration("timeout", AlertmanagerSink.DEFAULT_TIMEOUT),
        queue(am, "alertmanager"));
  }

  private static AlertSinkSpec kafkaAlerts(ConfigNode kafka) throws InputFormatException {
    List<String> keys = new ArrayList<>(List.of("topic"));
    keys.addAll(ConnectorRefs.KAFKA_KEYS);
    keys.addAll(QUEUE_KEYS);
    kafka.allowOnly(keys.toArray(new String[0]));
    return new AlertSinkSpec.KafkaAlerts(
        kafka.path(),
        ConnectorRefs.Kafka.read(kafka),
        required(kafka, "topic", "the topic alerts are written to"),
        queue(kafka, "kafka-alerts"));
  }

  private static final List<String> QUEUE_KEYS =
      List.of("spill-file", "queue-capacity", "max-spill-bytes");

  private static AlertSinkSpec.Queue queue(ConfigNode node, String spillName)
      throws InputFormatException {
    return new AlertSinkSpec.Queue(
        node.path("spill-file", DEFAULT_SPILL_DIR + "/" + spillName + ".jsonl"),
        node.atLeast("queue-capacity", DeliveryQueue.DEFAULT_CAPACITY, 1),
        maxSpillBytes(node));
  }

  private static long maxSpillBytes(ConfigNode node) throws InputFormatException {
    long bytes = node.longInteger("max-spill-bytes", DeliveryQueue.DEFAULT_MAX_SPILL_BYTES);
    if (bytes < 1024) {
      throw node.error("max-spill-bytes", "must be at least 1024, got " + bytes);
    }
    return bytes;
  }

  private static PayloadFormat payload(ConfigNode entry) throws InputFormatException {
    return entry.choice("payload", PayloadFormat.AUTO, ConfigNode.labels(PayloadFormat.class));
  }

  private static String required(ConfigNode node, String key, String what)
      throws InputFormatException {
    return node.optionalText(key).orElseThrow(() -> node.error(key, "required: " + what));
  }

  private static URI uri(ConfigNode node, String key) throws InputFormatException {
    String text = required(node, key, "an http:// or https:// address");
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw node.error(key, "expected an http:// or https:// address, got " + text);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw node.error(key, "not an address: " + e.getMessage());
    }
  }
}
