package io.isowatch.connectors.sink;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.io.AlertSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Appends each alert to a file as one line of JSON ({@link AlertJson}): a record an operator can
 * grep, and the input of {@code evaluate}.
 *
 * <pre>{@code
 * try (JsonlAlertSink sink = JsonlAlertSink.open(Path.of("alerts.jsonl"))) {
 *   sink.send(alert);
 *   sink.flush(); // on disk now
 * }
 * }</pre>
 *
 * <p>The file and its folders are created when absent; an existing file is appended to, never
 * truncated. Lines are buffered until {@link #flush()} (which forces them to the disk) or {@link
 * #close()}. Thread-safe.
 */
public final class JsonlAlertSink implements AlertSink {
  private final JsonlFile file;

  private JsonlAlertSink(JsonlFile file) {
    this.file = file;
  }

  /** Opens {@code path} for appending. */
  public static JsonlAlertSink open(Path path) throws IOException {
    return new JsonlAlertSink(new JsonlFile(path));
  }

  @Override
  public void send(Alert alert) throws IOException {
    file.append(AlertJson.toLine(alert));
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
