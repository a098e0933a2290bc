package io.isowatch.cli.config;

import io.isowatch.connectors.file.CsvReplaySource;
import io.isowatch.connectors.file.JsonlReplaySource;
import io.isowatch.connectors.file.ProgressListener;
import io.isowatch.connectors.file.TcpdSeriesSource;
import io.isowatch.connectors.file.TimestampParser;
import io.isowatch.connectors.http.HttpPollingSource;
import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.connectors.kafka.KafkaObservationSource;
import io.isowatch.connectors.kafka.KafkaReachability;
import io.isowatch.connectors.mqtt.MqttSource;
import io.isowatch.connectors.stdin.StdinSource;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.io.ObservationSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source of a run is, before it is opened: a synthetic feed, the replay of a CSV, JSON
 * Lines or TCPD file, or a live connector (MQTT, HTTP polling or push, Kafka, stdin) with its
 * options; secrets are only read when it opens. {@code replay} makes one per file, {@code run} one
 * per entry of its configuration's {@code sources}; {@link #open} builds the connector.
 */
public sealed interface SourceSpec {

  /**
   * Builds the source; a file replay checks its file now (readable, header, columns).
   *
   * @param progress told how a CSV or JSONL replay advances (TCPD and synthetic sources report
   *     none)
   * @throws IllegalArgumentException naming the connector's builder option at fault
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  ObservationSource open(ProgressListener progress);

  /** The file replayed; empty for a synthetic feed. */
  Optional<Path> file();

  /**
   * Checks in seconds that the peer this source reads from answers, where a client would retry for
   * a minute instead (Kafka); nothing for other sources.
   *
   * @throws io.isowatch.connectors.net.UnreachablePeerException naming the address and what to
   *     check
   */
  default void requireReachable() {}

  /**
   * The spec of a file by its extension: {@code .jsonl} JSON Lines, {@code .json} TCPD, else CSV.
   */
  static SourceSpec ofFile(
      Path path,
      List<String> valueColumns,
      Optional<String> keyColumn,
      Optional<String> timeColumn,
      double speedUp) {
    return switch (FileKind.of(path)) {
      case JSONL -> Jsonl.defaults(path, speedUp);
      case TCPD -> Tcpd.defaults(path, speedUp);
      case CSV ->
          new Csv(
              path,
              Optional.empty(),
              timeColumn,
              valueColumns,
              keyColumn,
              Optional.empty(),
              TimestampParser.DEFAULT_ZONE,
              speedUp,
              CsvReplaySource.DEFAULT_MAX_LINE_LENGTH);
    };
  }

  /** The formats a file replay reads, told apart by the file's extension. */
  enum FileKind {
    CSV,
    JSONL,
    TCPD;

