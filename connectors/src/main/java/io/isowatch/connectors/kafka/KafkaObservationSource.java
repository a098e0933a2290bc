package io.isowatch.connectors.kafka;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.json.PayloadDecoder;
import io.isowatch.connectors.json.PayloadFormat;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads observations from Kafka topics with a plain consumer, for the in-process engine (the Kafka
 * Streams engine reads topics itself).
 *
 * <pre>{@code
 * KafkaObservationSource source = KafkaObservationSource.builder(
 *         KafkaClientSettings.of("broker:9092"), List.of("telemetry"))
 *     .groupId("isowatch")
 *     .build();
 * }</pre>
 *
 * <p><b>Records.</b> The value is a JSON observation ({@link ObservationJson}) or a bare number;
 * the key, when set, names the feed of a value that does not ({@link PayloadFormat}). A bare number
 * is dated by the record's timestamp. A record that cannot be read (no value, bad JSON, over {@code
 * maxRecordBytes}) becomes a {@link SourceEvent.Malformed} whose detail starts with {@code
 * topic-partition@offset}.
 *
 * <p><b>Offsets.</b> Auto-commit is off: the offsets of a poll are committed once all its records
 * have been handed to the engine, so a crash replays at most one poll (at least once). A group with
 * no committed offset starts at {@code autoOffsetReset} ({@code earliest} by default).
 *
 * <p><b>Memory.</b> At most {@code maxPollRecords} records per poll (500 by default) are held.
 */
public final class KafkaObservationSource implements ObservationSource {
  public static final int DEFAULT_MAX_POLL_RECORDS = 500;
  public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
  public static final String DEFAULT_AUTO_OFFSET_RESET = "earliest";
  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * Counts since {@link #run} started.
   *
   * @param consumed records consumed
   * @param malformed records that could not be read
   * @param commits offset commits
   */
  public record Stats(long consumed, long malformed, long commits) {}

  private final KafkaClientSettings settings;
  private final List<String> topics;
  private final String groupId;
  private final String autoOffsetReset;
  private final int maxPollRecords;
  private final PayloadDecoder decoder;
  private final Clock clock;
  private final AtomicLong consumed = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private volatile boolean closed;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private KafkaObservationSource(Builder builder) {
    this.settings = builder.settings;
    this.topics = List.copyOf(builder.topics);
    this.groupId = builder.groupId;
    this.autoOffsetReset = builder.autoOffsetReset;
    this.maxPollRecords = builder.maxPollRecords;
    this.decoder = new PayloadDecoder(builder.codec, builder.format, builder.maxRecordBytes);
    this.clock = builder.clock;
  }

  public static Builder builder(KafkaClientSettings settings, List<String> topics) {
    return new Builder(settings, topics);
  }

  @Override
  public void run(Consumer<SourceEvent> downstream) throws Exception {
    KafkaConsumer<byte[], byte[]> client =
        new KafkaConsumer<>(
            settings.clientProperties(
                Map.of(
                    "auto.offset.reset",
                    autoOffsetReset,
                    "max.poll.records",
                    Integer.toString(maxPollRecords),
                    "isolation.level",
                    "read_committed"),
                Map.of(
                    "group.id",
                    groupId,
                    "enable.auto.commit",
                    "false",
                    "key.deserializer",
                    ByteArrayDeserializer.class.getName(),
                    "value.deserializer",
                    ByteArrayDeserializer.class.getName())));
    consumer = client;
    try (client) {
      if (closed) {
        return;
      }
      client.subscribe(topics);
      while (!closed) {
        ConsumerRecords<byte[], byte[]> records = client.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          downstream.accept(decode(record));
        }
        if (!records.isEmpty()) {
          client.commitSync();
          commits.incrementAndGet();
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } finally {
      consumer = null;
    }
  }

  private SourceEvent decode(ConsumerRecord<byte[], byte[]> record) {
    consumed.incrementAndGet();
    String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
    Optional<String> feed =
        Optional.ofNullable(record.key())
            .map(key -> new String(key, StandardCharsets.UTF_8))
            .filter(key -> !key.isBlank());
    SourceEvent event;
    if (record.value() == null) {
      event =
          new SourceEvent.Malformed(
              new Rejection(
                  RejectionReason.MISSING_FIELD, feed, "", origin + ": no value", clock.instant()));
    } else {
      event =
          decoder.decode(
              record.value(),
              origin,
              feed,
              record.timestamp() >= 0
                  ? java.time.Instant.ofEpochMilli(record.timestamp())
                  : clock.instant());
    }
    if (event instanceof SourceEvent.Malformed) {
      malformed.incrementAndGet();
    }
    return event;
  }

  public Stats stats() {
    return new Stats(consumed.get(), malformed.get(), commits.get());
  }

  @Override
  public String describe() {
    return "kafka "
        + String.join(",", topics)
        + " at "
        + settings.bootstrapServers()
        + " (group "
        + groupId
        + ")";
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> client = consumer;
    if (client != null) {
      client.wakeup();
    }
  }

  /** Builds a {@link KafkaObservationSource}; the group id is required. */
  public static final class Builder {
    private final KafkaClientSettings settings;
    private final List<String> topics;
    private String groupId;
    private String autoOffsetReset = DEFAULT_AUTO_OFFSET_RESET;
    private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private ObservationJson codec = ObservationJson.defaults();
    private PayloadFormat format = PayloadFormat.AUTO;
    private Clock clock = Clock.systemUTC();

    private Builder(KafkaClientSettings settings, List<String> topics) {
      this.settings = Objects.requireNonNull(settings, "settings");
      this.topics = List.copyOf(topics);
    }

    /** The consumer group, whose committed offsets say where to resume. Required. */
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /** {@code earliest} or {@code latest}: where a group without offsets starts. */
    public Builder autoOffsetReset(String autoOffsetReset) {
      this.autoOffsetReset = autoOffsetReset;
      return this;
    }

    public Builder maxPollRecords(int maxPollRecords) {
      this.maxPollRecords = maxPollRecords;
      return this;
    }

    public Builder maxRecordBytes(int maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
      return this;
    }

    public Builder codec(ObservationJson codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    public Builder payloadFormat(PayloadFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first option at fault
     */
    public KafkaObservationSource build() {
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("topics must name at least one topic");
      }
      if (groupId == null || groupId.isBlank()) {
        throw new IllegalArgumentException("groupId is required");
      }
      if (!autoOffsetReset.equals("earliest") && !autoOffsetReset.equals("latest")) {
        throw new IllegalArgumentException(
            "autoOffsetReset must be earliest or latest, got " + autoOffsetReset);
      }
      if (maxPollRecords < 1) {
        throw new IllegalArgumentException(
            "maxPollRecords must be at least 1, got " + maxPollRecords);
      }
      new PayloadDecoder(codec, format, maxRecordBytes);
      settings.clientProperties(
          Map.of(), Map.of("group.id", groupId, "enable.auto.commit", "false"));
      return new KafkaObservationSource(this);
    }
  }
}
