package io.isowatch.model.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.model.encode.ResourceLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logits path and last-token pooling, on a model small enough to compute by hand. */
class LogitsTest {

  static ModelManifest.Builder tiny(Path model) {
    return ModelManifest.builder()
        .name("tiny-lm")
        .model(ResourceLocation.file(model))
        .tokenizer(BundledModels.INT8.manifest().tokenizer()) // unused by the embedder
        .logitsOutput("logits")
        .pooling(Pooling.LAST)
        .maxTokens(8);
  }

  static EncodedWindow window(long... ids) {
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    return new EncodedWindow(ids, mask, new long[ids.length]);
  }

  @Test
  void logitsAndLastPoolingBelongToEachWindowsLastRealToken(@TempDir Path dir) throws IOException {
    Path model = TinyOnnxModel.write(dir.resolve("tiny.onnx"), true);
    try (OnnxEmbedder embedder =
        OnnxEmbedder.builder().manifest(tiny(model).build()).intraOpThreads(1).build()) {
      // the first window is padded by 3 positions in this batch
      List<Embedding> out = embedder.embed(List.of(window(1, 4), window(2, 3, 1, 3, 4)));

      assertThat(embedder.dimension()).isEqualTo(TinyOnnxModel.WIDTH);
      Embedding shortOne = out.get(0);
      assertThat(shortOne.tokenStates())
          .isDeepEqualTo(new float[][] {TinyOnnxModel.state(1), TinyOnnxModel.state(4)});
      assertThat(shortOne.pooled()).containsExactly(TinyOnnxModel.state(4));
      assertThat(shortOne.logits())
          .hasValueSatisfying(
              logits -> assertThat(logits).containsExactly(TinyOnnxModel.logits(4)));
      Embedding longOne = out.get(1);
      assertThat(longOne.tokenStates()).hasNumberOfRows(5);
      assertThat(longOne.pooled()).containsExactly(TinyOnnxModel.state(4));
      assertThat(longOne.logits())
          .hasValueSatisfying(
              logits -> assertThat(logits).containsExactly(TinyOnnxModel.logits(4)));
      assertThat(embedder.embed(List.of(window(2, 3))).get(0).logits())
          .hasValueSatisfying(logits -> assertThat(logits).containsExactly(0, 0, 3, 0, 0.75f));
    }
  }

  @Test
  void aWidthTheModelDoesNotDeclareComesFromTheManifest(@TempDir Path dir) throws IOException {
    Path model = TinyOnnxModel.write(dir.resolve("tiny.onnx"), false);

    assertThatThrownBy(() -> OnnxEmbedder.builder().manifest(tiny(model).build()).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(
            "the model does not declare the width of \"last_hidden_state\": set hiddenWidth in the"
                + " manifest");
    try (OnnxEmbedder embedder =
        OnnxEmbedder.builder().manifest(tiny(model).hiddenWidth(3).build()).build()) {
      assertThat(embedder.dimension()).isEqualTo(3);
      assertThat(embedder.embed(List.of(window(3))).get(0).pooled()).containsExactly(0, 0, 3);
    }
  }
}
