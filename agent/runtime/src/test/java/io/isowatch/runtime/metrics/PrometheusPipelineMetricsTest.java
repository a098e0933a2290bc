package io.isowatch.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WarmUp;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.realized.ForecastOrigin;
import io.isowatch.core.realized.RealizedError;
import io.isowatch.core.trust.SignalScore;
import io.isowatch.core.trust.TrustReading;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scrapes a real endpoint over HTTP, as Prometheus would. */
class PrometheusPipelineMetricsTest {

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void everyPipelineEventShowsUpInTheScrape() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    PrometheusPipelineMetrics metrics = new PrometheusPipelineMetrics(registry);
    try (MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0)) {
      metrics.observed("cpu");
      metrics.observed("cpu");
      metrics.observed("load");
      Instant now = Instant.parse("2026-01-01T00:00:00Z");
      metrics.rejected(
          new Rejection(RejectionReason.NOT_FINITE, Optional.of("cpu"), "x", "value is NaN", now));
      metrics.embedded(16, 250_000_000L);
      metrics.windowMeasured("cpu");
      metrics.signals(
          "cpu",
          Map.of(
              MonitorSignal.WINDOW_ISOSCORE,
              0.25,
              MonitorSignal.WINDOW_MEAN_NORM_RATIO,
              Double.NaN));
      metrics.alert(
          new Alert(
              "cpu/geometry-baseline/1",
              "cpu",
              "geometry-baseline",
              Severity.CRITICAL,
              AlertState.FIRING,
              now,
              now,
              "summary",
              List.of(),
              "act",
              now));
      metrics.feeds(2);
      Window window =
          new Window("cpu", 7, now.minusSeconds(60), now.plusMillis(500), new double[] {1, 2});
      metrics.verdict(
          new WindowVerdict(
              window,
              Map.of(MonitorSignal.TRUST_SCORE, 0.5),
              List.of(),
              Optional.empty(),
              Optional.of(
                  new TrustReading(
                      0.5,
                      1.2,
                      java.util.Optional.empty(),
                      true,
                      true,
                      List.of(
                          new SignalScore("window_isoscore", 0.25, 0.3, 0.01, -5, -0.4, 1.17)))),
              Optional.of(new RealizedError(ForecastOrigin.AGENT, 0.02, 1.5, 0.75, 64, 100, 3)),
              2,
              Optional.of(new WarmUp(30, 0, true, 32))));

      String body = scrape(endpoint.port());

      assertThat(body)
          .contains("isowatch_observations_total{feed=\"cpu\"} 2.0")
          .contains("isowatch_observations_total{feed=\"load\"} 1.0")
          .contains("isowatch_records_rejected_total{reason=\"not_finite\"} 1.0")
          .contains("isowatch_windows_embedded_total{feed=\"cpu\"} 1.0")
          .contains(
              "isowatch_alerts_total{feed=\"cpu\",rule=\"geometry-baseline\","
                  + "severity=\"critical\",state=\"firing\"} 1.0")
          .contains("isowatch_alerts_firing{feed=\"cpu\",rule=\"geometry-baseline\"} 1.0")
          .contains("isowatch_feed_last_event_timestamp_seconds{feed=\"cpu\"} 1.7672256005E9")
          .contains("isowatch_forecasts_pending{feed=\"cpu\"} 2.0")
          .contains("isowatch_realized_error{feed=\"cpu\",measure=\"mase\"} 1.5")
          .contains("isowatch_realized_error{feed=\"cpu\",measure=\"nmse\"} 0.02")
          .contains("isowatch_interval_coverage{feed=\"cpu\"} 0.75")
          .contains("isowatch_signal_predictiveness{feed=\"cpu\",signal=\"window_isoscore\"} -0.4")
          .contains("isowatch_signal_contribution{feed=\"cpu\",signal=\"window_isoscore\"} 1.17")
          .contains("isowatch_embedding_latency_seconds_bucket{le=\"0.25\"} 1")
          .contains("isowatch_embedding_latency_seconds_sum 0.25")
          .contains("isowatch_embedding_batch_size_bucket{le=\"16.0\"} 1")
          .contains("isowatch_window_isoscore{feed=\"cpu\"} 0.25")
          .contains("isowatch_feeds 2.0")
          .contains("isowatch_feed_active{feed=\"cpu\"} 0.0")
          .contains("isowatch_feed_warmup_values_left{feed=\"cpu\"} 960.0")
          .contains("jvm_memory_used_bytes");
      // A NaN signal is not exported as a value: the gauge keeps no sample for it.
      assertThat(body).doesNotContain("isowatch_window_mean_norm_ratio{feed=\"cpu\"}");
      assertThat(body)
          .contains(
              "# HELP isowatch_window_isoscore " + MonitorSignal.WINDOW_ISOSCORE.help() + "\n");
    }
  }
}
