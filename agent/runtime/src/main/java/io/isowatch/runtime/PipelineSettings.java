package io.isowatch.runtime;

import io.isowatch.engine.batch.WindowBatch;
import java.time.Duration;

/**
 * How the in-process engine moves records: batch size and wait of the embedder, the bound of the
 * queue between sources and the worker, and the most feeds it tracks.
 *
 * <pre>{@code
 * PipelineSettings settings = PipelineSettings.builder().maxBatch(16).maxWait(Duration.ofMillis(20)).build();
 * }</pre>
 *
 * @param maxBatch windows per embedding call; a full batch is embedded at once
 * @param maxWait longest a window waits for its batch to fill
 * @param queueCapacity source events buffered before sources block (backpressure). Kept small:
 *     every queued event may complete a window that must be embedded before an alert or a clean
 *     stop, so 512 events bound that backlog to a few seconds of embedding
 * @param maxFeeds feeds tracked at once; observations of further feeds are rejected (this bounds
 *     memory and the feed label of every metric)
 */
public record PipelineSettings(int maxBatch, Duration maxWait, int queueCapacity, int maxFeeds) {
  public static final int DEFAULT_MAX_BATCH = WindowBatch.DEFAULT_MAX_BATCH;
  public static final Duration DEFAULT_MAX_WAIT = WindowBatch.DEFAULT_MAX_WAIT;
  public static final int DEFAULT_QUEUE_CAPACITY = 512;
  public static final int DEFAULT_MAX_FEEDS = 1000;

  public PipelineSettings {
    WindowBatch.requireValid(maxBatch, maxWait);
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
    private int maxBatch = DEFAULT_MAX_BATCH;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int maxFeeds = DEFAULT_MAX_FEEDS;

    private Builder() {}

    public Builder maxBatch(int maxBatch) {
      this.maxBatch = maxBatch;
      return this;
    }

    public Builder maxWait(Duration maxWait) {
      this.maxWait = maxWait;
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
      return new PipelineSettings(maxBatch, maxWait, queueCapacity, maxFeeds);
    }
  }
}
