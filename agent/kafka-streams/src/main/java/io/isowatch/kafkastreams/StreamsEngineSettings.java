package io.isowatch.kafkastreams;

import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.runtime.PipelineLimits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Kafka Streams engine connects and moves records: the cluster, the topics, where each
 * record's feed id comes from, how windows are batched for the embedder, and the client properties
 * passed through unchanged (TLS, SASL, timeouts).
 *
 * <pre>{@code
 * StreamsEngineSettings settings =
 *     StreamsEngineSettings.builder()
 *         .bootstrapServers("localhost:9092")
 *         .inputTopics(List.of("observations"))
 *         .clientProperty("security.protocol", "SASL_SSL")
 *         .build();
 * }</pre>
 *
 * @param bootstrapServers {@code host:port[,host:port...]} of the Kafka cluster
 * @param applicationId the Kafka Streams application id: consumer group, prefix of the internal
 *     topics (changelogs, repartition) and of the transactional ids
 * @param inputTopics topics of JSON observations ({@code ObservationJson})
 * @param alertsTopic where alerts go, as JSON ({@code AlertJson})
 * @param measuresTopic where the signal values of each evaluated window go, if anywhere
 * @param deadLetterTopic where records that cannot be parsed or are rejected go, with the reason
 *     and the original bytes
 * @param keyBy where each record's feed id comes from
 * @param batch windows per embedding call and how long one waits for its batch (a wall-clock
 *     punctuation); a wait of 0 embeds what each record completes at once
 * @param overlapJudging whether each task judges a batch while its stream thread's model thread
 *     embeds the next (on only when the monitor's {@code maxEmbeddingLag} covers two batches); off,
 *     each batch is judged right after its embedding on the stream thread
 * @param maxCachedMonitors live monitors kept in memory per task; the state store holds them all
 * @param maxFeeds feeds one task (input partition) tracks at most; records of further feeds are
 *     dead-lettered (this bounds the state and the feed label of every metric)
 * @param threads stream threads (each with its own ONNX session)
 * @param stateStore where each task keeps its state locally (both kinds are changelogged)
 * @param stateDir where the local state stores live; empty: Kafka Streams' default
 * @param clientProperties properties for the Kafka clients and Kafka Streams, passed through as
 *     they are (security settings among them); the engine's own choices (exactly-once, serdes) win
 */
public record StreamsEngineSettings(
    String bootstrapServers,
    String applicationId,
    List<String> inputTopics,
    String alertsTopic,
    Optional<String> measuresTopic,
    String deadLetterTopic,
    KeyBy keyBy,
    BatchSettings batch,
    boolean overlapJudging,
    int maxCachedMonitors,
    int maxFeeds,
    int threads,
    StateStoreKind stateStore,
    Optional<Path> stateDir,
    Map<String, String> clientProperties) {
  public static final String DEFAULT_APPLICATION_ID = "isowatch";
  public static final String DEFAULT_ALERTS_TOPIC = "isowatch-alerts";
  public static final String DEFAULT_DEAD_LETTER_TOPIC = "isowatch-dead-letters";
  public static final KeyBy DEFAULT_KEY_BY = KeyBy.RECORD_KEY;
  public static final int DEFAULT_MAX_CACHED_MONITORS = 1000;
  public static final int DEFAULT_MAX_FEEDS = PipelineLimits.DEFAULT_MAX_FEEDS;
  public static final int DEFAULT_THREADS = 1;
  public static final StateStoreKind DEFAULT_STATE_STORE = StateStoreKind.ROCKSDB;

  public StreamsEngineSettings {
    Objects.requireNonNull(measuresTopic, "measuresTopic");
    Objects.requireNonNull(keyBy, "keyBy");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(stateStore, "stateStore");
    Objects.requireNonNull(stateDir, "stateDir");
    requireText(bootstrapServers, "bootstrapServers");
    requireText(applicationId, "applicationId");
    requireText(alertsTopic, "alertsTopic");
    requireText(deadLetterTopic, "deadLetterTopic");
    measuresTopic.ifPresent(topic -> requireText(topic, "measuresTopic"));
    inputTopics = List.copyOf(Objects.requireNonNull(inputTopics, "inputTopics"));
    if (inputTopics.isEmpty()) {
      throw new IllegalArgumentException("inputTopics must name at least one topic");
    }
    inputTopics.forEach(topic -> requireText(topic, "inputTopics"));
    List<String> outputs = outputTopics(alertsTopic, measuresTopic, deadLetterTopic);
    for (String input : inputTopics) {
      if (outputs.contains(input)) {
        throw new IllegalArgumentException(
            "inputTopics must not contain an output topic, got " + input + " as both");
      }
    }
    if (outputs.size() != outputs.stream().distinct().count()) {
      throw new IllegalArgumentException(
          "alertsTopic, measuresTopic and deadLetterTopic must differ, got " + outputs);
    }
    if (maxCachedMonitors < 1) {
      throw new IllegalArgumentException(
          "maxCachedMonitors must be at least 1, got " + maxCachedMonitors);
    }
    if (maxFeeds < 1) {
      throw new IllegalArgumentException("maxFeeds must be at least 1, got " + maxFeeds);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The topics the engine writes to: alerts, measures (if any), dead letters. */
  public List<String> outputTopics() {
    return outputTopics(alertsTopic, measuresTopic, deadLetterTopic);
  }

  private static List<String> outputTopics(
      String alerts, Optional<String> measures, String deadLetters) {
    return measures.map(m -> List.of(alerts, m, deadLetters)).orElse(List.of(alerts, deadLetters));
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  /** Builds {@link StreamsEngineSettings}; every field but the inputs starts at its default. */
  public static final class Builder {
    private String bootstrapServers;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private List<String> inputTopics = List.of();
    private String alertsTopic = DEFAULT_ALERTS_TOPIC;
    private Optional<String> measuresTopic = Optional.empty();
    private String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;
    private KeyBy keyBy = DEFAULT_KEY_BY;
    private BatchSettings batch = BatchSettings.defaults();
    private boolean overlapJudging = true;
    private int maxCachedMonitors = DEFAULT_MAX_CACHED_MONITORS;
    private int maxFeeds = DEFAULT_MAX_FEEDS;
    private int threads = DEFAULT_THREADS;
    private StateStoreKind stateStore = DEFAULT_STATE_STORE;
    private Optional<Path> stateDir = Optional.empty();
    private final Map<String, String> clientProperties = new LinkedHashMap<>();

    private Builder() {}

    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    public Builder applicationId(String applicationId) {
      this.applicationId = applicationId;
      return this;
    }

    public Builder inputTopics(List<String> inputTopics) {
      this.inputTopics = inputTopics;
      return this;
    }

    public Builder alertsTopic(String alertsTopic) {
      this.alertsTopic = alertsTopic;
      return this;
    }

    public Builder measuresTopic(Optional<String> measuresTopic) {
      this.measuresTopic = measuresTopic;
      return this;
    }

    public Builder deadLetterTopic(String deadLetterTopic) {
      this.deadLetterTopic = deadLetterTopic;
      return this;
    }

    public Builder keyBy(KeyBy keyBy) {
      this.keyBy = keyBy;
      return this;
    }

    public Builder batch(BatchSettings batch) {
      this.batch = batch;
      return this;
    }

    /** Whether to judge a batch while the next is embedded (on by default). */
    public Builder overlapJudging(boolean overlapJudging) {
      this.overlapJudging = overlapJudging;
      return this;
    }

    public Builder maxCachedMonitors(int maxCachedMonitors) {
      this.maxCachedMonitors = maxCachedMonitors;
      return this;
    }

    public Builder maxFeeds(int maxFeeds) {
      this.maxFeeds = maxFeeds;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder stateStore(StateStoreKind stateStore) {
      this.stateStore = stateStore;
      return this;
    }

    public Builder stateDir(Optional<Path> stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    /** One property for the Kafka clients, e.g. {@code security.protocol=SASL_SSL}. */
    public Builder clientProperty(String key, String value) {
      clientProperties.put(key, value);
      return this;
    }

    public Builder clientProperties(Map<String, String> properties) {
      clientProperties.putAll(properties);
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first field that is missing or out of range
     */
    public StreamsEngineSettings build() {
      return new StreamsEngineSettings(
          bootstrapServers,
          applicationId,
          inputTopics,
          alertsTopic,
          measuresTopic,
          deadLetterTopic,
          keyBy,
          batch,
          overlapJudging,
          maxCachedMonitors,
          maxFeeds,
          threads,
          stateStore,
          stateDir,
          clientProperties);
    }
  }
}
