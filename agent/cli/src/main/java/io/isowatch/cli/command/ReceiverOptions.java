package io.isowatch.cli.command;

import io.isowatch.cli.config.AlertSinkSpec;
import io.isowatch.cli.config.ConnectorConfig;
import io.isowatch.cli.config.ConnectorRefs;
import io.isowatch.cli.config.SecretRef;
import io.isowatch.connectors.alertmanager.AlertmanagerSink;
import io.isowatch.connectors.delivery.DeliveryQueue;
import io.isowatch.connectors.webhook.WebhookFormat;
import io.isowatch.connectors.webhook.WebhookSink;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The receivers of alerts on the command line, shared by {@code demo}, {@code replay} and {@code
 * watch} (a picocli mixin): webhooks, Alertmanager and a Kafka topic, each behind a delivery queue
 * that spills to {@code --spill-dir}. Secrets are named by environment variable ({@code
 * --webhook-key-env}), never given on the command line. {@code run} reads the same receivers, with
 * every option, from its configuration's {@code sinks}.
 */
public final class ReceiverOptions {
  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description = "Post each alert to URL (repeatable); see --webhook-format.")
  List<URI> webhooks = new ArrayList<>();

  @Option(
      names = "--webhook-format",
      defaultValue = "ALERT",
      description =
          "Body of webhook requests: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  public WebhookFormat webhookFormat;

  @Option(
      names = "--webhook-key-env",
      paramLabel = "VAR",
      description = "Sign webhook requests (HMAC-SHA256) with the key in environment variable VAR.")
  public String webhookKeyEnv;

  @Option(
      names = "--pagerduty-key-env",
      paramLabel = "VAR",
      description =
          "PagerDuty's routing key, from environment variable VAR (--webhook-format pagerduty).")
  public String pagerDutyKeyEnv;

  @Option(
      names = "--alertmanager",
      paramLabel = "URL",
      description =
          "Send alerts to the Alertmanager at URL (its v2 API), e.g. http://localhost:9093.")
  public URI alertmanager;

  @Option(
      names = "--alertmanager-label",
      paramLabel = "NAME=VALUE",
      description = "An extra label on every alert sent to Alertmanager (repeatable).")
  Map<String, String> alertmanagerLabels = new LinkedHashMap<>();

  @Option(
      names = "--kafka-alerts",
      paramLabel = "TOPIC",
      description = "Write alerts to Kafka topic TOPIC (idempotent producer, key = feed id).")
  public String kafkaAlerts;

  @Option(
      names = "--kafka-bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka's bootstrap servers, for --kafka-alerts and --kafka.")
  public String kafkaBootstrap;

  @Option(
      names = "--spill-dir",
      paramLabel = "DIR",
      defaultValue = ConnectorConfig.DEFAULT_SPILL_DIR,
      description =
          "Where receivers spill alerts they cannot deliver yet, replayed at the next start"
              + " (default: ${DEFAULT-VALUE}).")
  public Path spillDir;

  /**
   * The receivers these options ask for.
   *
   * @throws ParameterException naming the option when they do not fit together
   */
  public List<AlertSinkSpec> specs(CommandSpec spec) {
    List<AlertSinkSpec> receivers = new ArrayList<>();
    if (webhookFormat == WebhookFormat.PAGERDUTY
        && pagerDutyKeyEnv == null
        && !webhooks.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--webhook-format pagerduty needs --pagerduty-key-env");
    }
    for (int i = 0; i < webhooks.size(); i++) {
      URI url = webhooks.get(i);
      requireHttp(spec, "--webhook", url);
      receivers.add(
          new AlertSinkSpec.Webhook(
              "--webhook " + url,
              url,
              webhookFormat,
              Optional.ofNullable(webhookKeyEnv).map(v -> SecretRef.env("--webhook-key-env", v)),
              Optional.ofNullable(pagerDutyKeyEnv)
                  .map(v -> SecretRef.env("--pagerduty-key-env", v)),
              Optional.empty(),
              WebhookSink.DEFAULT_TIMEOUT,
              queue("webhook-" + i)));
    }
    if (alertmanager != null) {
      requireHttp(spec, "--alertmanager", alertmanager);
      receivers.add(
          new AlertSinkSpec.Alertmanager(
              "--alertmanager " + alertmanager,
              alertmanager,
              alertmanagerLabels,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              AlertmanagerSink.DEFAULT_RESEND_INTERVAL,
              AlertmanagerSink.DEFAULT_TIMEOUT,
              queue("alertmanager")));
    }
    if (kafkaAlerts != null) {
      if (kafkaBootstrap == null) {
        throw new ParameterException(spec.commandLine(), "--kafka-alerts needs --kafka-bootstrap");
      }
      receivers.add(
          new AlertSinkSpec.KafkaAlerts(
              "--kafka-alerts " + kafkaAlerts,
              new ConnectorRefs.Kafka(kafkaBootstrap, Map.of(), Map.of()),
              kafkaAlerts,
              queue("kafka-alerts")));
    }
    return receivers;
  }

  private AlertSinkSpec.Queue queue(String name) {
    return new AlertSinkSpec.Queue(
        spillDir.resolve(name + ".jsonl"),
        DeliveryQueue.DEFAULT_CAPACITY,
        DeliveryQueue.DEFAULT_MAX_SPILL_BYTES);
  }

  private static void requireHttp(CommandSpec spec, String option, URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme();
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new ParameterException(
          spec.commandLine(), option + " must be an http:// or https:// address, got " + url);
    }
  }
}
