package io.isowatch.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an engine's embedding calls cost over a run: how many, how large, how long in the model. It
 * tells a throughput gap that comes from the model (smaller batches) from one that comes from
 * around it (state, transactions, waiting for records).
 */
final class EmbeddingTally {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong windows = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();

  void add(int batchSize, long callNanos) {
    calls.incrementAndGet();
    windows.addAndGet(batchSize);
    nanos.addAndGet(callNanos);
  }

  double modelSeconds() {
    return nanos.get() / 1e9;
  }

  /** For example {@code "5.9 s in the model, 20 calls, mean batch 23.6"}. */
  String describe() {
    long n = calls.get();
    return String.format(
        Locale.ROOT,
        "%.1f s in the model, %d calls, mean batch %.1f",
        modelSeconds(),
        n,
        n == 0 ? 0.0 : (double) windows.get() / n);
  }
}
