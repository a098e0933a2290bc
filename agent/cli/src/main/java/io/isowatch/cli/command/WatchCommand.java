package io.isowatch.cli.command;

import io.isowatch.cli.config.AgentSettings;
import io.isowatch.cli.config.AlertSinkSpec;
import io.isowatch.cli.config.ConnectorConfig;
import io.isowatch.cli.config.ConnectorRefs;
import io.isowatch.cli.config.PushLimits;
import io.isowatch.cli.config.SecretRef;
import io.isowatch.cli.config.SourceSpec;
import io.isowatch.cli.console.RunSummary;
import io.isowatch.cli.run.AgentAssembly;
import io.isowatch.cli.run.SourceOpener;
import io.isowatch.connectors.file.ProgressListener;
import io.isowatch.connectors.http.HttpPollingSource;
import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.connectors.kafka.KafkaObservationSource;
import io.isowatch.connectors.mqtt.MqttSource;
import io.isowatch.connectors.stdin.StdinSource;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.engine.spec.DurationRange;
import io.isowatch.engine.spec.DurationText;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code isowatch watch}: the agent on live feeds named on the command line (MQTT, HTTP polling or
 * push, Kafka, stdin), with the bundled model; alerts print and go to the receivers asked for. The
 * common options of each connector are flags here; {@code run --config} takes every option.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Watches live feeds: an MQTT broker, an HTTP endpoint polled or pushed to, Kafka topics,"
            + " standard input. Runs until Ctrl-C (stdin: until its end); alerts print as they"
            + " fire and go to --webhook, --alertmanager, --kafka-alerts. Secrets come from"
            + " environment variables (--*-env).")
public final class WatchCommand implements Callable<Integer> {
  private static final Map<String, String> OPTION_NAMES =
      Map.of(
          "topics", "--topic",
          "serverUri", "--mqtt",
          "interval", "--interval",
          "records", "--records",
          "valuePath", "--value-path",
          "feedPath", "--feed-path",
          "timePath", "--time-path",
          "groupId", "--group-id");

  @Spec CommandSpec spec;

  @Option(
      names = "--mqtt",
      paramLabel = "URI",
      description = "MQTT broker, e.g. tcp://localhost:1883.")
  public String mqtt;

