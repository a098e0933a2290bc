package io.isowatch.kafkastreams;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.kafka.KafkaReachability;
import io.isowatch.connectors.net.UnreachablePeerException;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.report.EngineListener;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * The Kafka Streams engine, started: the {@link IsowatchTopology} in a {@link KafkaStreams} client
 * with exactly-once (v2) processing, its output topics made if missing, its client metrics on the
 * agent's Prometheus registry.
 *
 * <pre>{@code
 * try (KafkaStreamsEngine engine =
 *     KafkaStreamsEngine.builder()
 *         .settings(settings).monitorSettings(monitor)
 *         .encoder(() -> encoder).embedder(() -> OnnxEmbedder.builder()...build())
 *         .listener(new PrometheusPipelineMetrics(registry)).metricsRegistry(registry)
 *         .start()) {
 *   engine.awaitStopped(); // until close() from another thread, or a failure
 * }
 * }</pre>
 *
 * <p>Start-up checks the cluster first: a missing input topic fails with a message naming it; the
 * alert, measure and dead-letter topics are created (as many partitions as the first input, the
 * broker's replication) when absent. A failure of a stream thread (a broken model, a lost broker
 * beyond the clients' retries) stops the whole client; {@link #failure()} tells what it was.
 */
public final class KafkaStreamsEngine implements AutoCloseable {
  /** How long start-up waits for the cluster's answer about the topics. */
  static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@link #close()} waits for the client to commit and stop. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final StreamThreadModels models;
  private final Optional<PrometheusRegistry> registry;
  private final KafkaStreamsMetrics metrics;
  private final AtomicReference<Throwable> failure;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KafkaStreamsEngine(
      KafkaStreams streams,
      StreamThreadModels models,
      Optional<PrometheusRegistry> registry,
      KafkaStreamsMetrics metrics,
      AtomicReference<Throwable> failure) {
    this.streams = streams;
    this.models = models;
    this.registry = registry;
    this.metrics = metrics;
    this.failure = failure;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The producer's transaction timeout unless the user sets one. Kafka Streams' own default (10 s)
   * aborts the transaction of a thread whose loop iteration outlasts it, and one iteration may
   * embed several batches on a busy CPU: the work is then redone from the last commit. Longer is
   * safe: a restarted instance fences its predecessor's transaction at once.
   */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

  /** The properties of the Kafka Streams client: the user's, then the engine's own. */
  static Properties streamsProperties(StreamsEngineSettings settings) {
    ClientProperties.requireNotOwned(settings.clientProperties());
    Properties props = new Properties();
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
        (int) TRANSACTION_TIMEOUT.toMillis());
    props.putAll(settings.clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
    settings
        .stateDir()
        .ifPresent(
            dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toAbsolutePath().toString()));
    return props;
  }

  /** Admin client properties: bootstrap plus the user's admin-relevant (security) properties. */
  static Properties adminProperties(StreamsEngineSettings settings) {
    Properties props = new Properties();
    Set<String> adminKeys = AdminClientConfig.configNames();
    settings
        .clientProperties()
        .forEach(
            (key, value) -> {
              if (key.startsWith(StreamsConfig.ADMIN_CLIENT_PREFIX)) {
                props.put(key.substring(StreamsConfig.ADMIN_CLIENT_PREFIX.length()), value);
              } else if (adminKeys.contains(key)) {
                props.put(key, value);
              }
            });
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    return props;
  }

  /**
   * Returns when a bootstrap server accepts a connection, in seconds; checked before any Kafka
   * client is made, since theirs would retry for a minute, logging a warning every second.
   *
   * @throws UnreachablePeerException in one line naming each address and what to check
   */
  public static void requireReachable(StreamsEngineSettings settings) {
    KafkaReachability.require(settings.bootstrapServers());
  }

  /**
   * Checks the input topics and creates the missing output topics.
   *
   * @throws IllegalArgumentException naming the input topics that do not exist
   * @throws UnreachablePeerException when no bootstrap server accepts a connection (in seconds)
   * @throws IllegalStateException when the cluster cannot be asked
   */
  static void prepareTopics(StreamsEngineSettings settings) {
    requireReachable(settings);
    try (Admin admin = Admin.create(adminProperties(settings))) {
      Set<String> existing =
          admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<String> missingInputs =
          settings.inputTopics().stream().filter(topic -> !existing.contains(topic)).toList();
      if (!missingInputs.isEmpty()) {
        throw new IllegalArgumentException(
            "input topic"
                + (missingInputs.size() == 1 ? " " : "s ")
                + String.join(", ", missingInputs)
                + " not found on "
                + settings.bootstrapServers()
                + ": create "
                + (missingInputs.size() == 1 ? "it" : "them")
                + " or fix the input names");
      }
      List<NewTopic> toCreate = new ArrayList<>();
      List<String> missingOutputs =
          settings.outputTopics().stream().filter(topic -> !existing.contains(topic)).toList();
      if (!missingOutputs.isEmpty()) {
        TopicDescription first =
            admin
                .describeTopics(List.of(settings.inputTopics().get(0)))
                .allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(settings.inputTopics().get(0));
        int partitions = first.partitions().size();
        for (String topic : missingOutputs) {
          toCreate.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> creation :
            admin.createTopics(toCreate).values().entrySet()) {
          try {
            creation.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            created.add(creation.getKey());
          } catch (ExecutionException e) {
            // another client (a producer, a second instance) made it since the listing: it exists
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
          }
        }
        if (!created.isEmpty()) {
          awaitOpen(admin, created, partitions);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the topics", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot check or create the topics on "
              + settings.bootstrapServers()
              + ": "
              + cause.getMessage(),
          cause);
    }
  }

  /**
   * Waits until the broker has opened every partition of topics just created. The controller
   * commits a topic before its leader opens the partitions; a producer writing in between can see
   * its first batch refused and a later one accepted, which some brokers then hold against every
   * retry of the first (KAFKA-15591). A partition that answers ListOffsets is open on its leader.
   */
  private static void awaitOpen(Admin admin, List<String> topics, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> every = new HashMap<>();
    for (String topic : topics) {
      for (int partition = 0; partition < partitions; partition++) {
        every.put(new TopicPartition(topic, partition), OffsetSpec.latest());
      }
    }
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        admin.listOffsets(every).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(50);
    }
  }

  /** The state of the Kafka Streams client. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** The failure that stopped a stream thread (and so the client), if any. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Waits until every stream thread is processing; false on timeout or when the client failed. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.RUNNING) {
        return true;
      }
      if (state == KafkaStreams.State.ERROR
          || state == KafkaStreams.State.PENDING_ERROR
          || state == KafkaStreams.State.NOT_RUNNING) {
        return false;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Blocks until the client has stopped (by {@link #close()}, or a failure). */
  public void awaitStopped() throws InterruptedException {
    while (true) {
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
        return;
      }
      Thread.sleep(100);
    }
  }

  /** The underlying client, for tests and tools (its metrics, its local state). */
  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Stops the client cleanly (the open transaction is committed), then closes the models and
   * removes the client metrics from the registry. Safe to call again, and from a shutdown hook.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      streams.close(CLOSE_TIMEOUT);
    } finally {
      registry.ifPresent(r -> r.unregister(metrics));
      models.close();
    }
  }

  /** Builds and starts a {@link KafkaStreamsEngine}. */
  public static final class Builder {
    private StreamsEngineSettings settings;
    private MonitorSettings monitorSettings;
    private ObservationJson json = ObservationJson.defaults();
    private Supplier<WindowEncoder> encoder;
    private Supplier<Embedder> embedder;
    private SoftmaxSources forecasts;
    private RiskModel riskModel = RiskModel.bundled();
    private EngineListener listener = EngineListener.NONE;
    private Optional<PrometheusRegistry> registry = Optional.empty();

    private Builder() {}

    public Builder settings(StreamsEngineSettings settings) {
      this.settings = settings;
      return this;
    }

    public Builder monitorSettings(MonitorSettings monitorSettings) {
      this.monitorSettings = monitorSettings;
      return this;
    }

    /**
     * The JSON codec of input records (field names, zone); default {@link
     * ObservationJson#defaults()}.
     */
    public Builder json(ObservationJson json) {
      this.json = json;
      return this;
    }

    /** Makes the encoder of one stream thread. */
    public Builder encoder(Supplier<WindowEncoder> encoder) {
      this.encoder = encoder;
      return this;
    }

    /** Makes the embedder of one stream thread; each is closed with the engine. */
    public Builder embedder(Supplier<Embedder> embedder) {
      this.embedder = embedder;
      return this;
    }

    /**
     * Where each feed's forecasts come from (e.g. the model's own logits); by default the online
     * head of the monitor settings.
     */
    public Builder forecasts(SoftmaxSources forecasts) {
      this.forecasts = forecasts;
      return this;
    }

    /**
     * The model's encoder, embedder and forecast source, all from one factory: what a stream thread
     * makes for itself, and how every feed forecasts.
     */
    public Builder model(AgentModel model, MonitorSettings monitorSettings) {
      this.monitorSettings = monitorSettings;
      this.encoder = model::newEncoder;
      this.embedder = model::newEmbedder;
      this.forecasts = model.forecasts(monitorSettings);
      return this;
    }

    /** The risk model the trust score calibrates; by default the bundled one. */
    public Builder riskModel(RiskModel riskModel) {
      this.riskModel = riskModel;
      return this;
    }

    /** Told of observations, rejections, batches, windows and alerts, from the stream threads. */
    public Builder listener(EngineListener listener) {
      this.listener = listener;
      return this;
    }

    /** Where the Kafka Streams client metrics are registered, if anywhere. */
    public Builder metricsRegistry(PrometheusRegistry registry) {
      this.registry = Optional.of(registry);
      return this;
    }

    /** The topology this builder would run (for tests with TopologyTestDriver). */
    Topology topology(StreamThreadModels models) {
      Objects.requireNonNull(monitorSettings, "monitorSettings");
      return IsowatchTopology.build(
          Objects.requireNonNull(settings, "settings"),
          new MonitorRecipe(
              monitorSettings,
              forecasts != null ? forecasts : FeedMonitor.defaultSources(monitorSettings),
              riskModel),
          json,
          models,
          listener);
    }

    /**
     * Checks the topics, then starts the client; returns at once (see {@link
     * KafkaStreamsEngine#awaitRunning}).
     *
     * @throws IllegalArgumentException for a bad setting or a missing input topic, naming it
     */
    public KafkaStreamsEngine start() {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(monitorSettings, "monitorSettings");
      Objects.requireNonNull(encoder, "encoder");
      Objects.requireNonNull(embedder, "embedder");
      monitorSettings.requireEmbeddingLagCovers(settings.batch().maxBatch(), "maxBatch");
      Properties props = streamsProperties(settings);
      prepareTopics(settings);
      StreamThreadModels models = new StreamThreadModels(encoder, embedder);
      KafkaStreams streams = new KafkaStreams(topology(models), props);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      streams.setUncaughtExceptionHandler(
          exception -> {
            failure.compareAndSet(null, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams::metrics);
      registry.ifPresent(r -> r.register(metrics));
      try {
        streams.start();
      } catch (RuntimeException e) {
        registry.ifPresent(r -> r.unregister(metrics));
        streams.close(Duration.ZERO);
        models.close();
        throw e;
      }
      return new KafkaStreamsEngine(streams, models, registry, metrics, failure);
    }

    Map<String, String> clientProperties() {
      return settings.clientProperties();
    }
  }
}
