package io.isowatch.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.kafkastreams.Feeds.AlertKey;
import io.isowatch.model.embed.BundledModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topology's logic with TopologyTestDriver (no broker, the real model): what reaches the
 * alerts, measures and dead-letter topics, batching by size and by wall-clock punctuation, the
 * pending-window store, routing by field and the feed limit.
 */
class FeedMonitorTopologyTest {
  private static final JsonMapper JSON = new JsonMapper();
  private static final String INPUT = "observations";
  private static final String ALERTS = "alerts";
  private static final String MEASURES = "measures";
  private static final String DEAD = "dead-letters";
  private static final Duration MAX_WAIT = Duration.ofMillis(200);

  private static WindowEncoder encoder;
  private static Embedder embedder;
  private static AgentModel numericLm;
  private static Embedder numericLmEmbedder;
  private static List<Observation> observations;
  private static List<AlertKey> reference;

  @TempDir Path stateDir;

  @BeforeAll
  static void reference() throws Exception {
    encoder = BundledModel.encoder();
    embedder = BundledModel.embedder(BundledModels.FP32);
    observations = Feeds.observations(3, 400, 7);
    reference = AlertKey.of(Feeds.referenceAlerts(observations, encoder, embedder));
    assertThat(reference).as("the test data must raise alerts to compare").isNotEmpty();
    numericLm = Feeds.model(ModelChoice.NUMERIC_LM);
    numericLmEmbedder = numericLm.newEmbedder();
  }

  @AfterAll
  static void close() {
    embedder.close();
    numericLmEmbedder.close();
  }

  private StreamsEngineSettings.Builder settings() {
    return StreamsEngineSettings.builder()
        .bootstrapServers("unused:9092")
        .inputTopics(List.of(INPUT))
        .alertsTopic(ALERTS)
        .measuresTopic(Optional.of(MEASURES))
        .deadLetterTopic(DEAD)
        .batch(new BatchSettings(16, MAX_WAIT))
        .stateStore(StateStoreKind.IN_MEMORY);
  }

  /** A driver over the topology, with the test's one encoder and embedder (closed by the class). */
  private final class Driver implements AutoCloseable {
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> input;
    final TestOutputTopic<String, String> alerts;
    final TestOutputTopic<String, String> measures;
    final TestOutputTopic<String, String> deadLetters;
    final StreamThreadModels models;
    final StreamsEngineSettings settings;

    Driver(StreamsEngineSettings settings, EngineListener listener) {
      this(settings, listener, MonitorRecipe.onlineHead(Feeds.MONITOR), encoder, embedder);
    }

    Driver(
        StreamsEngineSettings settings,
        EngineListener listener,
        MonitorRecipe recipe,
        WindowEncoder windowEncoder,
        Embedder windowEmbedder) {
      this.settings = settings;
      models = new StreamThreadModels(() -> windowEncoder, () -> shared(windowEmbedder));
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      driver =
          new TopologyTestDriver(
              IsowatchTopology.build(
                  settings, recipe, ObservationJson.defaults(), models, listener),
              props,
              Instant.parse("2026-01-01T00:00:00Z"));
      input = driver.createInputTopic(INPUT, new StringSerializer(), new ByteArraySerializer());
      alerts = output(ALERTS);
      measures = output(MEASURES);
      deadLetters = output(DEAD);
    }

