package io.isowatch.model.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.model.encode.ResourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device choice and the checks at start, with the int8 bundled model (the quickest to load). This
 * host has no CUDA, and the default build carries the CPU-only ONNX Runtime.
 */
class OnnxEmbedderStartTest {
  static final ModelManifest INT8 = BundledModels.INT8.manifest();

  /** [CLS] 500 [SEP] */
  static final EncodedWindow ONE_VALUE =
      new EncodedWindow(new long[] {101, 3156, 102}, new long[] {1, 1, 1}, new long[3]);

  static OnnxEmbedder.Builder int8() {
    return OnnxEmbedder.builder().manifest(INT8).intraOpThreads(1);
  }

  @Test
  void cudaRequestedFallsBackToCpuWithOneWarning() {
    try (LogCapture log = LogCapture.of(OnnxEmbedder.class);
        OnnxEmbedder embedder = int8().device(Device.CUDA).build()) {
      embedder.embed(List.of(ONE_VALUE));
      embedder.embed(List.of(ONE_VALUE));

      assertThat(embedder.device()).isEqualTo(Device.CPU);
      assertThat(embedder.requestedDevice()).isEqualTo(Device.CUDA);
      assertThat(embedder.describe()).isEqualTo("all-minilm-l6-v2 int8 on cpu (cuda unavailable)");
      assertThat(log.messages(Level.WARNING))
          .singleElement()
          .asString()
          .startsWith("CUDA requested but not available (")
          .endsWith("); running on CPU");
    }
  }

  @Test
  void autoRunsOnCpuWithoutAWarning() {
    try (LogCapture log = LogCapture.of(OnnxEmbedder.class);
        OnnxEmbedder embedder = int8().device(Device.AUTO).build()) {
      assertThat(embedder.device()).isEqualTo(Device.CPU);
      assertThat(embedder.describe()).isEqualTo("all-minilm-l6-v2 int8 on cpu");
      assertThat(log.messages(Level.WARNING)).isEmpty();
      assertThat(log.messages(Level.INFO))
          .anySatisfy(message -> assertThat(message).startsWith("CUDA not available ("));
    }
  }

  @Test
  void aWrongHiddenStateNameListsTheModelsRealOutputs() {
    ModelManifest wrong = INT8.toBuilder().hiddenStateOutput("pooler_output").build();

    assertThatThrownBy(() -> int8().manifest(wrong).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model all-minilm-l6-v2 int8 (classpath:all-minilm-l6-v2-q.onnx) does not match its"
                + " manifest:\n"
                + "  - hiddenStateOutput \"pooler_output\" is not an output of the model\n"
                + "The model's inputs are [input_ids int64 [?, ?], attention_mask int64 [?, ?],"
                + " token_type_ids int64 [?, ?]]; its outputs are [last_hidden_state float [?, ?,"
                + " 384]]. Fix the manifest's names to match them.");
  }

  @Test
  void everyMismatchIsReportedAtOnce() {
    ModelManifest wrong =
        ModelManifest.builder()
            .model(INT8.model())
            .tokenizer(INT8.tokenizer())
            .inputIdsName("ids")
            .logitsOutput("logits")
            .hiddenWidth(768)
            .build();

    assertThatThrownBy(() -> int8().manifest(wrong).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("inputIdsName \"ids\" is not an input of the model")
        .hasMessageContaining(
            "model input \"input_ids\" is not fed: name it as inputIdsName, attentionMaskName or"
                + " tokenTypeIdsName")
        .hasMessageContaining("model input \"token_type_ids\" is not fed")
        .hasMessageContaining("hiddenWidth is 768 but \"last_hidden_state\" has width 384")
        .hasMessageContaining("logitsOutput \"logits\" is not an output of the model");
  }

  @Test
  void aMissingModelFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("model.onnx");
    ModelManifest manifest = INT8.toBuilder().model(ResourceLocation.file(missing)).build();

    assertThatThrownBy(() -> int8().manifest(manifest).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model not found: " + missing.toAbsolutePath() + " (manifest field model)");
  }

  @Test
  void aMissingModelResourceOrTokenizerIsNamed(@TempDir Path dir) {
    ModelManifest noResource =
        INT8.toBuilder().model(ResourceLocation.classpath("models/nope.onnx")).build();
    Path missing = dir.resolve("tokenizer.json");
    ModelManifest noTokenizer = INT8.toBuilder().tokenizer(ResourceLocation.file(missing)).build();

    assertThatThrownBy(() -> int8().manifest(noResource).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model not found: classpath:models/nope.onnx (manifest field model)");
    assertThatThrownBy(() -> int8().manifest(noTokenizer).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "tokenizer not found: " + missing.toAbsolutePath() + " (manifest field tokenizer)");
  }

  @Test
  void aFileThatIsNotAModelIsReported() {
    ModelManifest notAModel = INT8.toBuilder().model(INT8.tokenizer()).build();

    assertThatThrownBy(() -> int8().manifest(notAModel).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith(
            "ONNX Runtime cannot load all-minilm-l6-v2 int8 from"
                + " classpath:all-minilm-l6-v2-q-tokenizer.json: ");
  }

  @Test
  void builderNamesTheBadOption() {
    assertThatThrownBy(() -> OnnxEmbedder.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("manifest must be set");
    assertThatThrownBy(() -> int8().intraOpThreads(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("intraOpThreads must be at least 0 (0: ONNX Runtime's default), got -1");
    assertThatThrownBy(() -> int8().device(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("device must be set");
    assertThatThrownBy(() -> int8().optimization(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("optimization must be set");
  }

  @Test
  void aClosedEmbedderRefusesWorkAndClosesOnce() {
    OnnxEmbedder embedder = int8().optimization(GraphOptimization.BASIC).build();
    assertThat(embedder.embed(List.of(ONE_VALUE)).get(0).pooled()).hasSize(384);

    embedder.close();
    embedder.close();

    assertThatThrownBy(() -> embedder.embed(List.of(ONE_VALUE)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("embedder all-minilm-l6-v2 int8 on cpu is closed");
  }
}
