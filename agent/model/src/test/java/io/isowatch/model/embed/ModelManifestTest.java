package io.isowatch.model.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.model.encode.ResourceLocation;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelManifestTest {
  static final ResourceLocation MODEL = ResourceLocation.parse("models/gpt2/model.onnx");
  static final ResourceLocation TOKENIZER = ResourceLocation.parse("models/gpt2/tokenizer.json");

  static ModelManifest.Builder minimal() {
    return ModelManifest.builder().model(MODEL).tokenizer(TOKENIZER);
  }

  @Test
  void defaultsFollowHuggingFaceExportNames() {
    ModelManifest manifest = minimal().build();

    assertThat(manifest.name()).isEqualTo("model");
    assertThat(manifest.variant()).isEmpty();
    assertThat(manifest.label()).isEqualTo("model");
    assertThat(manifest.inputIdsName()).isEqualTo("input_ids");
    assertThat(manifest.attentionMaskName()).isEqualTo("attention_mask");
    assertThat(manifest.tokenTypeIdsName()).isEmpty();
    assertThat(manifest.hiddenStateOutput()).isEqualTo("last_hidden_state");
    assertThat(manifest.logitsOutput()).isEmpty();
    assertThat(manifest.pooling()).isEqualTo(Pooling.MEAN);
    assertThat(manifest.maxTokens()).isEqualTo(ModelManifest.DEFAULT_MAX_TOKENS);
    assertThat(manifest.hiddenWidth()).isEmpty();
    assertThat(manifest.inputFormat()).isEqualTo(InputFormat.TEXT);
    assertThat(manifest.tokenizer()).isEqualTo(TOKENIZER);
    assertThat(manifest.numericVocabulary()).isEmpty();
    assertThat(manifest.forecastQueries()).isEmpty();
  }

  @Test
  void toBuilderKeepsEveryField() {
    ModelManifest manifest =
        minimal()
            .name("gpt2")
            .variant("fp16")
            .tokenTypeIdsName("token_type_ids")
            .logitsOutput("logits")
            .pooling(Pooling.LAST)
            .maxTokens(1024)
            .hiddenWidth(768)
            .numericVocabulary(NumericVocabulary.listed(Map.of(15, 0.0, 16, 1.0)))
            .build();

    assertThat(manifest.toBuilder().build()).isEqualTo(manifest);
    assertThat(manifest.toBuilder().pooling(Pooling.CLS).build().pooling()).isEqualTo(Pooling.CLS);
    assertThat(manifest.label()).isEqualTo("gpt2 fp16");
    assertThat(manifest.logitsOutput()).isEqualTo(Optional.of("logits"));
    assertThat(manifest.hiddenWidth()).isEqualTo(OptionalInt.of(768));
  }

  @Test
  void bundledModelsDescribeMiniLm() {
    ModelManifest int8 = BundledModels.INT8.manifest();

    assertThat(int8.label()).isEqualTo("all-minilm-l6-v2 int8");
    assertThat(int8.model()).isEqualTo(ResourceLocation.classpath("all-minilm-l6-v2-q.onnx"));
    assertThat(int8.tokenTypeIdsName()).contains("token_type_ids");
    assertThat(int8.pooling()).isEqualTo(Pooling.MEAN);
    assertThat(int8.maxTokens()).isEqualTo(256);
    assertThat(int8.hiddenWidth()).hasValue(384);
    assertThat(BundledModels.FP32.manifest().label()).isEqualTo("all-minilm-l6-v2 fp32");
    for (BundledModels bundled : BundledModels.values()) {
      assertThat(bundled.manifest().model().exists()).as("%s model", bundled).isTrue();
      assertThat(bundled.manifest().tokenizer().exists()).as("%s tokenizer", bundled).isTrue();
    }
  }

  @Test
  void validationNamesTheField() {
    assertThatThrownBy(() -> ModelManifest.builder().tokenizer(TOKENIZER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model must be set");
    assertThatThrownBy(() -> ModelManifest.builder().model(MODEL).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenizer must be set");
    assertThatThrownBy(() -> minimal().maxTokens(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTokens must be at least 1, got 0");
    assertThatThrownBy(() -> minimal().hiddenWidth(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hiddenWidth must be at least 1, got 0");
    assertThatThrownBy(() -> minimal().inputIdsName(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inputIdsName must not be blank");
    assertThatThrownBy(() -> minimal().hiddenStateOutput(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hiddenStateOutput must be set");
    assertThatThrownBy(() -> minimal().pooling(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pooling must be set");
    assertThatThrownBy(() -> minimal().name("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank");
  }

  @Test
  void oneGraphNameCannotServeTwoRoles() {
    assertThatThrownBy(() -> minimal().attentionMaskName("input_ids").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attentionMaskName must differ from inputIdsName, both are \"input_ids\"");
    assertThatThrownBy(() -> minimal().tokenTypeIdsName("attention_mask").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tokenTypeIdsName must differ from attentionMaskName, both are \"attention_mask\"");
    assertThatThrownBy(() -> minimal().logitsOutput("last_hidden_state").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "logitsOutput must differ from hiddenStateOutput, both are \"last_hidden_state\"");
  }

  @Test
  void aChronosTokensModelNeedsNoTokenizer() {
    NumericVocabulary chronos = new NumericVocabulary.Range(3, 4093, -15, 15);
    ModelManifest manifest =
        ModelManifest.builder()
            .model(MODEL)
            .inputFormat(InputFormat.CHRONOS_TOKENS)
            .logitsOutput("logits")
            .numericVocabulary(chronos)
            .build();

    assertThat(manifest.textTokenizer()).isEmpty();
    assertThat(manifest.numericVocabulary()).contains(chronos);
    assertThat(manifest.toBuilder().build()).isEqualTo(manifest);
    assertThatThrownBy(manifest::tokenizer)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model model reads CHRONOS_TOKENS input and has no tokenizer");
    assertThatThrownBy(() -> manifest.toBuilder().tokenizer(TOKENIZER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tokenizer is only read with inputFormat TEXT; inputFormat CHRONOS_TOKENS encodes"
                + " values as token ids itself");
    assertThatThrownBy(() -> manifest.toBuilder().inputFormat(InputFormat.TEXT).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokenizer must be set");
  }

  @Test
  void aNumericVocabularyNeedsTheLogitsItIndexes() {
    assertThatThrownBy(
            () -> minimal().numericVocabulary(new NumericVocabulary.Range(3, 10, 0, 1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "numericVocabulary needs logitsOutput: name the graph output whose logits it indexes");
    assertThatThrownBy(() -> minimal().inputFormat(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inputFormat must be set");
  }

  @Test
  void aManifestWithoutLogitsOrVocabularyCannotFeedTheSource() {
    ModelManifest.Builder manifest =
        ModelManifest.builder()
            .name("lm")
            .model(ResourceLocation.parse("lm.onnx"))
            .tokenizer(ResourceLocation.parse("tokenizer.json"));

    assertThatThrownBy(() -> manifest.build().logitsSource(Optional.empty()))
        .hasMessage("model lm has no logitsOutput: its own softmax cannot be read");
    assertThatThrownBy(() -> manifest.logitsOutput("logits").build().logitsSource(Optional.empty()))
        .hasMessage("model lm has no numericVocabulary: name the logits that stand for values");
  }

  @Test
  void forecastQueriesAreAnsweredInTheValueTokensAfterValueTokens() {
    ForecastQueries queries = new ForecastQueries(2, 48);
    ModelManifest.Builder chronos =
        ModelManifest.builder()
            .model(MODEL)
            .inputFormat(InputFormat.CHRONOS_TOKENS)
            .logitsOutput("logits")
            .numericVocabulary(new NumericVocabulary.Range(3, 4093, -15, 15));

    ModelManifest manifest = chronos.forecastQueries(queries).build();

    assertThat(manifest.forecastQueries()).contains(queries);
    assertThat(manifest.toBuilder().build()).isEqualTo(manifest);
    assertThatThrownBy(() -> chronos.forecastQueries(new ForecastQueries(3, 48)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("forecastQueries queryTokenId 3 is one of the value tokens");
    assertThatThrownBy(
            () ->
                ModelManifest.builder()
                    .model(MODEL)
                    .inputFormat(InputFormat.CHRONOS_TOKENS)
                    .logitsOutput("logits")
                    .forecastQueries(queries)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("forecastQueries needs numericVocabulary");
    assertThatThrownBy(
            () ->
                minimal()
                    .logitsOutput("logits")
                    .numericVocabulary(NumericVocabulary.listed(Map.of(15, 0.0, 16, 1.0)))
                    .forecastQueries(queries)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("forecastQueries needs inputFormat CHRONOS_TOKENS");
  }
}
