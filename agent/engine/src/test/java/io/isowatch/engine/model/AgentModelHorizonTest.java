package io.isowatch.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.SoftmaxSource;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.NumericLanguageModel;
import io.isowatch.model.embed.OnnxEmbedder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The horizon reaches the model through the spec every engine builds it from: a numeric LM trained
 * for forecast queries is asked {@code horizon - 1} of them after each window, so that its own
 * forecast is for the value the agent judges it against; horizon 1 asks nothing, nor does an export
 * whose manifest.json names no queries. The bundled graph is declared as trained for them here
 * ({@link #QUERIES_DECLARED}) whatever its export says, and what is checked holds whatever its
 * weights; the bundled manifest as it is decides only whether the spec's model asks them.
 */
class AgentModelHorizonTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  /** The bundled numeric LM's graph, declared as trained for forecast queries. */
  private static final ModelManifest QUERIES_DECLARED =
      NumericLanguageModel.manifest().toBuilder()
          .forecastQueries(NumericLanguageModel.forecastQueries())
          .build();

  private static double[] series(int length, long seed) {
    Random random = new Random(seed);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = 40 + 10 * Math.sin(2 * Math.PI * i / 24) + random.nextGaussian();
    }
    return values;
  }

  /** The numeric LM trained for forecast queries, forecasting {@code horizon} steps ahead. */
  private static AgentModel numericLm(int horizon) {
    return new AgentModel(
        QUERIES_DECLARED,
        Device.CPU,
        0,
        EncoderSettings.defaults(),
        ModelChoice.NUMERIC_LM.tokens(),
        horizon);
  }

  /** The window's own ids, then {@code queries} query ids: the question built by hand. */
  private static EncodedWindow handBuilt(double[] values, int queries) {
    long[] context = NumericLanguageModel.encoder().encode(values).inputIds();
    long[] ids = Arrays.copyOf(context, context.length + queries);
    Arrays.fill(ids, context.length, ids.length, NumericLanguageModel.QUERY_TOKEN_ID);
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    return new EncodedWindow(ids, mask, new long[ids.length]);
  }

  @Test
  void horizonOneAsksNothing() {
    AgentModel model = AgentSpec.builder().model(ModelChoice.NUMERIC_LM).build().agentModel();
    double[] values = series(80, 1);

    WindowEncoder encoder = model.newEncoder();

    assertThat(model.horizon()).isEqualTo(1);
    assertThat(model.forecastQueries()).isZero();
    assertThat(encoder).isInstanceOf(ChronosEncoder.class);
    EncodedWindow encoded = encoder.encode(values);
    assertThat(encoded.inputIds())
        .containsExactly(NumericLanguageModel.encoder().encode(values).inputIds());
    assertThat(encoded.queries()).isZero();
    try (OnnxEmbedder embedder = model.newEmbedder()) {
      assertThat(embedder.manifest()).isEqualTo(NumericLanguageModel.manifest());
    }
    AgentModel trained = numericLm(1);
    assertThat(trained.forecastQueries()).isZero();
    assertThat(trained.newEncoder()).isInstanceOf(ChronosEncoder.class);
    try (OnnxEmbedder embedder = trained.newEmbedder()) {
      assertThat(embedder.manifest().maxTokens()).isEqualTo(64);
    }
  }

  /**
   * The spec passes its horizon to the model whatever the export; queries follow its manifest.json:
   * an export that names none forecasts the next value at any horizon the monitor keeps.
   */
  @Test
  void theSpecsModelAsksQueriesOnlyWhenTheBundledExportNamesThem() {
    boolean trained = NumericLanguageModel.answersForecastQueries();
    AgentModel model =
        AgentSpec.builder().model(ModelChoice.NUMERIC_LM).horizon(3).build().agentModel();
    double[] values = series(80, 4);

    assertThat(model.horizon()).isEqualTo(3);
    assertThat(model.manifest().forecastQueries().isPresent()).isEqualTo(trained);
    assertThat(model.forecastQueries()).isEqualTo(trained ? 2 : 0);
    EncodedWindow encoded = model.newEncoder().encode(values);
    assertThat(encoded.queries()).isEqualTo(trained ? 2 : 0);
    assertThat(encoded.contextLength()).isEqualTo(64);
    MonitorSettings monitor =
        MonitorSettings.builder().width(NumericLanguageModel.WIDTH).horizon(3).build();
    assertThat(model.forecasts(monitor)).isNotNull();
    if (trained) {
      assertThatThrownBy(
              () ->
                  AgentSpec.builder()
                      .model(ModelChoice.NUMERIC_LM)
                      .horizon(NumericLanguageModel.QUERY_STEPS + 1)
                      .build())
          .hasMessageStartingWith("horizon must be at most 48");
    } else {
      AgentModel far =
          AgentSpec.builder().model(ModelChoice.NUMERIC_LM).horizon(63).build().agentModel();
      assertThat(far.horizon()).isEqualTo(63);
      assertThat(far.forecastQueries()).as("an untrained export is asked nothing").isZero();
      assertThat(far.newEncoder()).isInstanceOf(ChronosEncoder.class);
    }
  }

  @Test
  void horizonThreeAsksTwoQueriesAfterTheSameContext() {
    AgentModel model = numericLm(3);
    double[] values = series(80, 2);

    EncodedWindow asked = model.newEncoder().encode(values);

    assertThat(model.forecastQueries()).isEqualTo(2);
    assertThat(asked.queries()).isEqualTo(2);
    assertThat(asked.contextLength()).as("the context stays 64 values").isEqualTo(64);
    assertThat(asked.inputIds()).containsExactly(handBuilt(values, 2).inputIds());
    try (OnnxEmbedder embedder = model.newEmbedder()) {
      assertThat(embedder.manifest().maxTokens()).isEqualTo(64 + 2);
      Embedding answer = embedder.embed(List.of(asked)).get(0);
      assertThat(answer.tokenStates()).hasNumberOfRows(64);
    }
  }

  @Test
  void aHorizonBeyondTheQueriesIsRefusedAtStartUp() {
    assertThat(numericLm(NumericLanguageModel.QUERY_STEPS).forecastQueries()).isEqualTo(47);
    assertThatThrownBy(() -> numericLm(NumericLanguageModel.QUERY_STEPS + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "horizon must be at most 48 with model isowatch-numeric-lm, whose forecast queries"
                + " answer 1 to 48 steps ahead; got 49: set horizon to at most 48");
    AgentModel minilm =
        AgentSpec.builder().model(ModelChoice.MINILM_INT8).horizon(49).build().agentModel();
    assertThat(minilm.forecastQueries()).as("the online head is not asked").isZero();
  }

  @Test
  void aMonitorOfAnotherHorizonIsRefused() {
    MonitorSettings monitor =
        MonitorSettings.builder().width(NumericLanguageModel.WIDTH).horizon(3).build();
    AgentModel nextValue = numericLm(1);

    assertThatThrownBy(() -> nextValue.forecasts(monitor))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("build the model withHorizon(3)");
    assertThat(nextValue.withHorizon(3).forecasts(monitor)).isNotNull();
  }

  /**
   * A feed monitor of a horizon-3 spec forecasts the median the model gives to the window's ids
   * followed by two query ids; the next value's median is another.
   */
  @Test
  void theAgentsForecastIsTheAnswerToTheQuestionAskedByHand() throws Exception {
    AgentSpec spec = AgentSpec.builder().model(ModelChoice.NUMERIC_LM).horizon(3).build();
    AgentModel model = numericLm(spec.horizon());
    SoftmaxSource byHand = NumericLanguageModel.logitsSource();
    double[] values = series(200, 3);
    int differs = 0;
    int checked = 0;
    try (ModelSession session = model.open();
        OnnxEmbedder reference =
            OnnxEmbedder.builder()
                .manifest(NumericLanguageModel.manifest(NumericLanguageModel.DEFAULT_STATES, 66))
                .build()) {
      MonitorSettings settings = spec.monitorSettings(session.embedder().dimension());
      FeedMonitor monitor = FeedMonitor.create("feed", settings, model.forecasts(settings));
      List<Window> windows = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        windows.addAll(
            monitor.accept(new Observation("feed", T0.plusSeconds(60L * i), values[i])).windows());
      }
      List<EncodedWindow> encoded = new ArrayList<>();
      windows.forEach(window -> encoded.add(session.encoder().encode(window.values())));
      List<Embedding> embeddings = session.embedder().embed(encoded);
      assertThat(windows).hasSizeGreaterThan(5);

      for (int w = 0; w < windows.size(); w++) {
        Window window = windows.get(w);
        double agent =
            monitor.onEmbedded(window, embeddings.get(w)).forecast().orElseThrow().median();
        Embedding asked = reference.embed(List.of(handBuilt(window.values(), 2))).get(0);
        Embedding next = reference.embed(List.of(handBuilt(window.values(), 0))).get(0);
        double expected = byHand.predict(window, asked).orElseThrow().median();
        double nextValue = byHand.predict(window, next).orElseThrow().median();

        assertThat(agent)
            .as("window %d", w)
            .isCloseTo(expected, within(1e-6 * (1 + Math.abs(expected))));
        checked++;
        if (Math.abs(agent - nextValue) > 1e-6 * (1 + Math.abs(nextValue))) {
          differs++;
        }
      }
    }
    assertThat(differs)
        .as("of %d windows, forecasts unlike the next value's", checked)
        .isPositive();
  }
}
