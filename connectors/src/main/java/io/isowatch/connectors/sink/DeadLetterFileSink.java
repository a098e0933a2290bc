package io.isowatch.connectors.sink;

import io.isowatch.core.feed.Rejection;
import io.isowatch.core.io.DeadLetterSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Appends each rejected record to a file as one line of JSON ({@link RejectionJson}): reason label,
 * feed id (or null), the original record, the detail and the time of rejection, so nothing the
 * agent could not use is lost.
 *
 * <pre>{@code
 * try (DeadLetterFileSink deadLetters = DeadLetterFileSink.open(Path.of("dead-letters.jsonl"))) {
 *   source.run(event -> {
 *     if (event instanceof SourceEvent.Malformed m) deadLetters.accept(m.rejection());
 *   });
 * }
 * }</pre>
 *
 * <p>The file and its folders are created with the first rejected record (a run without one leaves
 * no file); an existing file is appended to. Lines are buffered until {@link #flush()} (which
 * forces them to the disk) or {@link #close()}. Thread-safe.
 */
public final class DeadLetterFileSink implements DeadLetterSink {
  private final JsonlFile file;

  private DeadLetterFileSink(JsonlFile file) {
    this.file = file;
  }

  /** Opens {@code path} for appending. */
  public static DeadLetterFileSink open(Path path) throws IOException {
    return new DeadLetterFileSink(new JsonlFile(path, true));
  }

  @Override
  public void accept(Rejection rejection) throws IOException {
    file.append(RejectionJson.toLine(rejection));
  }

  /** Writes the buffered lines and forces them to the disk. */
  @Override
  public void flush() throws IOException {
    file.flush();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  public Path path() {
    return file.path();
  }
}
