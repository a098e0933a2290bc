package io.isowatch.runtime;

import io.isowatch.engine.batch.BatchSettings;
import java.util.Objects;

/**
 * How the in-process engine moves records: how windows are batched for the embedder (the rule every
 * engine shares), the bound of the queue between sources and the worker, and the most feeds it
 * tracks.
 *
 * <pre>{@code
 * PipelineSettings settings =
 *     PipelineSettings.builder().batch(new BatchSettings(16, Duration.ofMillis(20))).build();
 * }</pre>
 *
 * @param batch windows per embedding call and how long one waits for its batch
 * @param queueCapacity source events buffered before sources block (backpressure). Kept small:
 *     every queued event may complete a window that must be embedded before an alert or a clean
 *     stop, so 512 events bound that backlog to a few seconds of embedding
 * @param maxFeeds feeds tracked at once; observations of further feeds are rejected (this bounds
 *     memory and the feed label of every metric)
 */
public record PipelineSettings(BatchSettings batch, int queueCapacity, int maxFeeds) {
  public static final int DEFAULT_QUEUE_CAPACITY = 512;
  public static final int DEFAULT_MAX_FEEDS = 1000;

  public PipelineSettings {
    Objects.requireNonNull(batch, "batch");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
    }
    if (maxFeeds < 1) {
      throw new IllegalArgumentException("maxFeeds must be at least 1, got " + maxFeeds);
    }
  }

  public static PipelineSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PipelineSettings}; every field starts at its {@code DEFAULT_} constant. */
  public static final class Builder {
    private BatchSettings batch = BatchSettings.defaults();
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int maxFeeds = DEFAULT_MAX_FEEDS;

    private Builder() {}

    public Builder batch(BatchSettings batch) {
      this.batch = batch;
      return this;
    }

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    public Builder maxFeeds(int maxFeeds) {
      this.maxFeeds = maxFeeds;
      return this;
    }

    public PipelineSettings build() {
      return new PipelineSettings(batch, queueCapacity, maxFeeds);
    }
  }
}
