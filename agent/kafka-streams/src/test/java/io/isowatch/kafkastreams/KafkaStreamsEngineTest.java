package io.isowatch.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.connectors.sink.RejectionJson;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.kafkastreams.Feeds.AlertKey;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.encode.ResourceLocation;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.isowatch.testkit.KafkaBroker;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine against a real Kafka broker (KRaft, in this JVM) with the bundled FP32 model: input
 * topic to alerts topic, poison records, a stream thread that dies and a process that is killed
 * (each followed by a restart), two instances sharing the partitions. Alerts are read with
 * read_committed and compared, message by message, with what the in-process engine raises on the
 * same observations.
 */
class KafkaStreamsEngineTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final List<String> POISON =
      List.of("not json", "{\"feed\": \"synthetic-0\", \"time\": \"yesterday\", \"value\": 1}");

  private static KafkaBroker kafka;
  private static WindowEncoder encoder;
  private static Embedder embedder;
  private static List<Observation> observations;
  private static List<AlertKey> reference;
  private static List<WindowVerdict> referenceVerdicts;

  @TempDir Path stateDir;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.start();
    encoder = BundledModel.encoder();
    embedder = BundledModel.embedder(BundledModels.FP32);
    observations = Feeds.observations(4, 400, 7);
    reference = AlertKey.of(Feeds.referenceAlerts(observations, encoder, embedder));
    referenceVerdicts = Feeds.directVerdicts(observations, encoder, embedder);
    assertThat(reference).as("the test data must raise alerts to compare").hasSizeGreaterThan(1);
  }

  @AfterAll
  static void stop() {
    embedder.close();
    kafka.close();
  }

  private static StreamsEngineSettings.Builder settings(String name, Path stateDir) {
    return TestEngines.settings(kafka.bootstrapServers(), name, stateDir);
  }

  private static KafkaStreamsEngine start(
      StreamsEngineSettings settings, EngineListener listener, PrometheusRegistry registry) {
    return TestEngines.start(settings, listener, registry);
  }

  /** Produces observations keyed by feed, feed i to partition i mod partitions. */
  private static void produce(String topic, List<Observation> some, int partitions) {
    kafka.produce(
        topic,
        some.stream()
            .map(
                observation ->
                    KafkaBroker.message(
                        observation.feedId(),
                        Feeds.json(observation),
                        Integer.parseInt(observation.feedId().substring("synthetic-".length()))
                            % partitions))
            .toList());
  }

  private static List<AlertKey> committedAlerts(String topic, int atLeast) {
    kafka.readCommitted(topic, atLeast, TIMEOUT);
    return kafka.readCommittedToEnd(topic, TIMEOUT).stream()
        .map(ConsumerRecord::value)
        .map(AlertKey::ofJson)
        .toList();
  }

  /**
   * End to end, three partitions (three tasks on one stream thread, sharing its model thread when
   * overlapped): every alert once, every evaluated window's measures equal to the core's verdict,
   * judging each batch while the model embeds the next or right after its embedding.
   */
  @ParameterizedTest(name = "overlap: {0}")
  @ValueSource(booleans = {true, false})
  void alertsReachTheAlertsTopicOnceEachAndPoisonRecordsAreSetAside(boolean overlap)
      throws Exception {
    String name = overlap ? "e2e" : "e2e-at-once";
    kafka.createTopic(name + "-in", 3);
    produce(name + "-in", observations.subList(0, 700), 3);
    kafka.produce(
        name + "-in", POISON.stream().map(p -> KafkaBroker.message("synthetic-1", p)).toList());
    produce(name + "-in", observations.subList(700, observations.size()), 3);

    PrometheusRegistry registry = new PrometheusRegistry();
    try (KafkaStreamsEngine engine =
        start(
            settings(name, stateDir).overlapJudging(overlap).build(),
            new PrometheusPipelineMetrics(registry),
            registry)) {
      assertThat(engine.awaitRunning(TIMEOUT)).isTrue();
      List<AlertKey> alerts = committedAlerts(name + "-alerts", reference.size());

      assertThat(alerts).as(() -> divergence(name)).containsExactlyInAnyOrderElementsOf(reference);
      // every evaluated window's measures, once, equal to the core's own verdict (the last ones
      // may be committed after the last alert)
      long evaluated = referenceVerdicts.stream().filter(v -> !v.signals().isEmpty()).count();
      kafka.readCommitted(name + "-measures", (int) evaluated, TIMEOUT);
      String measures = divergence(name);
      assertThat(measures.split("missing none, repeated \\[\\], first difference: none", -1))
          .as(measures)
          .hasSize(5);
      List<ConsumerRecord<String, String>> dead = kafka.readCommitted(name + "-dead", 2, TIMEOUT);
      assertThat(dead).hasSize(POISON.size());
      for (int i = 0; i < POISON.size(); i++) {
        ConsumerRecord<String, String> letter = dead.get(i);
        Rejection rejection = RejectionJson.fromLine(letter.value());
        assertThat(letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL).value())
            .isEqualTo(POISON.get(i).getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetterHeaders.text(letter.headers(), DeadLetterHeaders.REASON))
            .contains(rejection.reason().label());
        assertThat(DeadLetterHeaders.text(letter.headers(), DeadLetterHeaders.SOURCE_TOPIC))
            .contains(name + "-in");
        assertThat(DeadLetterHeaders.text(letter.headers(), DeadLetterHeaders.SOURCE_PARTITION))
            .contains(Integer.toString(letter.partition()));
      }

      Set<String> names =
          registry.scrape().stream()
              .map(MetricSnapshot::getMetadata)
              .map(m -> m.getPrometheusName())
              .collect(Collectors.toSet());
      assertThat(names)
          .contains(
              "isowatch_kafka_streams_stream_thread_process_rate",
              "isowatch_kafka_streams_consumer_fetch_manager_records_lag_max",
              "isowatch_windows_embedded",
              "isowatch_alerts",
              "isowatch_records_rejected");
    }
    assertThat(registry.scrape().stream().map(s -> s.getMetadata().getName()))
        .as("the client metrics leave with the client")
        .noneMatch(metric -> metric.startsWith(KafkaStreamsMetrics.PREFIX));
  }

  /**
   * A user's own export (a copy of the numeric LM's graph, declared as the user's, forecasting from
   * its own logits) and an operator's own risk model, given to the engine's builder: on a real
   * broker every evaluated window's measures are the core's with the same model and risk model,
   * which are not the bundled risk model's.
   */
  @Test
  void aUsersOwnModelAndRiskModelJudgeAsTheCoreDoesWithThem() throws Exception {
    Path graph = stateDir.resolve("own-numeric-lm.onnx");
    try (InputStream in = ModelChoice.NUMERIC_LM.manifest().model().open()) {
      Files.copy(in, graph);
    }
    ModelManifest own =
        ModelChoice.NUMERIC_LM.manifest().toBuilder()
            .name("own-numeric-lm")
            .model(ResourceLocation.file(graph))
            .build();
    AgentModel model = AgentModel.of(own, Device.CPU, 2, EncoderSettings.defaults());
    MonitorSettings monitor = Feeds.monitor(model);
    RiskModel riskModel = RiskModel.constant();
    List<Observation> some = observations.subList(0, 600);
    List<String> expected =
        measures(some, model, new MonitorRecipe(monitor, model.forecasts(monitor), riskModel));
    assertThat(expected)
        .isNotEmpty()
        .isNotEqualTo(
            measures(
                some,
                model,
                new MonitorRecipe(monitor, model.forecasts(monitor), RiskModel.bundled())));
    String name = "own-model";
    kafka.createTopic(name + "-in", 2);
    produce(name + "-in", some, 2);

    try (KafkaStreamsEngine engine =
        KafkaStreamsEngine.builder()
            .settings(settings(name, stateDir.resolve("state")).build())
            .model(model, monitor)
            .riskModel(riskModel)
            .start()) {
      assertThat(engine.awaitRunning(TIMEOUT)).isTrue();
      kafka.readCommitted(name + "-measures", expected.size(), TIMEOUT);
      List<String> measures =
          kafka.readCommittedToEnd(name + "-measures", TIMEOUT).stream()
              .map(ConsumerRecord::value)
              .toList();

      assertThat(measures).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** The core's measures of every evaluated window, one monitor per feed. */
  private static List<String> measures(
      List<Observation> some, AgentModel model, MonitorRecipe recipe) {
    try (Embedder windowEmbedder = model.newEmbedder()) {
      return Feeds.directMeasures(some, model.newEncoder(), windowEmbedder, recipe);
    }
  }

  /**
   * A stream thread dies mid-stream (an exception while processing, as a crash would: its open
   * transaction is aborted, nothing is committed after the last commit); a new instance starts on
   * the same state directory or an empty one. The alerts topic then holds every alert exactly once.
   */
  @ParameterizedTest(name = "same state dir: {0}")
  @ValueSource(booleans = {true, false})
  void aCrashMidStreamNeitherLosesNorRepeatsAnAlert(boolean sameStateDir, @TempDir Path otherDir)
      throws Exception {
    String name = "crash-" + sameStateDir;
    kafka.createTopic(name + "-in", 2);
    produce(name + "-in", observations, 2);
    int crashAt = observations.size() * 2 / 3;
    AtomicInteger seen = new AtomicInteger();
    EngineListener crashing =
        new EngineListener() {
          @Override
          public void observed(String feedId) {
            if (seen.incrementAndGet() == crashAt) {
              throw new IllegalStateException("simulated crash at observation " + crashAt);
            }
          }
        };
    StreamsEngineSettings first = settings(name, stateDir).build();
    try (KafkaStreamsEngine engine = start(first, crashing, new PrometheusRegistry())) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (engine.state() != KafkaStreams.State.ERROR && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(engine.state()).isEqualTo(KafkaStreams.State.ERROR);
      assertThat(engine.failure()).isPresent();
    }
    List<AlertKey> beforeRestart = committedAlertsNow(name + "-alerts");
    assertThat(beforeRestart.size())
        .as("alerts committed before the crash: some, not all")
        .isLessThan(reference.size());

    restartAndExpectEveryAlertOnce(name, sameStateDir ? stateDir : otherDir);
  }

  /**
   * The process running the engine is killed (SIGKILL) mid-stream: no close, no flush, its open
   * transaction left hanging until the broker times it out. A new instance in this JVM then starts
   * on the same state directory or an empty one, and the alerts topic holds every alert once.
   */
  @ParameterizedTest(name = "same state dir: {0}")
  @ValueSource(booleans = {true, false})
  void aKilledProcessNeitherLosesNorRepeatsAnAlert(boolean sameStateDir, @TempDir Path otherDir)
      throws Exception {
    String name = "killed-" + sameStateDir;
    kafka.createTopic(name + "-in", 2);
    produce(name + "-in", observations, 2);
    int killAt = observations.size() * 2 / 3;

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TestEngines.Child.class.getName(),
                kafka.bootstrapServers(),
                name,
                stateDir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int observedByChild = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (observedByChild < killAt && (line = out.readLine()) != null) {
        if (line.startsWith(TestEngines.Child.OBSERVED)) {
          observedByChild = Integer.parseInt(line.substring(TestEngines.Child.OBSERVED.length()));
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).as("the child is gone").isTrue();
    }
    assertThat(observedByChild)
        .as("observations processed before the kill")
        .isGreaterThanOrEqualTo(killAt);
    assertThat(committedAlertsNow(name + "-alerts").size())
        .as("alerts committed before the kill: not all")
        .isLessThan(reference.size());

    restartAndExpectEveryAlertOnce(name, sameStateDir ? stateDir : otherDir);
  }

  /** A new instance on {@code restartDir} ends with the reference alerts, each exactly once. */
  private static void restartAndExpectEveryAlertOnce(String name, Path restartDir)
      throws InterruptedException {
    try (KafkaStreamsEngine engine =
        start(settings(name, restartDir).build(), EngineListener.NONE, new PrometheusRegistry())) {
      assertThat(engine.awaitRunning(TIMEOUT)).isTrue();
      List<AlertKey> alerts = committedAlerts(name + "-alerts", reference.size());

      assertThat(alerts).as(() -> divergence(name)).containsExactlyInAnyOrderElementsOf(reference);
      assertThat(kafka.readCommittedToEnd(name + "-dead", TIMEOUT))
          .as("no observation was applied twice (a monitor dead-letters what it has seen)")
          .isEmpty();
    }
  }

  /** How the engine's measures of {@code name} part from the core's own verdicts. */
  private static String divergence(String name) {
    List<String> measures =
        kafka.readCommittedToEnd(name + "-measures", TIMEOUT).stream()
            .map(ConsumerRecord::value)
            .toList();
    List<String> deadLetters =
        kafka.readCommittedToEnd(name + "-dead", TIMEOUT).stream()
            .map(letter -> DeadLetterHeaders.text(letter.headers(), DeadLetterHeaders.REASON))
            .map(reason -> reason.orElse("?"))
            .toList();
    return MeasuresDivergence.describe(measures, referenceVerdicts)
        + "\n  dead letters (reasons): "
        + deadLetters;
  }

  private static List<AlertKey> committedAlertsNow(String topic) {
    return kafka.readCommittedToEnd(topic, TIMEOUT).stream()
        .map(ConsumerRecord::value)
        .map(AlertKey::ofJson)
        .toList();
  }

  /**
   * The first instance works through a quarter of the input alone; a second joins and takes over
   * some of the partitions, with their state (read back from the changelogs) and their pending
   * windows; the second half is then shared. The alerts are those of one uninterrupted run, each
   * exactly once.
   */
  @Test
  void twoInstancesShareThePartitionsAndStateMovesWithThem(@TempDir Path otherDir)
      throws Exception {
    kafka.createTopic("pair-in", 4);
    int half = observations.size() / 2;
    produce("pair-in", observations.subList(0, half), 4);
    AtomicInteger seenByA = new AtomicInteger();
    AtomicInteger seenByB = new AtomicInteger();
    StreamsEngineSettings a = settings("pair", stateDir).build();
    StreamsEngineSettings b = settings("pair", otherDir).build();
    try (KafkaStreamsEngine first = start(a, counting(seenByA), new PrometheusRegistry())) {
      assertThat(first.awaitRunning(TIMEOUT)).isTrue();
      // Half of the first half: every feed's monitor has state by then, to be moved.
      awaitAtLeast(seenByA, half / 2, first);
      try (KafkaStreamsEngine second = start(b, counting(seenByB), new PrometheusRegistry())) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (activeTasks(second) == 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(activeTasks(second)).as("tasks the second instance took over").isPositive();
        produce("pair-in", observations.subList(half, observations.size()), 4);
        List<AlertKey> alerts = committedAlerts("pair-alerts", reference.size());

        assertThat(alerts)
            .as(
                () ->
                    divergence("pair")
                        + "\n  failures: first "
                        + first.failure()
                        + ", second "
                        + second.failure())
            .containsExactlyInAnyOrderElementsOf(reference);
        assertThat(seenByB.get()).as("observations processed by the second").isPositive();
        assertThat(kafka.readCommittedToEnd("pair-dead", TIMEOUT))
            .as("no observation was seen twice by a monitor (a duplicate would be dead-lettered)")
            .isEmpty();
      }
    }
  }

  private static long activeTasks(KafkaStreamsEngine engine) {
    return engine.streams().metadataForLocalThreads().stream()
        .mapToLong(thread -> thread.activeTasks().size())
        .sum();
  }

  private static void awaitAtLeast(AtomicInteger count, int target, KafkaStreamsEngine engine)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (count.get() < target && System.nanoTime() < deadline && engine.failure().isEmpty()) {
      Thread.sleep(50);
    }
    assertThat(engine.failure()).as("failure of the engine").isEmpty();
    assertThat(count.get())
        .as("observations processed, state %s", engine.state())
        .isGreaterThanOrEqualTo(target);
  }

  private static EngineListener counting(AtomicInteger count) {
    return new EngineListener() {
      @Override
      public void observed(String feedId) {
        count.incrementAndGet();
      }
    };
  }

  @Test
  void aBatchLargerThanTheMonitorsEmbeddingLagFailsAtStart() {
    int tooLarge = Feeds.MONITOR.maxEmbeddingLag() + 1;
    assertThatThrownBy(
            () ->
                start(
                    settings("lag", stateDir)
                        .batch(new BatchSettings(tooLarge, TestEngines.MAX_WAIT))
                        .build(),
                    EngineListener.NONE,
                    new PrometheusRegistry()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "maxBatch " + tooLarge + " exceeds the monitor's maxEmbeddingLag " + (tooLarge - 1));
  }

  @Test
  void aMissingInputTopicFailsAtStartNamingIt() {
    assertThatThrownBy(
            () ->
                start(
                    settings("absent", stateDir).build(),
                    EngineListener.NONE,
                    new PrometheusRegistry()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input topic absent-in not found on " + kafka.bootstrapServers());
  }

  @Test
  void outputTopicsAreCreatedWithTheInputsPartitions() throws Exception {
    kafka.createTopic("made-in", 3);
    StreamsEngineSettings settings =
        settings("made", stateDir).measuresTopic(Optional.of("made-measures")).build();
    KafkaStreamsEngine.prepareTopics(settings);
    for (String topic : List.of("made-alerts", "made-dead", "made-measures")) {
      assertThat(
              kafka
                  .admin()
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get()
                  .get(topic)
                  .partitions())
          .as(topic)
          .hasSize(3);
    }
  }
}
