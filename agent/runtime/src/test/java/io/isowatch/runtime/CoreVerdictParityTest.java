package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.synthetic.SyntheticFeed;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.io.ObservationSource;
import io.isowatch.core.io.SourceEvent;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.model.embed.Device;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedded row of the engine matrix: for MiniLM's text with the online head and for the numeric
 * LM's Chronos tokens with its own logits, each built by the engines' one factory ({@link
 * AgentModel}), the in-process engine's verdicts are the core's on the same observations: one
 * monitor per feed, each window embedded on its own as soon as it is complete. So they are with
 * judging overlapping the next batch's embedding (the default) and without.
 */
class CoreVerdictParityTest {
  private static final MonitorSettings TOUCHY =
      MonitorSettings.builder()
          .window(WindowSpec.builder().length(32).stride(8).build())
          .windowCloudCapacity(6)
          .evaluateEvery(1)
          // alpha 0.2 and a short calibration, so that 400 values per feed raise alerts
          .trust(new TrustSettings(0.2, 4, 16, 1, 8, 8, 4, 2, 1, 1, 0, 32))
          .build();

  /**
   * What two runs on the same observations must agree on: all but an alert's wall-clock stamp and
   * the count of forecasts still waiting (which is, by nature, the embedding lag).
   */
  record VerdictKey(
      String feed,
      long sequence,
      Map<?, Double> signals,
      Object forecast,
      Object trust,
      Object realizedError,
      List<String> alerts) {
    static VerdictKey of(WindowVerdict verdict) {
      return new VerdictKey(
          verdict.window().feedId(),
          verdict.window().sequence(),
          verdict.signals(),
          verdict.forecast(),
          verdict.trust(),
          verdict.realizedError(),
          verdict.alerts().stream().map(Alert::content).toList());
    }
  }

  // MiniLM fp32: its embedding of a window does not depend on its batch (int8's does).
  @ParameterizedTest
  @EnumSource(
      value = ModelChoice.class,
      names = {"MINILM_FP32", "NUMERIC_LM"})
  void theEnginesVerdictsAreTheCoresForEachModelAndForecastSource(ModelChoice choice)
      throws Exception {
    AgentModel model = AgentModel.bundled(choice, Device.CPU, 2, EncoderSettings.defaults());
    List<Observation> observations = observations();
    try (Embedder embedder = model.newEmbedder()) {
      WindowEncoder encoder = model.newEncoder();
      MonitorSettings settings = TOUCHY.toBuilder().width(embedder.dimension()).build();
      SoftmaxSources forecasts = model.forecasts(settings);
      List<VerdictKey> direct =
          direct(
              observations,
              encoder,
              embedder,
              new MonitorRecipe(settings, forecasts, RiskModel.bundled()));
      assertThat(direct).as("evaluated windows").anyMatch(v -> !v.signals().isEmpty());

      for (boolean overlap : new boolean[] {true, false}) {
        List<VerdictKey> engine = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        Set<String> judgedOn = new HashSet<>();
        Set<String> embeddedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (EmbeddedPipeline pipeline =
            EmbeddedPipeline.builder()
                .source(listed(observations))
                .encoder(encoder)
                .embedder(recordingThreads(embedder, embeddedOn))
                .monitorSettings(settings)
                .softmaxSources(forecasts)
                .settings(
                    PipelineSettings.builder()
                        .batch(new BatchSettings(16, Duration.ofSeconds(10)))
                        .build())
                .overlapJudging(overlap)
                .listener(
                    new EngineListener() {
                      @Override
                      public void verdict(WindowVerdict verdict) {
                        engine.add(VerdictKey.of(verdict));
                        judgedOn.add(Thread.currentThread().getName());
                      }

                      @Override
                      public void embedded(int batchSize, long nanos) {
                        batches.add(batchSize);
                      }
                    })
                .alertSink(alert -> {})
                .deadLetterSink(rejection -> {})
                .build()) {
          pipeline.run();
        }

        assertThat(batches).as("windows of several feeds share a batch").contains(16);
        assertThat(engine).as("overlap " + overlap).containsExactlyElementsOf(direct);
        assertThat(engine.stream().filter(v -> !v.alerts().isEmpty()))
            .as("the data raises alerts to compare")
            .isNotEmpty();
        assertThat(judgedOn).as("judged on the worker").doesNotContain("model");
        if (overlap) {
          assertThat(embeddedOn).as("embedded on the model thread").containsOnly("model");
        } else {
          assertThat(embeddedOn).doesNotContain("model");
        }
      }
    }
  }

