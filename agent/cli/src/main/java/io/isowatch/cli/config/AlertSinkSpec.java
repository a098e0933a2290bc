package io.isowatch.cli.config;

import io.isowatch.connectors.alertmanager.AlertmanagerSink;
import io.isowatch.connectors.kafka.KafkaAlertSink;
import io.isowatch.connectors.webhook.WebhookFormat;
import io.isowatch.connectors.webhook.WebhookSink;
import io.isowatch.core.io.AlertSink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert sink that delivers to a receiver (webhook, Alertmanager, Kafka topic), before it is
 * opened: its options and where its undelivered alerts spill. Secrets are read when it opens.
 */
public sealed interface AlertSinkSpec {
  /**
   * Opens the sink; its delivery queue starts, replaying what an earlier run left in the spill
   * file.
   *
   * @throws IllegalArgumentException naming the option at fault (a missing secret, say)
   * @throws IOException if the spill file cannot be read
   */
  AlertSink open() throws IOException;

  /** What the sink is called in messages, e.g. {@code sinks.webhooks[0]}. */
  String name();

  /**
   * The queue every delivering sink has.
   *
   * @param spillFile where alerts spill when memory is full
   * @param capacity alerts kept in memory
   * @param maxSpillBytes the spill file's limit
   */
  record Queue(Path spillFile, int capacity, long maxSpillBytes) {
    public Queue {
      Objects.requireNonNull(spillFile, "spillFile");
    }
  }

  /** {@link WebhookSink}. */
  record Webhook(
      String name,
      URI url,
      WebhookFormat format,
      Optional<SecretRef> signingKey,
      Optional<SecretRef> routingKey,
      Optional<ConnectorRefs.Tls> tls,
      Duration timeout,
      Queue queue)
      implements AlertSinkSpec {
    @Override
    public AlertSink open() throws IOException {
      WebhookSink.Builder builder =
          WebhookSink.builder(url)
              .format(format)
              .timeout(timeout)
              .spillFile(queue.spillFile())
              .capacity(queue.capacity())
              .maxSpillBytes(queue.maxSpillBytes());
      signingKey.ifPresent(key -> builder.signingKey(key.resolve()));
      routingKey.ifPresent(key -> builder.routingKey(key.resolve()));
      tls.ifPresent(settings -> builder.tls(settings.settings()));
      return builder.build();
    }
  }

  /** {@link AlertmanagerSink}. */
  record Alertmanager(
      String name,
      URI url,
      Map<String, String> labels,
      Optional<URI> generatorUrl,
      Optional<SecretRef> bearerToken,
      Optional<ConnectorRefs.Tls> tls,
      Duration resendInterval,
      Duration timeout,
      Queue queue)
      implements AlertSinkSpec {
    public Alertmanager {
      labels = Map.copyOf(labels);
    }

    @Override
    public AlertSink open() throws IOException {
      AlertmanagerSink.Builder builder =
          AlertmanagerSink.builder(url)
              .resendInterval(resendInterval)
              .timeout(timeout)
              .spillFile(queue.spillFile())
              .capacity(queue.capacity())
              .maxSpillBytes(queue.maxSpillBytes());
      labels.forEach(builder::label);
      generatorUrl.ifPresent(builder::generatorUrl);
      bearerToken.ifPresent(token -> builder.bearerToken(token.resolve()));
      tls.ifPresent(settings -> builder.tls(settings.settings()));
      return builder.build();
    }
  }

  /** {@link KafkaAlertSink}. */
  record KafkaAlerts(String name, ConnectorRefs.Kafka client, String topic, Queue queue)
      implements AlertSinkSpec {
    @Override
    public AlertSink open() throws IOException {
      return KafkaAlertSink.builder(client.settings(), topic)
          .spillFile(queue.spillFile())
          .capacity(queue.capacity())
          .maxSpillBytes(queue.maxSpillBytes())
          .build();
    }
  }
}
