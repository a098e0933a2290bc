package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting path of the stack with real servers on loopback: a Prometheus with the isowatch
 * alerting rules (their {@code for} durations cut to 0 s, nothing else changed) scrapes an agent
 * that is not there, fires {@code IsowatchAgentDown} and delivers it to an Alertmanager running the
 * stack's own alertmanager.yml, which routes it to its receiver.
 */
class AlertDeliveryTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path folder;

  @Test
  void anAgentThatIsDownReachesAlertmanagerThroughTheStacksConfigs() throws Exception {
    ExternalTool prometheusBinary = ExternalTool.require("prometheus", "prometheus");
    ExternalTool alertmanagerBinary =
        ExternalTool.require("prometheus-alertmanager", "prometheus-alertmanager");
    int alertmanagerPort = LoopbackPorts.free();
    int prometheusPort = LoopbackPorts.free();
    int nobodyPort = LoopbackPorts.free();
    Path rules = Files.createDirectories(folder.resolve("rules"));
    for (Path file : RuleFiles.load(RepositoryFiles.prometheus()).files()) {
      String text = Files.readString(file).replaceAll("(?m)^(\\s+for:) \\S+$", "$1 0s");
      Files.writeString(rules.resolve(file.getFileName()), text);
    }
    Files.writeString(
        folder.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global: {scrape_interval: 1s, evaluation_interval: 1s}",
            "rule_files: ['rules/*.yml']",
            "alerting:",
            "  alertmanagers:",
            "    - static_configs: [{targets: ['127.0.0.1:" + alertmanagerPort + "']}]",
            "scrape_configs:",
            "  - job_name: isowatch",
            "    static_configs: [{targets: ['127.0.0.1:" + nobodyPort + "']}]",
            ""));

    try (ChildProcess alertmanager =
            ChildProcess.start(
                "alertmanager",
                List.of(
                    alertmanagerBinary.path().toString(),
                    "--config.file="
                        + RepositoryFiles.dashboards().resolve("alertmanager/alertmanager.yml"),
                    "--storage.path=" + folder.resolve("am"),
                    "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                    "--cluster.listen-address="),
                folder);
        ChildProcess prometheus =
            ChildProcess.start(
                "prometheus",
                List.of(
                    prometheusBinary.path().toString(),
                    "--config.file=" + folder.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + folder.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + prometheusPort),
                folder)) {
      JsonNode delivered = null;
      Instant deadline = Instant.now().plus(PATIENCE);
      while (delivered == null && Instant.now().isBefore(deadline)) {
        alertmanager.requireAlive();
        prometheus.requireAlive();
        delivered = agentDown(alertmanagerPort);
        Thread.sleep(500);
      }
      assertThat(delivered)
          .as(
              "IsowatchAgentDown in Alertmanager after %s; Prometheus log:%n%s%nAlertmanager log:%n%s",
              PATIENCE, prometheus.logTail(), alertmanager.logTail())
          .isNotNull();
      assertThat(delivered.path("labels").path("severity").asText()).isEqualTo("critical");
      assertThat(delivered.path("labels").path("instance").asText())
          .isEqualTo("127.0.0.1:" + nobodyPort);
      assertThat(delivered.path("annotations").path("summary").asText())
          .isEqualTo("isowatch agent 127.0.0.1:" + nobodyPort + " is down");
      assertThat(delivered.path("receivers").get(0).path("name").asText())
          .isEqualTo("isowatch-log");
    }
  }

  /** The IsowatchAgentDown alert Alertmanager holds, or null while it has none. */
  private static JsonNode agentDown(int port) throws InterruptedException {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      for (JsonNode alert : DashboardFiles.JSON.readTree(response.body())) {
        if ("IsowatchAgentDown".equals(alert.path("labels").path("alertname").asText())) {
          return alert;
        }
      }
      return null;
    } catch (IOException notUpYet) {
      return null;
    }
  }
}
