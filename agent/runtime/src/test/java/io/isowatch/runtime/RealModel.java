package io.isowatch.runtime;

import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.TextSerializationEncoder;

/**
 * The bundled INT8 model and the text encoder of its tokenizer, as the agent runs them: no mock of
 * ONNX Runtime anywhere in these tests. A session takes about half a second to start, so each test
 * class opens one in {@code @BeforeAll} and closes it in {@code @AfterAll}.
 */
final class RealModel implements AutoCloseable {
  /** Two threads: the machines these tests run on have two cores. */
  private static final int THREADS = 2;

  final OnnxEmbedder embedder;
  final TextSerializationEncoder encoder;

  private RealModel(OnnxEmbedder embedder, TextSerializationEncoder encoder) {
    this.embedder = embedder;
    this.encoder = encoder;
  }

  static RealModel open() {
    OnnxEmbedder embedder =
        OnnxEmbedder.builder()
            .manifest(BundledModels.INT8.manifest())
            .intraOpThreads(THREADS)
            .build();
    try {
      return new RealModel(
          embedder,
          TextSerializationEncoder.builder()
              .tokenizer(embedder.manifest().tokenizer())
              .maxTokens(embedder.manifest().maxTokens())
              .build());
    } catch (RuntimeException e) {
      embedder.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      encoder.close();
    } finally {
      embedder.close();
    }
  }
}
