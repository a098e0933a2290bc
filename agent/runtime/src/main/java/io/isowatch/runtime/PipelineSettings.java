package io.isowatch.runtime;

import io.isowatch.engine.batch.BatchSettings;
import java.util.Objects;

/**
 * How the in-process engine moves records: how windows are batched for the embedder (the rule every
 * engine shares) and its own bounds, the queue between sources and the worker and the most feeds it
 * tracks ({@link PipelineLimits}).
 *
 * <pre>{@code
 * PipelineSettings settings =
 *     PipelineSettings.builder().batch(new BatchSettings(16, Duration.ofMillis(20))).build();
 * }</pre>
 *
 * @param batch windows per embedding call and how long one waits for its batch
 * @param limits the queue's capacity and the most feeds tracked at once
 */
public record PipelineSettings(BatchSettings batch, PipelineLimits limits) {
  public PipelineSettings {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(limits, "limits");
  }

  public static PipelineSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Source events buffered before sources block: {@link PipelineLimits#queueCapacity()}. */
  public int queueCapacity() {
    return limits.queueCapacity();
  }

  /** Feeds tracked at once: {@link PipelineLimits#maxFeeds()}. */
  public int maxFeeds() {
    return limits.maxFeeds();
  }

  /** Builds {@link PipelineSettings}; batching and limits start at their defaults. */
  public static final class Builder {
    private BatchSettings batch = BatchSettings.defaults();
    private PipelineLimits limits = PipelineLimits.defaults();

    private Builder() {}

    public Builder batch(BatchSettings batch) {
      this.batch = batch;
      return this;
    }

    public Builder limits(PipelineLimits limits) {
      this.limits = limits;
      return this;
    }

    public PipelineSettings build() {
      return new PipelineSettings(batch, limits);
    }
  }
}