  @Option(
      names = "--topic",
      paramLabel = "FILTER",
      description = "MQTT topic filter (repeatable; + and # wildcards); Kafka topic with --kafka.")
  List<String> topics = new ArrayList<>();

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = "",
      description = "Removed from an MQTT topic to make the feed id.")
  public String topicPrefix;

  @Option(names = "--mqtt-username", paramLabel = "NAME", description = "MQTT user name.")
  public String mqttUsername;

  @Option(
      names = "--mqtt-password-env",
      paramLabel = "VAR",
      description = "MQTT password, from environment variable VAR.")
  public String mqttPasswordEnv;

  @Option(
      names = "--mqtt-client-id",
      paramLabel = "ID",
      description =
          "MQTT client id (default: isowatch- and a random suffix); fixed, it names a session.")
  public String mqttClientId;

  @Option(
      names = "--mqtt-persistent-session",
      description =
          "Keep the MQTT session (clean session off): the broker holds the subscription and queues"
              + " QoS 1 messages while isowatch is away or the broker restarts; needs"
              + " --mqtt-client-id.")
  public boolean mqttPersistentSession;

  @Option(names = "--http-poll", paramLabel = "URL", description = "JSON endpoint to poll.")
  public URI httpPoll;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "Time between two polls (default: ${DEFAULT-VALUE}).")
  public String interval;

  @Option(
      names = "--records",
      paramLabel = "PATH",
      defaultValue = HttpPollingSource.DEFAULT_RECORDS,
      description = "JSON path of the records in a polled answer (default: ${DEFAULT-VALUE}).")
  public String records;

  @Option(names = "--feed-path", paramLabel = "PATH", description = "JSON path of a record's feed.")
  public String feedPath;

  @Option(
      names = "--time-path",
      paramLabel = "PATH",
      defaultValue = HttpPollingSource.DEFAULT_TIME_PATH,
      description = "JSON path of a record's time, or 'arrival' (default: ${DEFAULT-VALUE}).")
  public String timePath;

  @Option(
      names = "--value-path",
      paramLabel = "PATH",
      defaultValue = HttpPollingSource.DEFAULT_VALUE_PATH,
      description = "JSON path of a record's value (default: ${DEFAULT-VALUE}).")
  public String valuePath;

  @Option(
      names = "--bearer-token-env",
      paramLabel = "VAR",
      description = "Bearer token for --http-poll, from environment variable VAR.")
  public String bearerTokenEnv;

  @Option(
      names = "--http-push",
      paramLabel = "PORT",
      description = "Listen on PORT for POSTed JSON lines (path /observations).")
  public Integer httpPush;

  @Option(
      names = "--push-host",
      paramLabel = "HOST",
      defaultValue = HttpPushSource.DEFAULT_HOST,
      description = "Address --http-push listens on (default: ${DEFAULT-VALUE}).")
  public String pushHost;

  @Option(
      names = "--push-token-env",
      paramLabel = "VAR",
      description = "The bearer token --http-push requires, from environment variable VAR.")
  public String pushTokenEnv;

  @Option(
      names = "--push-header-timeout",
      paramLabel = "DURATION",
      description =
          "Close a --http-push connection that sends no authenticated request headers within it"
              + " (100ms..5m, default: 10s).")
  public String pushHeaderTimeout;

  @Option(
      names = "--push-body-timeout",
      paramLabel = "DURATION",
      description = "Answer 408 to a body not whole within it (1s..1h, default: 30s).")
  public String pushBodyTimeout;

  @Option(
      names = "--push-max-unauthenticated",
      paramLabel = "N",
      description =
          "Connections without a valid token kept at once; the oldest are closed beyond it"
              + " (1..65536, default: 64).")
  public Integer pushMaxUnauthenticated;

  @Option(
      names = "--push-queue",
      paramLabel = "N",
      description = "Records waiting for the engine (1..1048576, default: 4096).")
  public Integer pushQueue;

  @Option(
      names = "--push-busy-after",
      paramLabel = "DURATION",
      description =
          "How long a request waits for room in the queue before it gets 503 (0..1m, default:"
              + " 1s).")
  public String pushBusyAfter;

  @Option(
      names = "--kafka",
      description = "Read the --topic topics from Kafka at --kafka-bootstrap.")
  public boolean kafka;

  @Option(
      names = "--group-id",
      paramLabel = "GROUP",
      defaultValue = "isowatch",
      description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
  public String groupId;

  @Option(names = "--stdin", description = "Read observations from standard input, one a line.")
  public boolean stdin;

  @Option(
      names = "--feed",
      paramLabel = "NAME",
      description = "Feed of bare numbers (stdin) or of every polled record.")
  public String feed;

  @Mixin PipelineOptions agent;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    AgentSettings settings = agent.settings(spec).build();
    List<SourceSpec> specs = sourceSpecs();
    SourceOpener opener = new SourceOpener(OPTION_NAMES, ProgressListener.NONE);
    List<ObservationSource> sources = new ArrayList<>(specs.size());
    for (SourceSpec source : specs) {
      sources.add(opener.open(source, "watch", ""));
    }
    try (AgentAssembly assembly = AgentAssembly.start(settings, sources, out, List.of())) {
      out.printf(
          "isowatch watch: %d source%s, %s, window %d / stride %d%n",
          sources.size(),
          sources.size() == 1 ? "" : "s",
          assembly.embedder().describe(),
          agent.window,
          agent.stride);
      for (ObservationSource source : sources) {
        out.println("  " + source.describe());
      }
      for (AlertSinkSpec receiver : settings.sinks().receivers()) {
        out.println("  alerts to " + receiver.name());
      }
      assembly.printStart(out);
      assembly.run(
          took -> {
            out.printf(Locale.ROOT, "%nwatched for %.1f s%n", took.toNanos() / 1e9);
            RunSummary.print(assembly.tally(), out);
            out.flush();
          });
    }
    return 0;
  }

  public List<SourceSpec> sourceSpecs() {
    List<SourceSpec> specs = new ArrayList<>();
    if (mqtt != null) {
      requireTopics("--mqtt");
      if (mqttPersistentSession && mqttClientId == null) {
        throw usage(
            "--mqtt-persistent-session needs --mqtt-client-id: the broker keeps the session of a"
                + " fixed client id");
      }
      specs.add(
          new SourceSpec.Mqtt(
              mqtt,
              topics,
              MqttSource.DEFAULT_QOS,
              Optional.ofNullable(mqttClientId),
              !mqttPersistentSession,
              Optional.ofNullable(mqttUsername),
              Optional.ofNullable(mqttPasswordEnv)
                  .map(v -> SecretRef.env("--mqtt-password-env", v)),
              Optional.empty(),
              topicPrefix,
              PayloadFormat.AUTO,
              MqttSource.DEFAULT_MAX_PAYLOAD_BYTES,
              MqttSource.DEFAULT_BUFFER_CAPACITY,
              MqttSource.DEFAULT_MAX_RECONNECT_DELAY));
    }
    if (httpPoll != null) {
      specs.add(
          new SourceSpec.HttpPoll(
              httpPoll,
              duration("--interval", interval),
              records,
              Optional.ofNullable(feedPath),
              Optional.ofNullable(feed),
              timePath.equals(ConnectorConfig.ARRIVAL) ? Optional.empty() : Optional.of(timePath),
              valuePath,
              Optional.ofNullable(bearerTokenEnv).map(v -> SecretRef.env("--bearer-token-env", v)),
              Optional.empty(),
              HttpPollingSource.DEFAULT_TIMEOUT,
              HttpPollingSource.DEFAULT_MAX_BODY_BYTES,
              HttpPollingSource.DEFAULT_MAX_BACKOFF));
    }
    if (httpPush != null) {
      if (pushTokenEnv == null) {
        throw usage("--http-push needs --push-token-env: producers authenticate with the token");
      }
      specs.add(
          new SourceSpec.HttpPush(
              pushHost,
              httpPush,
              HttpPushSource.DEFAULT_PATH,
              SecretRef.env("--push-token-env", pushTokenEnv),
              Optional.empty(),
              PayloadFormat.AUTO,
              pushLimits()));
    }
    if (kafka) {
      requireTopics("--kafka");
      if (agent.receivers.kafkaBootstrap == null) {
        throw usage("--kafka needs --kafka-bootstrap");
      }
      specs.add(
          new SourceSpec.Kafka(
              new ConnectorRefs.Kafka(agent.receivers.kafkaBootstrap, Map.of(), Map.of()),
              topics,
              groupId,
              KafkaObservationSource.DEFAULT_AUTO_OFFSET_RESET,
              KafkaObservationSource.DEFAULT_MAX_POLL_RECORDS,
              PayloadFormat.AUTO));
    }
    if (stdin) {
      specs.add(
          new SourceSpec.Stdin(
              Optional.ofNullable(feed), PayloadFormat.AUTO, StdinSource.DEFAULT_MAX_LINE_LENGTH));
    }
    if (specs.isEmpty()) {
      throw usage("name at least one source: --mqtt, --http-poll, --http-push, --kafka or --stdin");
    }
    return specs;
  }

  /** The push source's limits from the flags, each checked against its range. */
  private PushLimits pushLimits() {
    PushLimits defaults = PushLimits.defaults();
    return new PushLimits(
        inRange("--push-header-timeout", pushHeaderTimeout, PushLimits.HEADER_TIMEOUT),
        inRange("--push-body-timeout", pushBodyTimeout, PushLimits.BODY_TIMEOUT),
        defaults.idleTimeout(),
        inRange("--push-busy-after", pushBusyAfter, PushLimits.BUSY_AFTER),
        inRange(
            "--push-max-unauthenticated",
            pushMaxUnauthenticated,
            defaults.maxUnauthenticated(),
            PushLimits.MAX_UNAUTHENTICATED),
        inRange("--push-queue", pushQueue, defaults.queue(), PushLimits.MAX_QUEUE),
        defaults.maxBodyBytes());
  }

  private Duration inRange(String option, String text, DurationRange range) {
    Duration value = text == null ? range.fallback() : duration(option, text);
    range
        .problem(value)
        .ifPresent(
            problem -> {
              throw usage(option + ": " + problem);
            });
    return value;
  }

  private int inRange(String option, Integer value, int fallback, int max) {
    int given = value == null ? fallback : value;
    PushLimits.problem(given, 1, max)
        .ifPresent(
            problem -> {
              throw usage(option + ": " + problem);
            });
    return given;
  }

  private void requireTopics(String option) {
    if (topics.isEmpty()) {
      throw usage(option + " needs at least one --topic");
    }
  }

  private Duration duration(String option, String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
