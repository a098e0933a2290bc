package io.isowatch.kafkastreams;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import java.util.function.Supplier;

/**
 * The encoder and embedder of each stream thread, made on the thread's first task: an ONNX session
 * is not shared between threads, and every task of a thread batches into the same one. {@link
 * #close()} closes them all once the Kafka Streams client has stopped.
 */
public final class StreamThreadModels implements AutoCloseable {
  private final PerThread<WindowEncoder> encoders;
  private final PerThread<Embedder> embedders;

  public StreamThreadModels(Supplier<WindowEncoder> encoder, Supplier<Embedder> embedder) {
    this.encoders = new PerThread<>(encoder);
    this.embedders = new PerThread<>(embedder);
  }

  PerThread<WindowEncoder> encoders() {
    return encoders;
  }

  PerThread<Embedder> embedders() {
    return embedders;
  }

  /** Embedders made so far (one per stream thread that has run a task). */
  public int embedderCount() {
    return embedders.size();
  }

  @Override
  public void close() {
    try {
      embedders.close();
    } finally {
      encoders.close();
    }
  }
}