    private TestOutputTopic<String, String> output(String topic) {
      return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    void pipe(String key, String value) {
      input.pipeInput(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    void pipeAll(List<Observation> all, Consumer<Observation> before) {
      for (Observation observation : all) {
        before.accept(observation);
        pipe(observation.feedId(), Feeds.json(observation));
      }
    }

    List<AlertKey> alertKeys() {
      return alerts.readValuesToList().stream().map(AlertKey::ofJson).toList();
    }

    KeyValueStore<String, byte[]> pendingStore() {
      return driver.getKeyValueStore(FeedMonitorProcessor.PENDING_STORE);
    }

    @Override
    public void close() {
      try {
        driver.close();
      } finally {
        // Not the encoders and embedders: they are the class's.
        models.modelThreads(settings.batch()).close();
      }
    }
  }

  /** The embedder is the class's; the per-thread wrapper must not close it. */
  private static Embedder shared(Embedder embedder) {
    return new Embedder() {
      @Override
      public List<io.isowatch.core.embed.Embedding> embed(
          List<io.isowatch.core.encode.EncodedWindow> batch) {
        return embedder.embed(batch);
      }

      @Override
      public int dimension() {
        return embedder.dimension();
      }

      @Override
      public String describe() {
        return embedder.describe();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void alertsAreTheInProcessEnginesOnTheSameObservations() {
    AtomicInteger observed = new AtomicInteger();
    List<Integer> batchSizes = new ArrayList<>();
    EngineListener listener =
        new EngineListener() {
          @Override
          public void observed(String feedId) {
            observed.incrementAndGet();
          }

          @Override
          public void embedded(int batchSize, long nanos) {
            batchSizes.add(batchSize);
          }
        };
    try (Driver driver = new Driver(settings().build(), listener)) {
      driver.pipeAll(observations, o -> {});
      driver.driver.advanceWallClockTime(MAX_WAIT);

      List<AlertKey> alerts = driver.alertKeys();
      assertThat(alerts).containsExactlyInAnyOrderElementsOf(reference);
      for (String feed : List.of("synthetic-0", "synthetic-1", "synthetic-2")) {
        assertThat(alerts.stream().filter(a -> a.feedId().equals(feed)))
            .as("order of the alerts of %s", feed)
            .containsExactlyElementsOf(
                reference.stream().filter(a -> a.feedId().equals(feed)).toList());
      }
      assertThat(driver.deadLetters.isEmpty()).isTrue();
      assertThat(observed.get()).isEqualTo(observations.size());
      assertThat(batchSizes).as("full batches of 16 across feeds, then the rest").isNotEmpty();
      assertThat(batchSizes.subList(0, batchSizes.size() - 1)).containsOnly(16);
      assertThat(driver.pendingStore().approximateNumEntries())
          .as("pending windows once every batch is embedded")
          .isZero();
    }
  }

  static Stream<Arguments> modelsLiveMonitorsAndOverlap() {
    return Stream.of(ModelChoice.MINILM_FP32, ModelChoice.NUMERIC_LM)
        .flatMap(
            model ->
                Stream.of(StreamsEngineSettings.DEFAULT_MAX_CACHED_MONITORS, 1)
                    .flatMap(
                        live ->
                            Stream.of(true, false)
                                .map(overlap -> Arguments.of(model, live, overlap))));
  }

  /**
   * The Kafka Streams row of the engine matrix: MiniLM's text with the online head and the numeric
   * LM's Chronos tokens with its own logits give the core's verdicts. With one live monitor per
   * task, every change of feed restores a monitor from its snapshot (with the model's forecast
   * source) and replays its tail of observations: the measures must not tell. Nor must judging each
   * batch while the model embeds the next (overlap), or right after its embedding.
   */
  @ParameterizedTest(name = "{0}, live monitors per task: {1}, overlap: {2}")
  @MethodSource("modelsLiveMonitorsAndOverlap")
  void measuresAreTheCoresVerdictsOfEachEvaluatedWindow(
      ModelChoice model, int liveMonitors, boolean overlap) throws Exception {
    boolean text = model == ModelChoice.MINILM_FP32;
    WindowEncoder windowEncoder = text ? encoder : numericLm.newEncoder();
    Embedder windowEmbedder = text ? embedder : numericLmEmbedder;
    MonitorRecipe recipe =
        text ? MonitorRecipe.onlineHead(Feeds.MONITOR) : numericLmRecipe(RiskModel.bundled());
    List<Observation> some = observations.subList(0, 300);
    List<String> expected = Feeds.directMeasures(some, windowEncoder, windowEmbedder, recipe);
    assertThat(expected).as("evaluated windows to compare").isNotEmpty();
    List<TestRecord<String, String>> measures =
        topologyMeasures(
            settings().maxCachedMonitors(liveMonitors).overlapJudging(overlap).build(),
            recipe,
            some,
            windowEncoder,
            windowEmbedder);
    assertThat(measures)
        .extracting(TestRecord::value)
        .containsExactlyInAnyOrderElementsOf(expected);
    JsonNode first = JSON.readTree(measures.get(measures.size() - 1).value());
    assertThat(first.get("feed").asText()).isEqualTo(measures.get(measures.size() - 1).key());
    for (MonitorSignal signal : MonitorSignal.values()) {
      assertThat(first.get("signals").has(signal.label())).as(signal.label()).isTrue();
    }
  }

  /**
   * An operator's own risk model (here one that gives every vector the same risk) judges every feed
   * as the core does with it, also when each change of feed restores a monitor from its snapshot;
   * and it is not the bundled model's judgement.
   */
  @Test
  void theRecipesRiskModelJudgesEveryFeedAndEveryRestoredOne() throws Exception {
    MonitorRecipe own = numericLmRecipe(RiskModel.constant());
    WindowEncoder windowEncoder = numericLm.newEncoder();
    List<Observation> some = observations.subList(0, 300);
    List<String> expected = Feeds.directMeasures(some, windowEncoder, numericLmEmbedder, own);
    assertThat(expected)
        .as("the risk model moves the trust score")
        .isNotEqualTo(
            Feeds.directMeasures(
                some, windowEncoder, numericLmEmbedder, numericLmRecipe(RiskModel.bundled())));

    List<TestRecord<String, String>> measures =
        topologyMeasures(
            settings().maxCachedMonitors(1).build(), own, some, windowEncoder, numericLmEmbedder);

    assertThat(measures)
        .extracting(TestRecord::value)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private MonitorRecipe numericLmRecipe(RiskModel riskModel) {
    MonitorSettings monitor = Feeds.monitor(numericLm);
    return new MonitorRecipe(monitor, numericLm.forecasts(monitor), riskModel);
  }

  private List<TestRecord<String, String>> topologyMeasures(
      StreamsEngineSettings settings,
      MonitorRecipe recipe,
      List<Observation> observations,
      WindowEncoder windowEncoder,
      Embedder windowEmbedder) {
    try (Driver driver =
        new Driver(settings, EngineListener.NONE, recipe, windowEncoder, windowEmbedder)) {
      driver.pipeAll(observations, o -> {});
      driver.driver.advanceWallClockTime(MAX_WAIT);
      return driver.measures.readRecordsToList();
    }
  }

  @Test
  void aPartialBatchWaitsForTheWallClockPunctuation() {
    try (Driver driver =
        new Driver(
            settings().batch(new BatchSettings(1000, MAX_WAIT)).build(), EngineListener.NONE)) {
      List<Observation> one =
          observations.stream().filter(o -> o.feedId().equals("synthetic-0")).limit(64).toList();
      driver.pipeAll(one, o -> {});
      int windows = (64 - Feeds.WINDOW.length()) / Feeds.WINDOW.stride() + 1;
      long evaluated =
          Feeds.directVerdicts(one, encoder, embedder).stream()
              .filter(verdict -> !verdict.signals().isEmpty())
              .count();

      assertThat(driver.pendingStore().approximateNumEntries()).isEqualTo(windows);
      assertThat(driver.measures.isEmpty()).isTrue();

      driver.driver.advanceWallClockTime(MAX_WAIT.dividedBy(2));
      assertThat(driver.measures.isEmpty()).as("half the wait: still pending").isTrue();

      driver.driver.advanceWallClockTime(MAX_WAIT);
      assertThat(driver.measures.readValuesToList()).hasSize((int) evaluated);
      assertThat(driver.pendingStore().approximateNumEntries()).isZero();
    }
  }

  @Test
  void badRecordsAreDeadLetteredWithReasonAndOriginalBytesAndTheRestGoesOn() throws Exception {
    List<String[]> poison =
        List.of(
            new String[] {"synthetic-0", "not json at all", "unparsable"},
            new String[] {"synthetic-1", "{\"time\": 1, \"value\": 2}", null},
            new String[] {
              "synthetic-1", "{\"feed\": \"synthetic-1\", \"value\": 2}", "missing_field"
            },
            new String[] {
              "synthetic-2", "{\"feed\": \"synthetic-2\", \"time\": 5, \"value\": \"NaN\"}", null
            },
            new String[] {
              null, "{\"feed\": \"synthetic-0\", \"time\": 5, \"value\": 1}", "missing_field"
            },
            new String[] {
              "synthetic-0", "{\"feed\": \"synthetic-1\", \"time\": 5, \"value\": 1}", "unparsable"
            },
            new String[] {"synthetic-2", null, "unparsable"});
    try (Driver driver = new Driver(settings().build(), EngineListener.NONE)) {
      int at = 0;
      for (Observation observation : observations) {
        if (at < poison.size()
            && observation.eventTime().isAfter(Instant.parse("2024-01-01T02:00:00Z"))) {
          driver.pipe(poison.get(at)[0], poison.get(at)[1]);
          at++;
        }
        driver.pipe(observation.feedId(), Feeds.json(observation));
      }
      driver.driver.advanceWallClockTime(MAX_WAIT);

      assertThat(driver.alertKeys())
          .as("the poison records change nothing for the good ones")
          .containsExactlyInAnyOrderElementsOf(reference);
      List<TestRecord<String, String>> dead = driver.deadLetters.readRecordsToList();
      assertThat(dead).hasSize(poison.size());
      for (int i = 0; i < poison.size(); i++) {
        TestRecord<String, String> letter = dead.get(i);
        Rejection rejection = RejectionJson.fromLine(letter.value());
        Headers headers = letter.headers();
        String original = poison.get(i)[1];
        assertThat(headers.lastHeader(DeadLetterHeaders.ORIGINAL).value())
            .isEqualTo(original == null ? new byte[0] : original.getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetterHeaders.text(headers, DeadLetterHeaders.REASON))
            .contains(rejection.reason().label());
        assertThat(DeadLetterHeaders.text(headers, DeadLetterHeaders.SOURCE_TOPIC)).contains(INPUT);
        assertThat(DeadLetterHeaders.text(headers, DeadLetterHeaders.SOURCE_OFFSET)).isPresent();
        assertThat(rejection.detail()).isNotBlank();
        if (poison.get(i)[2] != null) {
          assertThat(rejection.reason().label()).as("record %d", i).isEqualTo(poison.get(i)[2]);
        }
      }
      assertThat(RejectionJson.fromLine(dead.get(3).value()).reason())
          .as("a NaN value is judged by the feed's windower")
          .isEqualTo(RejectionReason.NOT_FINITE);
      assertThat(RejectionJson.fromLine(dead.get(1).value()).reason())
          .as("the key names the feed when the record does not; its time is long past")
          .isEqualTo(RejectionReason.TOO_LATE);
    }
  }

  @Test
  void keyByFieldRoutesRecordsWithoutKeysByTheFeedTheyName() {
    try (Driver driver = new Driver(settings().keyBy(KeyBy.FIELD).build(), EngineListener.NONE)) {
      for (Observation observation : observations) {
        driver.pipe(null, Feeds.json(observation));
      }
      driver.driver.advanceWallClockTime(MAX_WAIT);

      assertThat(driver.alertKeys()).containsExactlyInAnyOrderElementsOf(reference);
      assertThat(driver.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void feedsBeyondTheLimitAreDeadLetteredAndTheTrackedOnesGoOn() throws Exception {
    try (Driver driver = new Driver(settings().maxFeeds(2).build(), EngineListener.NONE)) {
      driver.pipeAll(observations, o -> {});
      driver.driver.advanceWallClockTime(MAX_WAIT);

      assertThat(driver.alertKeys())
          .containsExactlyInAnyOrderElementsOf(
              reference.stream().filter(a -> !a.feedId().equals("synthetic-2")).toList());
      List<String> dead = driver.deadLetters.readValuesToList();
      assertThat(dead)
          .hasSize(
              (int) observations.stream().filter(o -> o.feedId().equals("synthetic-2")).count());
      assertThat(RejectionJson.fromLine(dead.get(0)).reason())
          .isEqualTo(RejectionReason.FEED_LIMIT);
    }
  }

  @Test
  void recordsAreCountedOnceAndFeedsOfRejectedRecordsTakeNoPlace() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    EngineListener counting =
        new EngineListener() {
          @Override
          public void observed(String feedId) {
            accepted.incrementAndGet();
          }

          @Override
          public void rejected(Rejection rejection) {
            if (rejection.reason().refusesRecord()) {
              rejected.incrementAndGet();
            }
          }
        };
    List<Observation> twoFeeds =
        observations.stream().filter(o -> !o.feedId().equals("synthetic-2")).toList();
    try (Driver driver = new Driver(settings().maxFeeds(2).build(), counting)) {
      // Before the fix these two feeds took both places and the good feeds were refused.
      driver.pipe("junk", "{\"feed\": \"junk\", \"time\": 5, \"value\": \"NaN\"}");
      driver.pipe(
          "future", "{\"feed\": \"future\", \"time\": \"9999-12-31T23:59:59Z\", \"value\": 1}");
      driver.pipeAll(twoFeeds, o -> {});
      driver.driver.advanceWallClockTime(MAX_WAIT);

      assertThat(driver.alertKeys())
          .containsExactlyInAnyOrderElementsOf(
              reference.stream().filter(a -> !a.feedId().equals("synthetic-2")).toList());
      assertThat(driver.deadLetters.readValuesToList())
          .extracting(line -> RejectionJson.fromLine(line).reason())
          .containsExactly(RejectionReason.NOT_FINITE, RejectionReason.TOO_FAR_AHEAD);
      assertThat(accepted.get()).isEqualTo(twoFeeds.size());
      assertThat(accepted.get() + rejected.get()).isEqualTo(twoFeeds.size() + 2);
    }
  }

  /**
   * After every record, each feed's snapshot in the monitor store followed by its tail of
   * observations is the state of a monitor that took the same observations directly; the tail never
   * holds more than MAX_TAIL of them. No window is embedded here (the batch neither fills nor waits
   * long enough), so only the tail's bound makes the snapshot move.
   */
  @Test
  void theStoresHoldEachFeedsStateAfterEveryRecordWithABoundedTail() {
    StreamsEngineSettings unhurried =
        settings()
            .stateStore(StateStoreKind.ROCKSDB)
            .batch(new BatchSettings(Feeds.MONITOR.maxEmbeddingLag(), Duration.ofHours(1)))
            .build();
    List<String> feeds = List.of("synthetic-0", "synthetic-1", "synthetic-2");
    Map<String, FeedMonitor> direct = new HashMap<>();
    feeds.forEach(feed -> direct.put(feed, FeedMonitor.create(feed, Feeds.MONITOR)));
    try (Driver driver = new Driver(unhurried, EngineListener.NONE)) {
      KeyValueStore<String, byte[]> snapshots =
          driver.driver.getKeyValueStore(FeedMonitorProcessor.MONITOR_STORE);
      KeyValueStore<String, byte[]> tails =
          driver.driver.getKeyValueStore(FeedMonitorProcessor.TAIL_STORE);
      int longestTail = 0;
      int records = 0;
      for (Observation observation : observations) {
        if (!feeds.contains(observation.feedId())
            || records++ >= 3 * (FeedMonitorProcessor.MAX_TAIL + 20)) {
          continue;
        }
        driver.pipeAll(List.of(observation), o -> {});
        direct.get(observation.feedId()).accept(observation);

        String feed = observation.feedId();
        FeedMonitor stored = FeedMonitor.restore(snapshots.get(feed), Feeds.MONITOR);
        int tail = 0;
        try (KeyValueIterator<String, byte[]> entries =
            tails.prefixScan(FeedMonitorProcessor.feedPrefix(feed), new StringSerializer())) {
          while (entries.hasNext()) {
            String json = new String(entries.next().value, StandardCharsets.UTF_8);
            stored.accept(
                ((ObservationJson.Decoded.Valid)
                        ObservationJson.defaults().decode(json, Optional.of(feed)))
                    .observation());
            tail++;
          }
        }
        longestTail = Math.max(longestTail, tail);
        assertThat(stored.snapshot())
            .as("%s after record %d: snapshot + tail of %d", feed, records, tail)
            .isEqualTo(direct.get(feed).snapshot());
      }
      assertThat(longestTail).as("the longest tail").isEqualTo(FeedMonitorProcessor.MAX_TAIL);
      assertThat(driver.pendingStore().approximateNumEntries())
          .as("windows waiting: nothing was embedded")
          .isPositive();
    }
  }
}
