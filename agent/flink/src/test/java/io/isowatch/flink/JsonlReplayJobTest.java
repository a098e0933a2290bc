package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.report.Metric;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.flink.Scenario.AlertKey;
import io.isowatch.flink.metrics.IsowatchMetrics;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.encode.ResourceLocation;
import io.isowatch.runtime.metrics.FalseAlarmRateMetric;
import io.isowatch.runtime.metrics.PrometheusPipelineMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole job on a Flink MiniCluster, replaying a JSON Lines file with the bundled model: the
 * alerts are the in-process engine's on the same data (where one feed's records carry production
 * forecasts, which the trust score then learns from), bad lines come out as dead letters with their
 * reason, no type falls back to Kryo (generic types are disabled), and a metric reporter sees the
 * in-process engine's metric names with counts that match the input.
 */
class JsonlReplayJobTest {
  private static final String NOT_JSON = "this is no observation";
  private static final String NO_VALUE =
      "{\"feed\":\"synthetic-1\",\"time\":\"2024-01-01T00:00:30Z\"}";

  private static List<Observation> observations;
  private static List<AlertKey> expected;

  @TempDir static Path folder;

  @BeforeAll
  static void reference() throws Exception {
    observations = withNaiveForecasts(Scenario.observations(), "synthetic-1");
    expected = Scenario.referenceAlerts(observations, Scenario.settings(1));
    assertThat(expected)
        .as("the production forecasts change what the trust score learns, so its alerts")
        .isNotEqualTo(Scenario.referenceAlerts());
  }

  /**
   * Windows of both feeds share each embedding call on one subtask, so every batch is judged by
   * switching between the feeds' monitors. With a wait longer than the run, both engines cut the
   * same batches (every {@code maxBatch} windows in arrival order, the rest at the end), so the
   * int8 model's per-batch quantization gives both the same embeddings and the same alerts. The
   * Flink row of the engine matrix: MiniLM's text with the online head, and the numeric LM's
   * Chronos tokens with its own logits (restored with each feed's keyed state).
   */
  @ParameterizedTest
  @EnumSource(
      value = ModelChoice.class,
      names = {"MINILM_INT8", "NUMERIC_LM"})
  void windowsOfSeveralFeedsShareABatchAndEachReachesItsOwnMonitor(ModelChoice model)
      throws Exception {
    AgentSpec batched = batched(model).build();
    List<AlertKey> reference = Scenario.referenceAlerts(observations, batched);
    assertThat(reference).isNotEmpty();

    assertThat(replay(batched, "batched-" + model.label())).isEqualTo(reference);
  }

  /**
   * A risk model other than the bundled one (here one that gives every vector the same risk)
   * travels to the task with the job's spec, as its text, and judges there as the in-process engine
   * judges with it: not as the bundled model would.
   */
  @Test
  void theSpecsOwnRiskModelTravelsToTheTaskAndJudgesThere() throws Exception {
    AgentSpec own = batched(ModelChoice.NUMERIC_LM).riskModel(RiskModel.constant()).build();
    List<AlertKey> reference = Scenario.referenceAlerts(observations, own);
    assertThat(reference)
        .as("the risk model changes the alerts")
        .isNotEqualTo(
            Scenario.referenceAlerts(observations, batched(ModelChoice.NUMERIC_LM).build()));

    assertThat(replay(own, "own-risk-model")).isEqualTo(reference);
  }

  /**
   * A user's own export (here a copy of the numeric LM's graph, declared as the user's) travels to
   * the task managers with the job, through Flink's distributed cache: the client's file is deleted
   * once the job is submitted, and the tasks judge with the copy that travelled, as the in-process
   * engine judges with the original.
   */
  @Test
  void aUsersOwnModelTravelsWithTheJob() throws Exception {
    Path graph = folder.resolve("own-numeric-lm.onnx");
    try (InputStream in = ModelChoice.NUMERIC_LM.manifest().model().open()) {
      Files.copy(in, graph, StandardCopyOption.REPLACE_EXISTING);
    }
    ModelManifest own =
        ModelChoice.NUMERIC_LM.manifest().toBuilder()
            .name("own-numeric-lm")
            .model(ResourceLocation.file(graph))
            .build();
    AgentSpec spec = batched(ModelChoice.NUMERIC_LM).model(own).build();
    assertThat(spec.bundledModel()).isEmpty();
    List<AlertKey> reference = Scenario.referenceAlerts(observations, spec);
    assertThat(reference).isNotEmpty();

    assertThat(replay(spec, "own-model", () -> Files.delete(graph))).isEqualTo(reference);
    assertThat(graph).doesNotExist();
  }

  /** Both feeds' windows in batches of 8, whose wait outlasts the run. */
  private static AgentSpec.Builder batched(ModelChoice model) {
    return AgentSpec.builder()
        .model(model)
        .intraOpThreads(1)
        .window(Scenario.settings(1).window())
        .windowCloudCapacity(8)
        .evaluateEvery(2)
        .trust(Scenario.TRUST)
        .batch(new BatchSettings(8, Duration.ofMinutes(10)));
  }

