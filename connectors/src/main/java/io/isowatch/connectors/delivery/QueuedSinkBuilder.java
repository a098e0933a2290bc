package io.isowatch.connectors.delivery;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The options every alert sink that delivers through a {@link DeliveryQueue} shares: its memory
 * capacity, spill file, backoff, clock and flush timeout. A sink's builder extends it with its own
 * options and builds its queue with {@link #queue}.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class QueuedSinkBuilder<B extends QueuedSinkBuilder<B>> {
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);

  protected Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
  protected int capacity = DeliveryQueue.DEFAULT_CAPACITY;
  protected Path spillFile;
  protected long maxSpillBytes = DeliveryQueue.DEFAULT_MAX_SPILL_BYTES;
  protected Duration initialBackoff = DeliveryQueue.DEFAULT_INITIAL_BACKOFF;
  protected Duration maxBackoff = DeliveryQueue.DEFAULT_MAX_BACKOFF;
  protected Clock clock = Clock.systemUTC();

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** How long {@code flush()} waits for the queue to empty. */
  public B flushTimeout(Duration flushTimeout) {
    this.flushTimeout = flushTimeout;
    return self();
  }

  /** Alerts kept in memory before spilling to the file. */
  public B capacity(int capacity) {
    this.capacity = capacity;
    return self();
  }

  /** Where alerts spill when memory is full, and are replayed from at start. Required. */
  public B spillFile(Path spillFile) {
    this.spillFile = spillFile;
    return self();
  }

  public B maxSpillBytes(long maxSpillBytes) {
    this.maxSpillBytes = maxSpillBytes;
    return self();
  }

  public B initialBackoff(Duration initialBackoff) {
    this.initialBackoff = initialBackoff;
    return self();
  }

  public B maxBackoff(Duration maxBackoff) {
    this.maxBackoff = maxBackoff;
    return self();
  }

  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** The flush timeout set, for the sink being built. */
  public Duration flushTimeout() {
    return flushTimeout;
  }

  /** The clock set, for the sink being built. */
  public Clock clock() {
    return clock;
  }

  /** The queue named {@code name} with these options, delivering through {@code transport}. */
  public DeliveryQueue.Builder queue(String name, Transport transport) {
    return DeliveryQueue.builder(name, transport)
        .capacity(capacity)
        .spillFile(spillFile)
        .maxSpillBytes(maxSpillBytes)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .clock(clock);
  }
}
