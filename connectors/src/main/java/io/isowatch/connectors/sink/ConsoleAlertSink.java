package io.isowatch.connectors.sink;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.SignalEvidence;
import io.isowatch.core.io.AlertSink;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Prints one short line per alert, for a terminal or a log: time range, feed, severity, state, rule
 * and summary (the summary names what pushed the score). The full evidence and the suggested action
 * go to the JSON sinks and the report; with {@code topEvidence > 0} the line carries them too:
 *
 * <pre>
 * 2024-01-01T10:00:00Z..2024-01-01T11:00:00Z synthetic-1 CRITICAL FIRING geometry-baseline:
 * isotropy collapsed | window_isoscore=0.1200 (baseline 0.4500 +- 0.03000, z=-11.00);
 * log_partition_drift=3.100 (baseline 0.2000 +- 0.5000, z=5.800) | action: check the feed's source
 * </pre>
 *
 * (on one line). The {@code topEvidence} strongest signals are shown, then {@code (+n more)}; line
 * breaks inside the summary or action become spaces, and undefined numbers print as {@code n/a}.
 *
 * <pre>{@code
 * AlertSink console = new ConsoleAlertSink(System.out);
 * }</pre>
 *
 * <p>Thread-safe: lines from several threads never interleave.
 */
public final class ConsoleAlertSink implements AlertSink {
  /** Signals printed per alert by default: none, the line stays short. */
  public static final int DEFAULT_TOP_EVIDENCE = 0;

  private final PrintStream out;
  private final int topEvidence;

  /** Prints to {@code out} with the {@link #DEFAULT_TOP_EVIDENCE} strongest signals. */
  public ConsoleAlertSink(PrintStream out) {
    this(out, DEFAULT_TOP_EVIDENCE);
  }

  public ConsoleAlertSink(PrintStream out, int topEvidence) {
    this.out = Objects.requireNonNull(out, "out");
    if (topEvidence < 0) {
      throw new IllegalArgumentException("topEvidence must be at least 0, got " + topEvidence);
    }
    this.topEvidence = topEvidence;
  }

  @Override
  public void send(Alert alert) {
    String line = format(alert, topEvidence);
    synchronized (out) {
      out.println(line);
    }
  }

  @Override
  public void flush() {
    out.flush();
  }

  /** Flushes; the stream is left open, as it is usually {@code System.out}. */
  @Override
  public void close() {
    out.flush();
  }

  /** The line {@link #send} prints, without its line break. */
  public static String format(Alert alert, int topEvidence) {
    StringBuilder line = new StringBuilder();
    line.append(alert.from())
        .append("..")
        .append(alert.to())
        .append(' ')
        .append(alert.feedId())
        .append(' ')
        .append(alert.severity().name())
        .append(' ')
        .append(alert.state().name())
        .append(' ')
        .append(alert.rule())
        .append(": ")
        .append(oneLine(alert.summary()));
    List<SignalEvidence> evidence = alert.evidence();
    int shown = Math.min(topEvidence, evidence.size());
    if (shown > 0) {
      line.append(" | ");
      for (int i = 0; i < shown; i++) {
        SignalEvidence e = evidence.get(i);
        if (i > 0) {
          line.append("; ");
        }
        line.append(e.signal())
            .append('=')
            .append(number(e.value()))
            .append(" (baseline ")
            .append(number(e.baseline()))
            .append(" +- ")
            .append(number(e.spread()))
            .append(", z=")
            .append(number(e.score()));
        if (!Double.isNaN(e.predictiveness())) {
          line.append(", predictive rho=").append(number(e.predictiveness()));
        }
        line.append(')');
      }
      if (evidence.size() > shown) {
        line.append(" (+").append(evidence.size() - shown).append(" more)");
      }
    }
    if (topEvidence > 0 && !alert.suggestedAction().isBlank()) {
      line.append(" | action: ").append(oneLine(alert.suggestedAction()));
    }
    return line.toString();
  }

  private static String number(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4g", x) : "n/a";
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
