package io.isowatch.connectors.sink;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.DeadLetterSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Appends each rejected record to a file as one line of JSON ({@link RejectionJson}): reason label,
 * feed id (or null), the original record, the detail and the time of rejection, so what the agent
 * could not use can be looked at.
 *
 * <pre>{@code
 * try (DeadLetterFileSink deadLetters = DeadLetterFileSink.open(Path.of("dead-letters.jsonl"))) {
 *   source.run(event -> {
 *     if (event instanceof SourceEvent.Malformed m) deadLetters.accept(m.rejection());
 *   });
 * }
 * }</pre>
 *
 * <p><b>Durable.</b> A thread of the sink forces new lines to the disk every {@link
 * DeadLetterLimits#flushInterval()} (1 s by default), so a crash, {@code kill -9} included, loses
 * at most the last interval's lines; {@link #flush()} and {@link #close()} force them at once.
 *
 * <p><b>Bounded.</b> Each field is cut to {@link DeadLetterLimits#maxFieldChars()}; the file is
 * rotated past {@link DeadLetterLimits#maxFileBytes()}, keeping {@link
 * DeadLetterLimits#rotatedFiles()} copies; and writes are held to a byte budget ({@link
 * DeadLetterLimits#burstBytes()} at once, {@link DeadLetterLimits#bytesPerSecond()} sustained), the
 * dead letters over it counted in {@link Stats#dropped()} rather than written. A 1 MiB request of
 * one-character lines, which used to write 84 MB, writes at most the burst plus the rate's share.
 *
 * <p>The file and its folders are created with the first dead letter (a run without one leaves no
 * file); an existing file is appended to. Thread-safe.
 */
public final class DeadLetterFileSink implements DeadLetterSink {
  private static final String CUT = "...";

  /** No line is shorter: a flood over the budget is counted without serializing each record. */
  private static final int MIN_LINE_BYTES = 90;

  /**
   * Counts since the sink was opened.
   *
   * @param written dead letters written
   * @param dropped dead letters not written because the byte budget was spent
   * @param truncated dead letters with a field cut to the limit
   * @param rotations times the file was rotated
   */
  public record Stats(long written, long dropped, long truncated, long rotations) {}

  private final RotatingFile file;
  private final ByteBudget budget;
  private final int maxFieldChars;
  private final ScheduledExecutorService flusher;
  private long written;
  private long dropped;
  private long truncated;
  private boolean dirty;
  private boolean closed;
  private IOException flushFailure;

  private DeadLetterFileSink(Path path, DeadLetterLimits limits, LongSupplier nanoTime)
      throws IOException {
    this.file = new RotatingFile(path, limits.maxFileBytes(), limits.rotatedFiles());
    this.budget = new ByteBudget(limits.burstBytes(), limits.bytesPerSecond(), nanoTime);
    this.maxFieldChars = limits.maxFieldChars();
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "isowatch-dead-letters-flush");
              thread.setDaemon(true);
              return thread;
            });
    long every = limits.flushInterval().toNanos();
    flusher.scheduleWithFixedDelay(this::flushInBackground, every, every, TimeUnit.NANOSECONDS);
  }

  /** Opens {@code path} for appending, with {@link DeadLetterLimits#defaults()}. */
  public static DeadLetterFileSink open(Path path) throws IOException {
    return open(path, DeadLetterLimits.defaults());
  }

  /** Opens {@code path} for appending within {@code limits}. */
  public static DeadLetterFileSink open(Path path, DeadLetterLimits limits) throws IOException {
    return new DeadLetterFileSink(path, Objects.requireNonNull(limits, "limits"), System::nanoTime);
  }

  /** As {@link #open(Path, DeadLetterLimits)}, with the budget's clock given, for tests. */
  static DeadLetterFileSink open(Path path, DeadLetterLimits limits, LongSupplier nanoTime)
      throws IOException {
    return new DeadLetterFileSink(path, limits, nanoTime);
  }

  @Override
  public void accept(Rejection rejection) throws IOException {
    synchronized (this) {
      if (!closed && flushFailure == null && !budget.has(MIN_LINE_BYTES)) {
        dropped++;
        return;
      }
    }
    Rejection kept = cut(rejection);
    byte[] line = (RejectionJson.toLine(kept) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      if (closed) {
        throw new IOException(file.path() + " is closed");
      }
      rethrowFlushFailure();
      if (!budget.take(line.length)) {
        dropped++;
        return;
      }
      if (kept != rejection) {
        truncated++;
      }
      file.append(line);
      written++;
      dirty = true;
    }
  }

  private Rejection cut(Rejection rejection) {
    String original = cut(rejection.original());
    String detail = cut(rejection.detail());
    Optional<String> feed = rejection.feedId().map(this::cut);
    if (original == rejection.original()
        && detail == rejection.detail()
        && feed.equals(rejection.feedId())) {
      return rejection;
    }
    return new Rejection(rejection.reason(), feed, original, detail, rejection.rejectedAt());
  }

  private String cut(String text) {
    return text.length() <= maxFieldChars
        ? text
        : text.substring(0, maxFieldChars - CUT.length()) + CUT;
  }

  /** Writes the buffered lines and forces them to the disk. */
  @Override
  public synchronized void flush() throws IOException {
    if (closed) {
      return;
    }
    rethrowFlushFailure();
    file.flush();
    dirty = false;
  }

  private synchronized void flushInBackground() {
    if (closed || !dirty || flushFailure != null) {
      return;
    }
    try {
      file.flush();
      dirty = false;
    } catch (IOException e) {
      flushFailure = e; // reported by the next accept or flush, on the engine's thread
    }
  }

  private void rethrowFlushFailure() throws IOException {
    if (flushFailure != null) {
      throw new IOException(
          "cannot write dead letters to " + file.path() + ": " + flushFailure.getMessage(),
          flushFailure);
    }
  }

  public synchronized Stats stats() {
    return new Stats(written, dropped, truncated, file.rotations());
  }

  @Override
  public void close() throws IOException {
    flusher.shutdownNow();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      file.close();
    }
  }

  public Path path() {
    return file.path();
  }
}
