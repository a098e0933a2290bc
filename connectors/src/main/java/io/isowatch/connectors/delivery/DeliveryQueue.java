package io.isowatch.connectors.delivery;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers envelopes to one receiver in order, at least once, on its own thread, so that a slow or
 * absent receiver never holds up the agent: a bounded queue in memory that spills to a local file
 * instead of dropping, with retries and exponential backoff.
 *
 * <pre>{@code
 * DeliveryQueue queue = DeliveryQueue.builder("webhook", transport)
 *     .spillFile(Path.of("state/webhook-spill.jsonl")).build();
 * queue.offer(new Envelope(key, body)); // returns at once
 * queue.flush(Duration.ofSeconds(10));  // at shutdown: waits for what it can deliver
 * queue.close();                        // what is left stays in the spill file
 * }</pre>
 *
 * <p><b>Order and bounds.</b> Up to {@code capacity} envelopes wait in memory. When memory is full,
 * or the spill file already holds some, an envelope is appended to the spill file (forced to the
 * disk), so the file only ever holds envelopes newer than those in memory and delivery keeps the
 * order of {@link #offer}. The file may grow to {@code maxSpillBytes}; past that {@link #offer}
 * throws {@link SpillFullException} rather than forget anything. Memory: at most {@code capacity}
 * envelopes, plus one read back from the file at a time.
 *
 * <p><b>Failures.</b> An attempt that gives {@link Outcome.Retry} is repeated after a backoff (from
 * {@code initialBackoff}, doubling up to {@code maxBackoff}) until it succeeds or the queue closes.
 * An envelope the receiver {@link Outcome.Rejected rejects} for good is appended with the reason to
 * the {@code rejectedFile} and delivery goes on with the next.
 *
 * <p><b>Restarts.</b> {@link #close()} writes the envelopes still in memory in front of those in
 * the spill file; a queue built on the same file later delivers them first ("replayed on start").
 * An envelope whose delivery was cut short may be delivered twice: receivers deduplicate on {@link
 * Envelope#key()}. Thread-safe.
 */
public final class DeliveryQueue implements AutoCloseable {
  public static final int DEFAULT_CAPACITY = 1024;
  public static final long DEFAULT_MAX_SPILL_BYTES = 64L << 20;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(DeliveryQueue.class.getName());
  private static final JsonMapper MAPPER = new JsonMapper();

  /**
   * Counts since the queue was built.
   *
   * @param delivered envelopes the receiver accepted
   * @param failedAttempts attempts that will be retried
   * @param rejected envelopes refused for good and written to the rejected file
   * @param spilled envelopes written to the spill file by this queue
   * @param inMemory envelopes waiting in memory now
   * @param inSpillFile envelopes waiting in the spill file now (earlier runs' included)
   * @param lastError the reason of the latest failed attempt, if any
   */
  public record Stats(
      long delivered,
      long failedAttempts,
      long rejected,
      long spilled,
      int inMemory,
      long inSpillFile,
      Optional<String> lastError) {}

  private final String name;
  private final Transport transport;
  private final int capacity;
  private final Path rejectedFile;
  private final Backoff backoff;
  private final Clock clock;
  private final Object lock = new Object();
  private final ArrayDeque<Envelope> memory;
  private final SpillFile spill;
  private final Thread worker;

  private boolean closing;
  private boolean closed;
  private long delivered;
  private long failedAttempts;
  private long rejected;
  private long spilled;
  private String lastError;

  private DeliveryQueue(Builder builder) throws IOException {
    this.name = builder.name;
    this.transport = builder.transport;
    this.capacity = builder.capacity;
    this.rejectedFile =
        builder.rejectedFile != null
            ? builder.rejectedFile
            : builder.spillFile.resolveSibling(builder.spillFile.getFileName() + ".rejected");
    this.backoff = new Backoff(builder.initialBackoff, builder.maxBackoff);
    this.clock = builder.clock;
    this.memory = new ArrayDeque<>(Math.min(capacity, 1024));
    this.spill = new SpillFile(builder.spillFile, builder.maxSpillBytes);
    if (!spill.isEmpty()) {
      LOG.log(
          Level.INFO,
          "{0}: replaying {1} undelivered message(s) from {2}",
          name,
          spill.pending(),
          spill.path());
    }
    this.worker = new Thread(this::deliverLoop, "isowatch-delivery-" + name);
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * @param name names the queue in logs and its thread, e.g. {@code webhook}
   * @param transport makes one attempt at a time
   */
  public static Builder builder(String name, Transport transport) {
    return new Builder(name, transport);
  }

  /**
   * Queues an envelope and returns at once.
   *
   * @throws SpillFullException if memory and the spill file are both full
   * @throws IOException if the spill file cannot be written
   * @throws IllegalStateException after {@link #close()}
   */
  public void offer(Envelope envelope) throws IOException {
    Objects.requireNonNull(envelope, "envelope");
    synchronized (lock) {
      if (closing) {
        throw new IllegalStateException(name + " delivery queue is closed");
      }
      if (spill.isEmpty() && memory.size() < capacity) {
        memory.addLast(envelope);
      } else {
        spill.append(envelope);
        spilled++;
      }
      lock.notifyAll();
    }
  }

  /**
   * Waits until everything queued so far is delivered (or rejected), at most {@code timeout}.
   *
   * @return whether the queue is empty
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!memory.isEmpty() || !spill.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closing) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  public Stats stats() {
    synchronized (lock) {
      return new Stats(
          delivered,
          failedAttempts,
          rejected,
          spilled,
          memory.size(),
          spill.pending(),
          Optional.ofNullable(lastError));
    }
  }

  /**
   * Stops delivering; envelopes still in memory are written in front of the spill file, for the
   * next queue on it. Waits up to the transport's timeout for an attempt under way.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closing = true;
      lock.notifyAll();
    }
    worker.interrupt();
    worker.join();
    synchronized (lock) {
      closed = true;
      if (!memory.isEmpty()) {
        LOG.log(
            Level.INFO,
            "{0}: {1} undelivered message(s) kept in {2} for the next start",
            name,
            memory.size() + spill.pending(),
            spill.path());
      }
      spill.prependAndClose(new ArrayList<>(memory));
      memory.clear();
    }
  }

  private void deliverLoop() {
    while (true) {
      Envelope next;
      boolean fromSpill;
      synchronized (lock) {
        try {
          while (!closing && memory.isEmpty() && spill.isEmpty()) {
            lock.wait();
          }
        } catch (InterruptedException e) {
          return;
        }
        if (closing) {
          return;
        }
        fromSpill = memory.isEmpty();
        if (fromSpill) {
          try {
            Optional<Envelope> head = spill.peek();
            if (head.isEmpty()) {
              continue;
            }
            next = head.get();
          } catch (IOException e) {
            skipUnreadable(e);
            continue;
          }
        } else {
          next = memory.peekFirst();
        }
      }
      Outcome outcome;
      try {
        outcome = transport.deliver(next);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        outcome = new Outcome.Retry("transport failed: " + e);
      }
      if (outcome instanceof Outcome.Retry retry) {
        if (!waitAfterFailure(retry.reason())) {
          return;
        }
        continue;
      }
      synchronized (lock) {
        if (outcome instanceof Outcome.Rejected refusal) {
          writeRejected(next, refusal.reason());
          rejected++;
        } else {
          if (backoff.failures() > 0) {
            LOG.log(
                Level.INFO,
                "{0}: delivering again after {1} failed attempt(s)",
                name,
                backoff.failures());
          }
          delivered++;
        }
        backoff.succeeded();
        try {
          if (fromSpill) {
            spill.advance();
          } else {
            memory.pollFirst();
          }
        } catch (IOException e) {
          LOG.log(Level.ERROR, name + ": cannot update spill file " + spill.path(), e);
        }
        lock.notifyAll();
      }
    }
  }

  /** Waits the backoff; false when the queue closes meanwhile. */
  private boolean waitAfterFailure(String reason) {
    synchronized (lock) {
      failedAttempts++;
      lastError = reason;
      Duration wait = backoff.failed();
      if (backoff.failures() == 1) {
        LOG.log(Level.WARNING, "{0}: {1}; retrying with backoff", name, reason);
      }
      try {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closing) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return true;
          }
          lock.wait(Math.max(1, left / 1_000_000));
        }
        return false;
      } catch (InterruptedException e) {
        return false;
      }
    }
  }

  private void skipUnreadable(IOException e) {
    LOG.log(Level.ERROR, name + ": skipping an unreadable spilled message", e);
    writeRejected(new Envelope("unreadable", ""), e.getMessage());
    rejected++;
    try {
      spill.advance();
    } catch (IOException again) {
      LOG.log(Level.ERROR, name + ": cannot update spill file " + spill.path(), again);
    }
  }

  private void writeRejected(Envelope envelope, String reason) {
    LOG.log(Level.ERROR, "{0}: message {1} refused for good: {2}", name, envelope.key(), reason);
    String line =
        MAPPER
                .createObjectNode()
                .put("key", envelope.key())
                .put("reason", reason)
                .put("rejected_at", clock.instant().toString())
                .put("body", envelope.body())
                .toString()
            + "\n";
    try (FileOutputStream out = new FileOutputStream(rejectedFile.toFile(), true)) {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.getChannel().force(true);
    } catch (IOException e) {
      LOG.log(Level.ERROR, name + ": cannot write " + rejectedFile, e);
    }
  }

  /** Builds a {@link DeliveryQueue}; the spill file is required. */
  public static final class Builder {
    private final String name;
    private final Transport transport;
    private int capacity = DEFAULT_CAPACITY;
    private Path spillFile;
    private long maxSpillBytes = DEFAULT_MAX_SPILL_BYTES;
    private Path rejectedFile;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Clock clock = Clock.systemUTC();

    private Builder(String name, Transport transport) {
      this.name = Objects.requireNonNull(name, "name");
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Envelopes kept in memory before spilling, at least 1. */
    public Builder capacity(int capacity) {
      this.capacity = capacity;
      return this;
    }

    /** The file envelopes spill to, and are replayed from at start. Required. */
    public Builder spillFile(Path spillFile) {
      this.spillFile = spillFile;
      return this;
    }

    /** The most bytes the spill file may take. */
    public Builder maxSpillBytes(long maxSpillBytes) {
      this.maxSpillBytes = maxSpillBytes;
      return this;
    }

    /** Where envelopes refused for good go; default: the spill file's name + {@code .rejected}. */
    public Builder rejectedFile(Path rejectedFile) {
      this.rejectedFile = rejectedFile;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Opens the spill file (counting what an earlier run left in it) and starts delivering.
     *
     * @throws IllegalArgumentException naming the first option out of range
     * @throws IOException if the spill file cannot be read
     */
    public DeliveryQueue build() throws IOException {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
      }
      if (spillFile == null) {
        throw new IllegalArgumentException("spillFile is required");
      }
      if (maxSpillBytes < 1) {
        throw new IllegalArgumentException(
            "maxSpillBytes must be at least 1, got " + maxSpillBytes);
      }
      new Backoff(initialBackoff, maxBackoff); // validates both, naming them
      return new DeliveryQueue(this);
    }
  }
}