  /** The alerts of the job on a MiniCluster replaying {@link #observations} with {@code spec}. */
  private static List<AlertKey> replay(AgentSpec spec, String name) throws Exception {
    return replay(spec, name, () -> {});
  }

  /** Something done on the client once the job is submitted. */
  @FunctionalInterface
  private interface AfterSubmission {
    void run() throws IOException;
  }

  private static List<AlertKey> replay(AgentSpec spec, String name, AfterSubmission after)
      throws Exception {
    Path file = folder.resolve(name + ".jsonl");
    ObservationJson json = ObservationJson.defaults();
    Files.write(file, observations.stream().map(json::encode).toList(), StandardCharsets.UTF_8);

    StreamExecutionEnvironment env = Scenario.environment(1, new Configuration());
    IsowatchTopology.Outputs outputs =
        IsowatchTopology.build(JsonlFiles.events(env, List.of(file)), spec);
    List<Alert> alerts = new ArrayList<>();
    try (CloseableIterator<Alert> iterator = outputs.alerts().collectAsync()) {
      env.executeAsync(name + " jsonl replay test");
      after.run();
      iterator.forEachRemaining(alerts::add);
    }
    return AlertKey.sorted(alerts);
  }

  /** Every record of {@code feed} forecasts that its next value repeats this one. */
  private static List<Observation> withNaiveForecasts(List<Observation> all, String feed) {
    List<Observation> result = new ArrayList<>(all);
    int previous = -1;
    for (int i = 0; i < result.size(); i++) {
      Observation o = result.get(i);
      if (!o.feedId().equals(feed)) {
        continue;
      }
      if (previous >= 0) {
        Observation p = result.get(previous);
        result.set(
            previous,
            new Observation(
                p.feedId(),
                p.eventTime(),
                p.value(),
                Optional.of(Forecast.point(o.eventTime(), p.value()))));
      }
      previous = i;
    }
    return List.copyOf(result);
  }

