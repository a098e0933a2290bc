package io.isowatch.connectors.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.isowatch.connectors.testing.TestAlerts;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.Severity;
import io.isowatch.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Alertmanager: alerts appear in its API with our labels, and resolve. */
class AlertmanagerSinkTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;

  private AlertmanagerSink.Builder sink(AlertmanagerProcess alertmanager) {
    return AlertmanagerSink.builder(alertmanager.uri())
        .label("team", "forecasting")
        .spillFile(dir.resolve("am-spill.jsonl"))
        .initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofMillis(500));
  }

  @Test
  void aFiringAlertAppearsWithItsLabelsAndGoesAwayWhenResolved() throws Exception {
    try (AlertmanagerProcess alertmanager = new AlertmanagerProcess(dir)) {
      alertmanager.start();
      Alert firing = TestAlerts.firing("load-fr", 4, Severity.CRITICAL);
      try (AlertmanagerSink sink = sink(alertmanager).build()) {
        sink.send(firing);
        Await.until("alert in alertmanager", PATIENCE, () -> count(alertmanager, firing.id()) == 1);
        JsonNode alert = alertmanager.alertsWithId(firing.id()).get(0);
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo(firing.rule());
        assertThat(alert.at("/labels/feed").asText()).isEqualTo("load-fr");
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(alert.at("/labels/team").asText()).isEqualTo("forecasting");
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo(firing.summary());
        assertThat(alert.at("/annotations/description").asText())
            .isEqualTo(firing.suggestedAction());
        assertThat(alert.at("/annotations/evidence").asText()).startsWith("window_isoscore=");
        assertThat(alert.at("/status/state").asText()).isEqualTo("active");
        assertThat(sink.openAlerts()).isEqualTo(1);

        sink.send(TestAlerts.resolved(firing));
        Await.until("alert resolved", PATIENCE, () -> count(alertmanager, firing.id()) == 0);
        assertThat(sink.openAlerts()).isZero();
      }
    }
  }

  @Test
  void anOpenAlertIsResentSoAlertmanagerKeepsItFresh() throws Exception {
    try (AlertmanagerProcess alertmanager = new AlertmanagerProcess(dir)) {
      alertmanager.start();
      Alert firing = TestAlerts.firing("cpu", 1, Severity.WARNING);
      try (AlertmanagerSink sink =
          sink(alertmanager).resendInterval(Duration.ofMillis(300)).build()) {
        sink.send(firing);
        Await.until("alert in alertmanager", PATIENCE, () -> count(alertmanager, firing.id()) == 1);
        long sentBefore = sink.stats().delivered();
        Await.until("resends", PATIENCE, () -> sink.stats().delivered() >= sentBefore + 2);
        JsonNode alert = alertmanager.alertsWithId(firing.id()).get(0);
        assertThat(alert.at("/status/state").asText()).isEqualTo("active");
      }
    }
  }

  @Test
  void alertsSentWhileAlertmanagerIsDownArriveOnceItIsUp() throws Exception {
    try (AlertmanagerProcess alertmanager = new AlertmanagerProcess(dir)) {
      Alert first = TestAlerts.firing("a", 1, Severity.WARNING);
      Alert second = TestAlerts.firing("b", 2, Severity.CRITICAL);
      try (AlertmanagerSink sink = sink(alertmanager).capacity(1).build()) {
        sink.send(first);
        sink.send(second);
        assertThat(sink.stats().spilled()).isEqualTo(1);
        Await.until("a failed attempt", PATIENCE, () -> sink.stats().failedAttempts() > 0);
        alertmanager.start();
        Await.until(
            "both in alertmanager",
            PATIENCE,
            () -> count(alertmanager, first.id()) == 1 && count(alertmanager, second.id()) == 1);
      }
    }
  }

  @Test
  void reservedLabelsCannotBeOverridden() {
    assertThatThrownBy(
            () ->
                AlertmanagerSink.builder(java.net.URI.create("http://127.0.0.1:1"))
                    .label("severity", "info")
                    .spillFile(dir.resolve("s"))
                    .build())
        .hasMessage("labels: severity is set by the sink and cannot be given");
  }

  private static int count(AlertmanagerProcess alertmanager, String id) {
    try {
      return alertmanager.alertsWithId(id).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
