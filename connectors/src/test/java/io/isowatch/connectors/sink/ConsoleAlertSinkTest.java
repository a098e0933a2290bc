package io.isowatch.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleAlertSinkTest {

  @Test
  void byDefaultPrintsOneShortLineWithRangeFeedSeverityStateAndSummaryOnly() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleAlertSink sink =
        new ConsoleAlertSink(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    sink.send(Alerts.critical());
    sink.flush();

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed.strip())
        .isEqualTo(
            "2024-01-01T10:00:00Z..2024-01-01T11:00:00Z synthetic-1 CRITICAL FIRING"
                + " geometry-baseline: isotropy collapsed");
  }

  @Test
  void withTopEvidencePrintsOneLineWithTopEvidenceAndAction() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleAlertSink sink =
        new ConsoleAlertSink(new PrintStream(bytes, true, StandardCharsets.UTF_8), 3);

    sink.send(Alerts.critical());
    sink.flush();

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed.strip())
        .isEqualTo(
            "2024-01-01T10:00:00Z..2024-01-01T11:00:00Z synthetic-1 CRITICAL FIRING"
                + " geometry-baseline: isotropy collapsed"
                + " | window_isoscore=0.1200 (baseline 0.4500 +- 0.03000, z=-11.00);"
                + " log_partition_drift=3.100 (baseline 0.2000 +- 0.5000, z=5.800);"
                + " raw_avg_cosine=0.9100 (baseline 0.4000 +- n/a, z=n/a) (+1 more)"
                + " | action: check the feed's source");
  }

  @Test
  void topEvidenceLimitsTheSignalsShown() {
    String line = ConsoleAlertSink.format(Alerts.critical(), 1);

    assertThat(line).contains("synthetic-1", "CRITICAL", "window_isoscore=0.1200", "(+3 more)");
    assertThat(line).doesNotContain("log_partition_drift");
  }

  @Test
  void aResolvedAlertWithoutEvidenceOrActionStaysOnOneLine() {
    assertThat(ConsoleAlertSink.format(Alerts.resolved(), 3))
        .isEqualTo(
            "2024-01-01T10:00:00Z..2024-01-01T12:00:00Z synthetic-1 WARNING RESOLVED"
                + " geometry-baseline: back to baseline after 2 windows");
  }

  @Test
  void rejectsANegativeTopEvidence() {
    assertThatThrownBy(() -> new ConsoleAlertSink(System.out, -1))
        .hasMessage("topEvidence must be at least 0, got -1");
  }
}