    public static FileKind of(Path path) {
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".jsonl")) {
        return JSONL;
      }
      return lower.endsWith(".json") ? TCPD : CSV;
    }
  }

  /** {@link SyntheticFeed} with its default regime changes. */
  record Synthetic(
      int feeds, long length, long seed, double ratePerSecond, Instant start, Duration cadence)
      implements SourceSpec {
    public Synthetic {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(cadence, "cadence");
    }

    @Override
    public ObservationSource open(ProgressListener progress) {
      return SyntheticFeed.builder()
          .feeds(feeds)
          .length(length)
          .seed(seed)
          .ratePerSecond(ratePerSecond)
          .start(start)
          .cadence(cadence)
          .build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }

  /** {@link CsvReplaySource}; empty options are detected from the header. */
  record Csv(
      Path path,
      Optional<Character> delimiter,
      Optional<String> timeColumn,
      List<String> valueColumns,
      Optional<String> keyColumn,
      Optional<String> feedPrefix,
      ZoneId zone,
      double speedUp,
      int maxLineLength)
      implements SourceSpec {
    public Csv {
      Objects.requireNonNull(path, "path");
      valueColumns = List.copyOf(valueColumns);
    }

    @Override
    public ObservationSource open(ProgressListener progress) {
      CsvReplaySource.Builder builder =
          CsvReplaySource.builder(path)
              .valueColumns(valueColumns.toArray(new String[0]))
              .zone(zone)
              .speedUp(speedUp)
              .maxLineLength(maxLineLength)
              .progress(progress);
      delimiter.ifPresent(builder::delimiter);
      timeColumn.ifPresent(builder::timeColumn);
      keyColumn.ifPresent(builder::keyColumn);
      feedPrefix.ifPresent(builder::feedPrefix);
      return builder.build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(path);
    }
  }

  /** {@link JsonlReplaySource}. */
  record Jsonl(
      Path path,
      String feedField,
      String timeField,
      String valueField,
      ZoneId zone,
      double speedUp,
      int maxLineLength)
      implements SourceSpec {
    public Jsonl {
      Objects.requireNonNull(path, "path");
    }

    public static Jsonl defaults(Path path, double speedUp) {
      return new Jsonl(
          path,
          JsonlReplaySource.DEFAULT_FEED_FIELD,
          JsonlReplaySource.DEFAULT_TIME_FIELD,
          JsonlReplaySource.DEFAULT_VALUE_FIELD,
          TimestampParser.DEFAULT_ZONE,
          speedUp,
          JsonlReplaySource.DEFAULT_MAX_LINE_LENGTH);
    }

    @Override
    public ObservationSource open(ProgressListener progress) {
      return JsonlReplaySource.builder(path)
          .feedField(feedField)
          .timeField(timeField)
          .valueField(valueField)
          .zone(zone)
          .speedUp(speedUp)
          .maxLineLength(maxLineLength)
          .progress(progress)
          .build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(path);
    }
  }

  /** {@link TcpdSeriesSource}; start and cadence place series that have no dates. */
  record Tcpd(Path path, Instant start, Duration cadence, ZoneId zone, double speedUp)
      implements SourceSpec {
    public Tcpd {
      Objects.requireNonNull(path, "path");
    }

    public static Tcpd defaults(Path path, double speedUp) {
      return new Tcpd(
          path,
          TcpdSeriesSource.DEFAULT_START,
          TcpdSeriesSource.DEFAULT_CADENCE,
          TimestampParser.DEFAULT_ZONE,
          speedUp);
    }

    @Override
    public ObservationSource open(ProgressListener progress) {
      return TcpdSeriesSource.builder(path)
          .start(start)
          .cadence(cadence)
          .zone(zone)
          .speedUp(speedUp)
          .build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.of(path);
    }
  }

  /** {@link MqttSource}: topics of an MQTT broker. */
  record Mqtt(
      String uri,
      List<String> topics,
      int qos,
      Optional<String> clientId,
      boolean cleanSession,
      Optional<String> username,
      Optional<SecretRef> password,
      Optional<ConnectorRefs.Tls> tls,
      String topicPrefix,
      PayloadFormat payload,
      int maxPayloadBytes,
      int bufferCapacity,
      Duration maxReconnectDelay)
      implements SourceSpec {
    public Mqtt {
      topics = List.copyOf(topics);
    }

    @Override
    public ObservationSource open(ProgressListener progress) {
      MqttSource.Builder builder =
          MqttSource.builder(uri)
              .topics(topics)
              .qos(qos)
              .cleanSession(cleanSession)
              .topicPrefix(topicPrefix)
              .payloadFormat(payload)
              .maxPayloadBytes(maxPayloadBytes)
              .bufferCapacity(bufferCapacity)
              .maxReconnectDelay(maxReconnectDelay);
      clientId.ifPresent(builder::clientId);
      username.ifPresent(builder::username);
      password.ifPresent(secret -> builder.password(secret.resolve()));
      tls.ifPresent(settings -> builder.tls(settings.settings()));
      return builder.build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }

  /** {@link HttpPollingSource}: a JSON endpoint polled at an interval. */
  record HttpPoll(
      URI url,
      Duration interval,
      String records,
      Optional<String> feedPath,
      Optional<String> feed,
      Optional<String> timePath,
      String valuePath,
      Optional<SecretRef> bearerToken,
      Optional<ConnectorRefs.Tls> tls,
      Duration timeout,
      int maxBodyBytes,
      Duration maxBackoff)
      implements SourceSpec {
    @Override
    public ObservationSource open(ProgressListener progress) {
      HttpPollingSource.Builder builder =
          HttpPollingSource.builder(url)
              .interval(interval)
              .records(records)
              .valuePath(valuePath)
              .timeout(timeout)
              .maxBodyBytes(maxBodyBytes)
              .maxBackoff(maxBackoff);
      feedPath.ifPresent(builder::feedPath);
      feed.ifPresent(builder::feed);
      if (timePath.isPresent()) {
        builder.timePath(timePath.get());
      } else {
        builder.timeOfArrival();
      }
      bearerToken.ifPresent(secret -> builder.bearerToken(secret.resolve()));
      tls.ifPresent(settings -> builder.tls(settings.settings()));
      return builder.build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }

  /** {@link HttpPushSource}: an endpoint producers POST JSON lines to. */
  record HttpPush(
      String host,
      int port,
      String path,
      SecretRef token,
      Optional<ConnectorRefs.Tls> tls,
      PayloadFormat payload,
      PushLimits limits)
      implements SourceSpec {
    @Override
    public ObservationSource open(ProgressListener progress) {
      HttpPushSource.Builder builder =
          limits.applyTo(
              HttpPushSource.builder(port)
                  .host(host)
                  .path(path)
                  .token(token.resolve())
                  .payloadFormat(payload));
      tls.ifPresent(settings -> builder.tls(settings.settings()));
      return builder.build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }

  /** {@link KafkaObservationSource}: topics read by a plain consumer. */
  record Kafka(
      ConnectorRefs.Kafka client,
      List<String> topics,
      String groupId,
      String autoOffsetReset,
      int maxPollRecords,
      PayloadFormat payload)
      implements SourceSpec {
    public Kafka {
      topics = List.copyOf(topics);
    }

    @Override
    public void requireReachable() {
      KafkaReachability.require(client.settings().bootstrapServers());
    }

    @Override
    public ObservationSource open(ProgressListener progress) {
      return KafkaObservationSource.builder(client.settings(), topics)
          .groupId(groupId)
          .autoOffsetReset(autoOffsetReset)
          .maxPollRecords(maxPollRecords)
          .payloadFormat(payload)
          .build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }

  /** {@link StdinSource}: lines of standard input. */
  record Stdin(Optional<String> feed, PayloadFormat payload, int maxLineLength)
      implements SourceSpec {
    @Override
    public ObservationSource open(ProgressListener progress) {
      StdinSource.Builder builder =
          StdinSource.builder().payloadFormat(payload).maxLineLength(maxLineLength);
      feed.ifPresent(builder::feed);
      return builder.build();
    }

    @Override
    public Optional<Path> file() {
      return Optional.empty();
    }
  }
}
