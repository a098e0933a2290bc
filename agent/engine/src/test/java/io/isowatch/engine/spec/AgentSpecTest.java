package io.isowatch.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.TrainedOn;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.ResourceLocation;
import io.isowatch.model.encode.Scaling;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent specification survives the Java serialization Flink ships functions with, rebuilds the
 * core's settings unchanged, and refuses bad values in the words of the settings type that checks
 * them.
 */
class AgentSpecTest {
  @Test
  void aSpecSurvivesJavaSerializationAndRebuildsTheCoreSettings() throws Exception {
    WindowSpec window =
        WindowSpec.builder()
            .length(48)
            .stride(6)
            .allowedLateness(Duration.ofMinutes(2))
            .maxGap(Duration.ofHours(1))
            .maxPending(100)
            .maxAhead(Duration.ofMinutes(5))
            .build();
    TrustSettings trust = TrustSettings.forFalseAlarmRate(0.05).withConfirm(3);
    HeadSettings head = new HeadSettings(16, HeadSettings.Binning.UNIFORM, -1, 2, 40, 0.2, 1e-4);
    AgentSpec spec =
        AgentSpec.builder()
            .model(ModelChoice.NUMERIC_LM)
            .intraOpThreads(2)
            .encoder(new EncoderSettings(NumberFormat.INTEGER, ";", Scaling.fixed(0, 100)))
            .window(window)
            .windowCloudCapacity(16)
            .evaluateEvery(3)
            .head(head)
            .horizon(2)
            .intervalLevel(0.8)
            .trust(trust)
            .batch(new BatchSettings(8, Duration.ofMillis(20)))
            .build();

    AgentSpec back = roundTrip(spec);

    assertThat(back).isEqualTo(spec);
    assertThat(back.monitorSettings(384))
        .isEqualTo(
            MonitorSettings.builder()
                .window(window)
                .width(384)
                .windowCloudCapacity(16)
                .evaluateEvery(3)
                .head(head)
                .horizon(2)
                .intervalLevel(0.8)
                .trust(trust)
                .build());
    // the default spec's monitors are as wide as the default model's states
    assertThat(AgentSpec.defaults().monitorSettings().width())
        .isEqualTo(ModelChoice.DEFAULT.manifest().hiddenWidth().orElseThrow());
    assertThat(AgentSpec.builder().model(ModelChoice.MINILM_INT8).build().monitorSettings().width())
        .isEqualTo(384);
  }

  @Test
  void aWindowWithoutAGapLimitTravelsToo() throws Exception {
    assertThat(roundTrip(AgentSpec.defaults())).isEqualTo(AgentSpec.defaults());
  }

  /** The bundled risk model travels by name; another one as its artifact's text. */
  @Test
  void aRiskModelOtherThanTheBundledOneTravelsAsItsText() throws Exception {
    AgentSpec own = AgentSpec.builder().riskModel(RiskModel.constant()).build();

    AgentSpec back = roundTrip(own);

    assertThat(back).isEqualTo(own);
    assertThat(back.riskModel().format()).isEqualTo(RiskModel.constant().format());
    assertThat(back.riskModel()).isNotEqualTo(RiskModel.bundled());
    assertThat(roundTrip(AgentSpec.defaults()).riskModel()).isSameAs(RiskModel.bundled());
  }

