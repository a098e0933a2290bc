package io.isowatch.model.embed;

import io.isowatch.model.encode.ResourceLocation;

/**
 * The model that ships with isowatch: all-MiniLM-L6-v2 (sentence-transformers; 6 layers, width 384,
 * BERT uncased WordPiece vocabulary), exported to ONNX, in two variants taken from the LangChain4j
 * embedding artifacts on Maven Central (only their {@code .onnx} and {@code tokenizer.json}
 * resources are used).
 *
 * <pre>{@code
 * try (OnnxEmbedder embedder =
 *     OnnxEmbedder.builder().manifest(BundledModels.INT8.manifest()).build()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>The graph's inputs are {@code input_ids}, {@code attention_mask} and {@code token_type_ids},
 * its one output {@code last_hidden_state} [batch, tokens, 384]; there is no logits output. Mean
 * pooling over real tokens, as sentence-transformers trains it (without its final normalization:
 * the geometry measures want the raw vectors), and 256 tokens, the sentence-transformers limit.
 */
public enum BundledModels {
  /** Float32 weights, 90 MB. */
  FP32("fp32", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json"),

  /** Weights quantized to int8 (dynamic quantization), 23 MB; about twice as fast on CPU. */
  INT8("int8", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json");

  public static final String NAME = "all-minilm-l6-v2";
  public static final int MAX_TOKENS = 256;
  public static final int HIDDEN_WIDTH = 384;

  private final ModelManifest manifest;

  BundledModels(String variant, String modelResource, String tokenizerResource) {
    this.manifest =
        ModelManifest.builder()
            .name(NAME)
            .variant(variant)
            .model(ResourceLocation.classpath(modelResource))
            .tokenizer(ResourceLocation.classpath(tokenizerResource))
            .inputIdsName("input_ids")
            .attentionMaskName("attention_mask")
            .tokenTypeIdsName("token_type_ids")
            .hiddenStateOutput("last_hidden_state")
            .pooling(Pooling.MEAN)
            .maxTokens(MAX_TOKENS)
            .hiddenWidth(HIDDEN_WIDTH)
            .build();
  }

  public ModelManifest manifest() {
    return manifest;
  }
}
