package io.isowatch.kafkastreams;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.TextSerializationEncoder;

/**
 * The bundled models and their text encoder, as the agent runs them: no mock of ONNX Runtime in
 * these tests. Each call makes a new instance, as each stream thread gets its own.
 *
 * <p>Tests that compare alerts with a reference run use {@link BundledModels#FP32}: its embedding
 * of a window does not depend on the other windows of its batch (see {@link
 * EmbeddingBatchInvarianceTest}), so the engine's batches, which depend on timing and restarts,
 * cannot change an alert. The INT8 export quantizes activations with one scale per batch tensor, so
 * its embeddings (and near-threshold alerts) do depend on the batch.
 */
final class BundledModel {
  /** Two threads: the machines these tests run on have two cores. */
  private static final int THREADS = 2;

  private BundledModel() {}

  static Embedder embedder(BundledModels model) {
    return OnnxEmbedder.builder().manifest(model.manifest()).intraOpThreads(THREADS).build();
  }

  static WindowEncoder encoder() {
    return TextSerializationEncoder.builder()
        .tokenizer(BundledModels.INT8.manifest().tokenizer())
        .maxTokens(BundledModels.INT8.manifest().maxTokens())
        .build();
  }

  static StreamThreadModels perThread(BundledModels model) {
    return new StreamThreadModels(BundledModel::encoder, () -> embedder(model));
  }
}
