package io.isowatch.engine.batch;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How every engine batches windows for the embedder ({@link WindowBatch}'s rule), declared once:
 * the in-process pipeline, Kafka Streams and Flink take this record rather than their own two
 * fields.
 *
 * <pre>{@code
 * BatchSettings batch = new BatchSettings(16, Duration.ofMillis(20));
 * }</pre>
 *
 * @param maxBatch windows per embedding call, at least 1; a full batch is embedded at once
 * @param maxWait longest a window waits for its batch to fill, not negative; 0 embeds what each
 *     record completes at once
 */
public record BatchSettings(int maxBatch, Duration maxWait) implements Serializable {
  /** Windows per embedding call unless an engine is told otherwise. */
  public static final int DEFAULT_MAX_BATCH = 32;

  /** How long a window waits for its batch unless an engine is told otherwise. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(50);

  public BatchSettings {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    if (Objects.requireNonNull(maxWait, "maxWait").isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
    }
  }

  public static BatchSettings defaults() {
    return new BatchSettings(DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT);
  }

  /** These settings with {@code maxBatch} windows per call. */
  public BatchSettings withMaxBatch(int maxBatch) {
    return new BatchSettings(maxBatch, maxWait);
  }

  /** These settings with windows waiting at most {@code maxWait}. */
  public BatchSettings withMaxWait(Duration maxWait) {
    return new BatchSettings(maxBatch, maxWait);
  }
}