  /**
   * The risk model given to the engine (here one that gives every vector the same risk) judges
   * every feed as the core judges with it, not as the bundled model would.
   */
  @Test
  void theEngineJudgesWithTheRiskModelItIsGiven() throws Exception {
    AgentModel model =
        AgentModel.bundled(ModelChoice.NUMERIC_LM, Device.CPU, 2, EncoderSettings.defaults());
    List<Observation> observations = observations();
    try (Embedder embedder = model.newEmbedder()) {
      WindowEncoder encoder = model.newEncoder();
      MonitorSettings settings = TOUCHY.toBuilder().width(embedder.dimension()).build();
      MonitorRecipe own =
          new MonitorRecipe(settings, model.forecasts(settings), RiskModel.constant());
      List<VerdictKey> direct = direct(observations, encoder, embedder, own);
      assertThat(direct)
          .as("the risk model moves the trust score")
          .isNotEqualTo(
              direct(
                  observations,
                  encoder,
                  embedder,
                  new MonitorRecipe(settings, model.forecasts(settings), RiskModel.bundled())));

      List<VerdictKey> engine = new ArrayList<>();
      try (EmbeddedPipeline pipeline =
          EmbeddedPipeline.builder()
              .source(listed(observations))
              .encoder(encoder)
              .embedder(embedder)
              .monitorSettings(settings)
              .softmaxSources(own.forecasts())
              .riskModel(own.riskModel())
              .listener(
                  new EngineListener() {
                    @Override
                    public void verdict(WindowVerdict verdict) {
                      engine.add(VerdictKey.of(verdict));
                    }
                  })
              .alertSink(alert -> {})
              .deadLetterSink(rejection -> {})
              .build()) {
        pipeline.run();
      }

      assertThat(engine).containsExactlyElementsOf(direct);
    }
  }

  /** The embedder, noting the threads it is called on. */
  private static Embedder recordingThreads(Embedder embedder, Set<String> threads) {
    return new Embedder() {
      @Override
      public List<Embedding> embed(List<EncodedWindow> batch) {
        threads.add(Thread.currentThread().getName());
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

  private static List<VerdictKey> direct(
      List<Observation> observations,
      WindowEncoder encoder,
      Embedder embedder,
      MonitorRecipe recipe) {
    Map<String, FeedMonitor> monitors = new LinkedHashMap<>();
    List<VerdictKey> verdicts = new ArrayList<>();
    for (Observation observation : observations) {
      FeedMonitor monitor = monitors.computeIfAbsent(observation.feedId(), recipe::create);
      for (Window window : monitor.accept(observation).windows()) {
        Embedding embedding = embedder.embed(List.of(encoder.encode(window.values()))).get(0);
        verdicts.add(VerdictKey.of(monitor.onEmbedded(window, embedding)));
      }
    }
    for (Map.Entry<String, FeedMonitor> feed : monitors.entrySet()) {
      for (Window window : feed.getValue().flush().windows()) {
        Embedding embedding = embedder.embed(List.of(encoder.encode(window.values()))).get(0);
        verdicts.add(VerdictKey.of(feed.getValue().onEmbedded(window, embedding)));
      }
    }
    return verdicts;
  }

  private static List<Observation> observations() throws InterruptedException {
    return SyntheticFeed.builder().feeds(3).length(400).seed(7).build().observations();
  }

  private static ObservationSource listed(List<Observation> observations) {
    return new ObservationSource() {
      @Override
      public void run(Consumer<SourceEvent> downstream) {
        observations.forEach(o -> downstream.accept(new SourceEvent.Parsed(o)));
      }

      @Override
      public String describe() {
        return "test observations";
      }
    };
  }
}
