package io.isowatch.engine.model;

import io.isowatch.core.embed.OnnxEmbedder;
import io.isowatch.core.encode.WindowEncoder;

/**
 * One opened model: its encoder and its ONNX session, closed together (a text encoder holds its
 * tokenizer, a Chronos encoder nothing).
 *
 * <pre>{@code
 * try (ModelSession model = agentModel.open()) {
 *   new WindowJudge(model.encoder(), model.embedder(), listener);
 * }
 * }</pre>
 */
public record ModelSession(WindowEncoder encoder, OnnxEmbedder embedder) implements AutoCloseable {
  @Override
  public void close() throws Exception {
    try {
      embedder.close();
    } finally {
      if (encoder instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }
}
