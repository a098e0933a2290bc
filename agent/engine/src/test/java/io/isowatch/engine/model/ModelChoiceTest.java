package io.isowatch.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.embed.BundledModels;
import io.isowatch.core.embed.Device;
import io.isowatch.core.embed.NumericLanguageModel;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.TextSerializationEncoder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.ModelLogitsSource;
import org.junit.jupiter.api.Test;

class ModelChoiceTest {
  @Test
  void labelsOlderNamesAndConstantNamesAllRead() {
    assertThat(ModelChoice.parse("numeric-lm")).isEqualTo(ModelChoice.NUMERIC_LM);
    assertThat(ModelChoice.parse("NUMERIC_LM")).isEqualTo(ModelChoice.NUMERIC_LM);
    assertThat(ModelChoice.parse(" minilm-fp32 ")).isEqualTo(ModelChoice.MINILM_FP32);
    assertThat(ModelChoice.parse("INT8")).isEqualTo(ModelChoice.MINILM_INT8);
    assertThat(ModelChoice.parse("fp32")).isEqualTo(ModelChoice.MINILM_FP32);
    assertThatThrownBy(() -> ModelChoice.parse("int4"))
        .hasMessage("expected one of numeric-lm, minilm-int8, minilm-fp32, got int4");
  }

  @Test
  void eachChoiceIsItsBundledManifest() {
    assertThat(ModelChoice.MINILM_INT8.manifest()).isEqualTo(BundledModels.INT8.manifest());
    assertThat(ModelChoice.MINILM_FP32.manifest()).isEqualTo(BundledModels.FP32.manifest());
    assertThat(ModelChoice.NUMERIC_LM.manifest()).isEqualTo(NumericLanguageModel.manifest());
    for (ModelChoice choice : ModelChoice.values()) {
      assertThat(ModelChoice.of(choice.manifest())).contains(choice);
    }
  }

  /**
   * The numeric LM's tokens come from its manifest, not from the Chronos defaults (4093 bins from
   * -15 to 15) that a custom model's encoder settings start at: they are the tokens it was trained
   * on.
   */
  @Test
  void theNumericLmReadsTheTokensItsManifestNames() {
    AgentModel model =
        AgentModel.bundled(ModelChoice.NUMERIC_LM, Device.CPU, 0, EncoderSettings.defaults());
    WindowEncoder encoder = model.newEncoder();
    double[] window = new double[80];
    for (int i = 0; i < window.length; i++) {
      window[i] = Math.sin(i / 5.0) * 3 + i * 0.1;
    }

    EncodedWindow ours = encoder.encode(window);
    EncodedWindow trained = NumericLanguageModel.encoder().encode(window);
    EncodedWindow chronosDefaults =
        EncoderSettings.defaults().chronos().encoder(NumericLanguageModel.CONTEXT).encode(window);

    assertThat(encoder).isInstanceOf(ChronosEncoder.class);
    assertThat(ours.inputIds()).containsExactly(trained.inputIds());
    assertThat(ours.attentionMask()).containsExactly(trained.attentionMask());
    assertThat(ours.inputIds()).isNotEqualTo(chronosDefaults.inputIds());
  }

  @Test
  void forecastsComeFromTheModelsLogitsOrElseTheOnlineHead() {
    MonitorSettings settings = MonitorSettings.builder().width(NumericLanguageModel.WIDTH).build();
    AgentModel numeric =
        AgentModel.bundled(ModelChoice.NUMERIC_LM, Device.CPU, 0, EncoderSettings.defaults());
    AgentModel minilm =
        AgentModel.bundled(ModelChoice.MINILM_INT8, Device.CPU, 0, EncoderSettings.defaults());

    assertThat(numeric.ownForecasts()).isPresent();
    assertThat(numeric.forecasts(settings).create("feed")).isInstanceOf(ModelLogitsSource.class);
    assertThat(minilm.ownForecasts()).isEmpty();
    assertThat(minilm.forecasts(settings).create("feed")).isNotInstanceOf(ModelLogitsSource.class);
  }

  @Test
  void aTextModelIsWrittenWithTheUsersTextOptions() throws Exception {
    AgentModel model =
        AgentModel.bundled(ModelChoice.MINILM_INT8, Device.CPU, 0, EncoderSettings.defaults());
    WindowEncoder encoder = model.newEncoder();
    try {
      assertThat(encoder).isInstanceOf(TextSerializationEncoder.class);
    } finally {
      ((AutoCloseable) encoder).close();
    }
  }
}
