package io.isowatch.flink;

import io.isowatch.connectors.synthetic.RegimeChange;
import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.ModelSession;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.runtime.EmbeddedPipeline;
import io.isowatch.runtime.PipelineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The shared test scenario: two synthetic feeds, one with a large level shift, small windows and a
 * short trust calibration ({@link #TRUST}) so the trust score can alert within a few hundred
 * observations, the bundled INT8 model. The expected alerts come from the in-process engine ({@link
 * EmbeddedPipeline}) on the same observations.
 *
 * <p>Windows are embedded one at a time in both engines ({@code maxBatch = 1}) with one ONNX
 * thread: the int8 model quantizes activations per batch, so only then are the embeddings, and with
 * them every signal value and alert summary, the same bit for bit whatever windows share a batch.
 */
final class Scenario {
  static final long LENGTH = 600;
  static final long CHANGE = 420;
  static final double SHIFT = 20;
  static final long SEED = 2;

  /**
   * Trust calibrated on few evaluations (a 600-value feed has ~70): a signal baseline and surprise
   * history of 8, 9 scores of calibration, a false-alarm rate of 0.1, one breach to fire and one
   * clear evaluation to resolve, so the scenario has alerts that fire and resolve.
   */
  static final TrustSettings TRUST = new TrustSettings(0.1, 9, 32, 0, 8, 16, 4, 2, 1, 1, 0, 32);

  private Scenario() {}

  static AgentSpec settings(int maxBatch) {
    return AgentSpec.builder()
        .intraOpThreads(1)
        .window(WindowSpec.builder().length(32).stride(4).build())
        .windowCloudCapacity(8)
        .evaluateEvery(2)
        .trust(TRUST)
        .batch(new BatchSettings(maxBatch, Duration.ofMillis(200)))
        .build();
  }

  /** The observations of both feeds, interleaved in event-time order. */
  static synchronized List<Observation> observations() {
    if (observations == null) {
      observations = List.copyOf(generate());
    }
    return observations;
  }

  private static List<Observation> generate() {
    SyntheticFeed feed =
        SyntheticFeed.builder()
            .feeds(2)
            .length(LENGTH)
            .seed(SEED)
            .changes(
                List.of(
                    new RegimeChange(
                        SyntheticFeed.feedId(0), CHANGE, RegimeChange.Kind.LEVEL_SHIFT, SHIFT)))
            .build();
    List<Observation> observations = new ArrayList<>();
    try {
      feed.run(
          event -> {
            if (event instanceof SourceEvent.Parsed parsed) {
              observations.add(parsed.observation());
            }
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return observations;
  }

  private static List<AlertKey> reference;
  private static List<Observation> observations;

  /** The scenario's observations before {@code time}. */
  static List<Observation> before(Instant time) {
    return observations().stream().filter(o -> o.eventTime().isBefore(time)).toList();
  }

  /** The scenario's observations from {@code from} (inclusive) to {@code to} (exclusive). */
  static List<Observation> between(Instant from, Instant to) {
    return observations().stream()
        .filter(o -> !o.eventTime().isBefore(from) && o.eventTime().isBefore(to))
        .toList();
  }

  /** The scenario's observations from {@code time} on. */
  static List<Observation> from(Instant time) {
    return observations().stream().filter(o -> !o.eventTime().isBefore(time)).toList();
  }

  /**
   * The alerts the in-process engine raises on {@link #observations()} with {@link #settings}
   * {@code (1)}; computed once per test JVM.
   */
  static synchronized List<AlertKey> referenceAlerts() throws Exception {
    if (reference == null) {
      reference = referenceAlerts(observations(), settings(1));
    }
    return reference;
  }

  /**
   * The alerts the in-process engine raises on {@code observations}, batching as {@code settings}
   * say (windows in arrival order, {@code maxBatch} to a batch when {@code maxWait} is long).
   */
  static List<AlertKey> referenceAlerts(List<Observation> observations, AgentSpec settings)
      throws Exception {
    List<Alert> alerts = new ArrayList<>();
    try (ModelSession model = settings.agentModel().open();
        EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(new ListSource(observations))
                .encoder(model.encoder())
                .embedder(model.embedder())
                .monitorSettings(settings.monitorSettings())
                .softmaxSources(settings.agentModel().forecasts(settings.monitorSettings()))
                .riskModel(settings.riskModel())
                .settings(PipelineSettings.builder().batch(settings.batch()).build())
                .alertSink(alerts::add)
                .deadLetterSink(rejection -> {})
                .build()) {
      pipeline.run();
    }
    List<AlertKey> expected = AlertKey.sorted(alerts);
    expected.forEach(alert -> System.out.println("reference alert: " + alert));
    return expected;
  }

  /** A local MiniCluster environment that refuses Kryo for any type. */
  static StreamExecutionEnvironment environment(int parallelism, Configuration extra) {
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false);
    config.addAll(extra);
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
  }

  /**
   * An alert without its wall-clock {@code raisedAt}: what two runs on the same data must agree on.
   */
  record AlertKey(
      String id,
      String feedId,
      String severity,
      String state,
      Instant from,
      Instant to,
      String summary) {
    static AlertKey of(Alert alert) {
      return new AlertKey(
          alert.id(),
          alert.feedId(),
          alert.severity().label(),
          alert.state().name(),
          alert.from(),
          alert.to(),
          alert.summary());
    }

    /** In a fixed order: by feed, then by event time, then by id and state. */
    static List<AlertKey> sorted(Collection<Alert> alerts) {
      return alerts.stream()
          .map(AlertKey::of)
          .sorted(
              Comparator.comparing(AlertKey::feedId)
                  .thenComparing(AlertKey::to)
                  .thenComparing(AlertKey::id)
                  .thenComparing(AlertKey::state)
                  .thenComparing(AlertKey::severity))
          .toList();
    }
  }

  /** Hands a list of observations to the in-process engine. */
  private static final class ListSource implements ObservationSource {
    private final List<Observation> observations;

    ListSource(List<Observation> observations) {
      this.observations = observations;
    }

    @Override
    public void run(Consumer<SourceEvent> downstream) {
      observations.forEach(observation -> downstream.accept(new SourceEvent.Parsed(observation)));
    }

    @Override
    public String describe() {
      return observations.size() + " observations";
    }
  }
}