  @Test
  void theJobRaisesTheAlertsOfTheInProcessEngineAndSetsBadLinesAside() throws Exception {
    assertThat(expected).as("alerts of the in-process engine on the scenario").isNotEmpty();
    Observation notFinite =
        new Observation("synthetic-0", observations.get(0).eventTime().plusSeconds(30), Double.NaN);
    Path file = folder.resolve("feeds.jsonl");
    List<String> lines = new ArrayList<>();
    ObservationJson json = ObservationJson.defaults();
    lines.add(NOT_JSON);
    for (int i = 0; i < observations.size(); i++) {
      lines.add(json.encode(observations.get(i)));
      if (i == 0) {
        lines.add(json.encode(notFinite));
        lines.add(NO_VALUE);
      }
    }
    Files.write(file, lines, StandardCharsets.UTF_8);

    Configuration config = new Configuration();
    RecordingReporter.configure(config);
    RecordingReporter.REGISTERED.clear();
    StreamExecutionEnvironment env = Scenario.environment(2, config);
    IsowatchTopology.Outputs outputs =
        IsowatchTopology.build(JsonlFiles.events(env, List.of(file)), Scenario.settings(1));
    List<Alert> alerts = new ArrayList<>();
    List<Rejection> deadLetters = new ArrayList<>();
    try (CloseableIterator<Alert> alertIterator = outputs.alerts().collectAsync();
        CloseableIterator<Rejection> deadLetterIterator = outputs.deadLetters().collectAsync()) {
      env.execute("jsonl replay test");
      alertIterator.forEachRemaining(alerts::add);
      deadLetterIterator.forEachRemaining(deadLetters::add);
    }

    assertThat(AlertKey.sorted(alerts)).isEqualTo(expected);
    assertThat(deadLetters)
        .extracting(Rejection::reason, Rejection::original)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, NOT_JSON),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.MISSING_FIELD, NO_VALUE),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.NOT_FINITE, notFinite.asText()));

    assertMetrics(alerts);
  }

  /**
   * The job's measures as Flink metrics: the names of the in-process engine's Prometheus metrics,
   * labels as metric-group variables, and counts derived here from the input.
   */
  private static void assertMetrics(List<Alert> alerts) {
    List<RecordingReporter.Registered> metrics = RecordingReporter.REGISTERED;
    Set<String> names =
        metrics.stream()
            .map(RecordingReporter.Registered::name)
            .filter(name -> name.startsWith("isowatch_"))
            .collect(Collectors.toSet());
    // Flink registers a counter with its first count: this input has no gap, so no restart.
    Set<String> expectedNames = new TreeSet<>(runtimeMetricNames());
    expectedNames.remove(Metric.RESTARTS.metricName());
    assertThat(names).isEqualTo(expectedNames);
    assertThat(
            metrics.stream()
                .filter(m -> m.name().equals(IsowatchMetrics.FALSE_ALARM_RATE))
                .map(m -> (Object) ((Gauge<?>) m.metric()).getValue())
                .distinct()
                .toList())
        .as("the false-alarm rate the monitors judge with, from every subtask")
        .containsExactly((Object) Scenario.TRUST.falseAlarmRate());

    Map<String, Long> windowsPerFeed = new TreeMap<>();
    Map<String, Long> observationsPerFeed = new TreeMap<>();
    for (Observation observation : observations) {
      observationsPerFeed.merge(observation.feedId(), 1L, Long::sum);
    }
    for (String feed : observationsPerFeed.keySet()) {
      FeedWindower windower =
          FeedWindower.create(feed, Scenario.settings(1).monitorSettings().window());
      long windows = 0;
      for (Observation observation : observations) {
        if (observation.feedId().equals(feed)) {
          windows += windower.accept(observation).windows().size();
        }
      }
      windowsPerFeed.put(feed, windows + windower.flush().windows().size());
    }
    assertThat(countersBy(metrics, Metric.OBSERVATIONS.metricName(), "<feed>"))
        .isEqualTo(observationsPerFeed);
    assertThat(
            metrics.stream()
                .filter(m -> m.name().equals(Metric.FEEDS.metricName()))
                .mapToLong(m -> ((Number) ((Gauge<?>) m.metric()).getValue()).longValue())
                .sum())
        .as("the feeds whose state the subtasks keep")
        .isEqualTo(observationsPerFeed.size());
    assertThat(countersBy(metrics, Metric.WINDOWS.metricName(), "<feed>"))
        .isEqualTo(windowsPerFeed);
    assertThat(countersBy(metrics, Metric.REJECTED.metricName(), "<reason>"))
        .isEqualTo(Map.of("unparsable", 1L, "missing_field", 1L, "not_finite", 1L));
    assertThat(countersBy(metrics, Metric.ALERTS.metricName(), "<rule>"))
        .isEqualTo(
            alerts.stream().collect(Collectors.groupingBy(Alert::rule, Collectors.counting())));
    Map<String, Double> firing = new TreeMap<>();
    for (AlertKey alert : AlertKey.sorted(alerts)) {
      firing.put(
          alert.feedId() + "/" + alert.id().split("/")[1],
          alert.state().equals("FIRING") ? 1. : 0.);
    }
    assertThat(gaugesBy(metrics, Metric.FIRING.metricName(), "<feed>", "<rule>"))
        .as("whether the last alert of each feed and rule fires")
        .isEqualTo(firing);
    assertThat(
            gaugesBy(metrics, Metric.FORECASTS_PENDING.metricName(), "<feed>", "<feed>").keySet())
        .containsExactlyElementsOf(
            observationsPerFeed.keySet().stream().map(f -> f + "/" + f).toList());
    assertThat(gaugesBy(metrics, Metric.signal(MonitorSignal.TRUST_SCORE), "<feed>", "<feed>"))
        .as("the trust score of each feed, a p-value")
        .containsOnlyKeys(observationsPerFeed.keySet().stream().map(f -> f + "/" + f).toList())
        .allSatisfy((feed, trust) -> assertThat(trust).isBetween(0.0, 1.0));
    long batches =
        metrics.stream()
            .filter(m -> m.name().equals(Metric.BATCH_SIZE.metricName()))
            .mapToLong(m -> ((Histogram) m.metric()).getCount())
            .sum();
    assertThat(batches)
        .as("embedding calls, one window each")
        .isEqualTo(windowsPerFeed.values().stream().mapToLong(Long::longValue).sum());
  }

  private static Map<String, Long> countersBy(
      List<RecordingReporter.Registered> metrics, String name, String variable) {
    Map<String, Long> counts = new TreeMap<>();
    metrics.stream()
        .filter(m -> m.name().equals(name))
        .forEach(
            m ->
                counts.merge(
                    m.variables().get(variable), ((Counter) m.metric()).getCount(), Long::sum));
    return counts;
  }

  /** The current values of gauge {@code name}, by two of its variables joined with a slash. */
  @SuppressWarnings("unchecked")
  private static Map<String, Double> gaugesBy(
      List<RecordingReporter.Registered> metrics, String name, String first, String second) {
    Map<String, Double> values = new TreeMap<>();
    metrics.stream()
        .filter(m -> m.name().equals(name))
        .forEach(
            m ->
                values.put(
                    m.variables().get(first) + "/" + m.variables().get(second),
                    ((Gauge<Number>) m.metric()).getValue().doubleValue()));
    return values;
  }

  /** The metric names the in-process engine exposes, as its Prometheus registry lists them. */
  private static Set<String> runtimeMetricNames() {
    PrometheusRegistry registry = new PrometheusRegistry();
    new PrometheusPipelineMetrics(registry);
    FalseAlarmRateMetric.register(registry, Scenario.TRUST.falseAlarmRate());
    Set<String> names = new TreeSet<>();
    for (MetricSnapshot snapshot : registry.scrape()) {
      String name = snapshot.getMetadata().getPrometheusName();
      names.add(snapshot instanceof CounterSnapshot ? name + "_total" : name);
    }
    return names;
  }
}
