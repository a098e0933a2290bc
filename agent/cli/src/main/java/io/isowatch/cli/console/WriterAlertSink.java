package io.isowatch.cli.console;

import io.isowatch.connectors.sink.ConsoleAlertSink;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.io.AlertSink;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Prints each alert as {@link ConsoleAlertSink#format} writes it, on the command's standard output
 * writer (so that the alerts and the command's other lines share one stream, and tests capture
 * both). Lines from several threads never interleave.
 */
public final class WriterAlertSink implements AlertSink {
  private final PrintWriter out;

  public WriterAlertSink(PrintWriter out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public void send(Alert alert) {
    String line = ConsoleAlertSink.format(alert, ConsoleAlertSink.DEFAULT_TOP_EVIDENCE);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void flush() {
    out.flush();
  }

  /** Flushes; the writer is the command's and stays open. */
  @Override
  public void close() {
    out.flush();
  }
}
