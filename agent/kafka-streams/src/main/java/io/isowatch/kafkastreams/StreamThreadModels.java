package io.isowatch.kafkastreams;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.judge.SharedModelThread;
import java.util.Objects;
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
  private PerThread<SharedModelThread> modelThreads;
  private BatchSettings modelThreadBatch;

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

  /**
   * The model thread and batch of each stream thread, shared by its tasks; every caller gives the
   * same batch settings (those of the one topology).
   */
  synchronized PerThread<SharedModelThread> modelThreads(BatchSettings batch) {
    Objects.requireNonNull(batch, "batch");
    if (modelThreads == null) {
      modelThreadBatch = batch;
      // The thread's model thread is made before its encoder and embedder are looked up: a dead
      // stream thread's model thread is closed (its batch awaited) before that thread's embedder.
      modelThreads =
          new PerThread<>(
              () ->
                  new SharedModelThread(
                      encoders.get(),
                      embedders.get(),
                      batch.maxBatch(),
                      batch.maxWait().toMillis(),
                      "isowatch-model-" + Thread.currentThread().getName()));
    } else if (!modelThreadBatch.equals(batch)) {
      throw new IllegalArgumentException(
          "the stream threads' model threads batch by " + modelThreadBatch + ", not " + batch);
    }
    return modelThreads;
  }

  /** Embedders made so far (one per stream thread that has run a task). */
  public int embedderCount() {
    return embedders.size();
  }

  @Override
  public synchronized void close() {
    try {
      if (modelThreads != null) {
        modelThreads.close();
      }
    } finally {
      try {
        embedders.close();
      } finally {
        encoders.close();
      }
    }
  }
}
