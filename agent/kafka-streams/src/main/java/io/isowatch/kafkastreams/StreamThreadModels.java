package io.isowatch.kafkastreams;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.engine.judge.SharedModelThread;
import java.util.function.Supplier;

/**
 * The encoder and embedder of each stream thread, made on the thread's first task: an ONNX session
 * is not shared between threads, and every task of a thread batches into the same one. When tasks
 * judge while the model works, the thread's encoder and embedder are used from its model thread
 * alone ({@link #modelThreads()}). {@link #close()} closes them all once the Kafka Streams client
 * has stopped.
 */
public final class StreamThreadModels implements AutoCloseable {
  private final PerThread<WindowEncoder> encoders;
  private final PerThread<Embedder> embedders;
  private final PerThread<SharedModelThread> modelThreads;

  public StreamThreadModels(Supplier<WindowEncoder> encoder, Supplier<Embedder> embedder) {
    this.encoders = new PerThread<>(encoder);
    this.embedders = new PerThread<>(embedder);
    // Made before the thread's encoder and embedder are looked up: a dead stream thread's model
    // thread is closed (its batch awaited) before that thread's embedder is.
    this.modelThreads =
        new PerThread<>(
            () ->
                new SharedModelThread(
                    encoders.get(),
                    embedders.get(),
                    "isowatch-model-" + Thread.currentThread().getName()));
  }

  PerThread<WindowEncoder> encoders() {
    return encoders;
  }

  PerThread<Embedder> embedders() {
    return embedders;
  }

  /** The model thread of each stream thread, shared by its tasks. */
  PerThread<SharedModelThread> modelThreads() {
    return modelThreads;
  }

  /** Embedders made so far (one per stream thread that has run a task). */
  public int embedderCount() {
    return embedders.size();
  }

  @Override
  public void close() {
    try {
      modelThreads.close();
    } finally {
      try {
        embedders.close();
      } finally {
        encoders.close();
      }
    }
  }
}
