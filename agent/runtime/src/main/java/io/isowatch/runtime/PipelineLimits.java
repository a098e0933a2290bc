package io.isowatch.runtime;

/**
 * The in-process engine's own bounds, declared here once: {@link PipelineSettings} pairs them with
 * the batching every engine shares, and the CLI's settings carry them as they are.
 *
 * <pre>{@code
 * PipelineLimits limits = PipelineLimits.builder().maxFeeds(50).build();
 * }</pre>
 *
 * @param queueCapacity source events buffered before sources block (backpressure). Kept small:
 *     every queued event may complete a window that must be embedded before an alert or a clean
 *     stop, so 512 events bound that backlog to a few seconds of embedding
 * @param maxFeeds feeds tracked at once; observations of further feeds are rejected (this bounds
 *     memory and the feed label of every metric)
 */
public record PipelineLimits(int queueCapacity, int maxFeeds) {
  public static final int DEFAULT_QUEUE_CAPACITY = 512;
  public static final int DEFAULT_MAX_FEEDS = 1000;

  public PipelineLimits {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
    }
    if (maxFeeds < 1) {
      throw new IllegalArgumentException("maxFeeds must be at least 1, got " + maxFeeds);
    }
  }

  public static PipelineLimits defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PipelineLimits}; every field starts at its {@code DEFAULT_} constant. */
  public static final class Builder {
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int maxFeeds = DEFAULT_MAX_FEEDS;

    private Builder() {}

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    public Builder maxFeeds(int maxFeeds) {
      this.maxFeeds = maxFeeds;
      return this;
    }

    public PipelineLimits build() {
      return new PipelineLimits(queueCapacity, maxFeeds);
    }
  }
}