  /**
   * A risk model reads one model's signals at one horizon. An operator's own trained on others is
   * refused at start-up with how to train one that fits; the bundled one, the default under every
   * model, only gets a note when it does not fit. A model whose manifest does not say is taken as
   * it is.
   */
  @Test
  void aRiskModelTrainedOnOtherSignalsIsRefusedOrNoted() {
    String lm = ModelChoice.NUMERIC_LM.manifest().label();
    String minilm = ModelChoice.MINILM_INT8.manifest().label();
    RiskModel ownAtHorizon1 = RiskModel.constant().trainedOn(new TrainedOn(lm, 1));

    assertThat(AgentSpec.builder().riskModel(ownAtHorizon1).build().riskModelNote()).isEmpty();
    assertThatThrownBy(() -> AgentSpec.builder().riskModel(ownAtHorizon1).horizon(8).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "riskModel was trained on the signals of "
                + lm
                + " at horizon 1, and this agent runs "
                + lm
                + " at horizon 8: train one on its signals with `isowatch train-risk --model"
                + " numeric-lm --horizon 8 --out-dir DIR`");
    assertThatThrownBy(
            () ->
                AgentSpec.builder().model(ModelChoice.MINILM_INT8).riskModel(ownAtHorizon1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("this agent runs " + minilm + " at horizon 1")
        .hasMessageEndingWith("`isowatch train-risk --model minilm-int8 --out-dir DIR`");
    AgentSpec unstated = AgentSpec.builder().riskModel(RiskModel.constant()).horizon(8).build();
    assertThat(unstated.riskModelNote()).isEmpty();

    // the bundled model says what it was trained on: the default model, the next value
    assertThat(RiskModel.bundled().trainedOn())
        .contains(new TrainedOn(ModelChoice.DEFAULT.manifest().label(), 1));
    assertThat(AgentSpec.defaults().riskModelNote()).isEmpty();
    assertThat(AgentSpec.builder().model(ModelChoice.MINILM_INT8).build().riskModelNote())
        .hasValueSatisfying(
            note ->
                assertThat(note)
                    .startsWith(
                        "note: the bundled risk model was trained on the signals of "
                            + lm
                            + " at horizon 1, and this agent runs "
                            + minilm
                            + " at horizon 1")
                    .contains("`isowatch train-risk --model minilm-int8 --out-dir DIR`"));
    assertThat(AgentSpec.builder().horizon(8).build().riskModelNote())
        .hasValueSatisfying(note -> assertThat(note).contains("--horizon 8"));
  }

  /**
   * A user's own export travels by its manifest, every field of it (the engine ships the files): a
   * text model with its tokenizer, and a model of Chronos tokens with its value vocabulary and
   * forecast queries.
   */
  @Test
  void aUsersOwnModelTravelsByItsManifest() throws Exception {
    ModelManifest text =
        ModelManifest.builder()
            .model(ResourceLocation.file(Path.of("mine.onnx")))
            .tokenizer(ResourceLocation.file(Path.of("tokenizer.json")))
            .name("mine")
            .variant("int8")
            .tokenTypeIdsName("token_type_ids")
            .maxTokens(256)
            .hiddenWidth(384)
            .build();
    ModelManifest tokens =
        ModelChoice.NUMERIC_LM.manifest().toBuilder()
            .name("own-lm")
            .model(ResourceLocation.file(Path.of("models", "own-lm.onnx")))
            .build();
    assertThat(tokens.numericVocabulary()).isPresent();
    assertThat(tokens.forecastQueries()).isPresent();

    for (ModelManifest manifest : new ModelManifest[] {text, tokens}) {
      AgentSpec spec = AgentSpec.builder().model(manifest).build();
      assertThat(spec.bundledModel()).isEmpty();
      assertThat(roundTrip(spec)).isEqualTo(spec);
    }
  }

  @Test
  void badValuesAreRefusedByTheTypeThatOwnsTheirRule() {
    assertThatThrownBy(() -> AgentSpec.builder().intraOpThreads(-2).build())
        .hasMessage("intraOpThreads must not be negative, got -2");
    assertThatThrownBy(() -> AgentSpec.builder().evaluateEvery(0).build())
        .hasMessage("evaluateEvery must be at least 1, got 0");
    assertThatThrownBy(() -> AgentSpec.builder().horizon(0).build())
        .hasMessageStartingWith("horizon must be in [1, ");
    assertThatThrownBy(
            () -> AgentSpec.builder().batch(new BatchSettings(5000, Duration.ZERO)).build())
        .hasMessage("maxEmbeddingLag must be in [1, 4096], got 5000");
  }

  private static AgentSpec roundTrip(AgentSpec spec) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(spec);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (AgentSpec) in.readObject();
    }
  }
}
