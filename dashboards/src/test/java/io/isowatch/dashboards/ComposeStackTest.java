package io.isowatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole compose stack, built and started by Testcontainers where a Docker engine runs (it is
 * skipped without one): Prometheus scrapes a healthy agent that counts the producer's observations,
 * and Grafana serves both provisioned dashboards on the pinned datasource.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  @Container
  static final ComposeContainer STACK =
      new ComposeContainer(RepositoryFiles.docker().resolve("compose.yaml").toFile())
          .withBuild(true)
          .withServices("kafka", "producer", "agent", "prometheus", "alertmanager", "grafana")
          .withExposedService("prometheus", 9090, Wait.forHttp("/-/ready").forStatusCode(200))
          .withExposedService("grafana", 3000, Wait.forHttp("/api/health").forStatusCode(200))
          .withStartupTimeout(PATIENCE);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void prometheusScrapesTheAgentCountingTheProducersObservations() throws Exception {
    PrometheusApi prometheus =
        new PrometheusApi(
            STACK.getServiceHost("prometheus", 9090), STACK.getServicePort("prometheus", 9090));
    List<String> conditions =
        new ArrayList<>(
            List.of(
                "up{job=\"isowatch\"} == 1",
                "sum(isowatch_observations_total) > 0",
                "count(isowatch_window_isoscore) > 0"));
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!conditions.isEmpty() && Instant.now().isBefore(deadline)) {
      List<String> still = new ArrayList<>();
      for (String condition : conditions) {
        if (prometheus.query(condition).path("result").isEmpty()) {
          still.add(condition);
        }
      }
      conditions = still;
      Thread.sleep(2000);
    }
    assertThat(conditions).as("conditions without data after %s", PATIENCE).isEmpty();
    JsonNode groups = prometheus.rules().path("groups");
    assertThat(groups).hasSize(2);
  }

  @Test
  void grafanaServesBothDashboardsOnThePinnedDatasource() throws Exception {
    String grafana =
        "http://"
            + STACK.getServiceHost("grafana", 3000)
            + ":"
            + STACK.getServicePort("grafana", 3000);
    JsonNode search = get(grafana + "/api/search?tag=isowatch");
    List<String> uids = new ArrayList<>();
    search.forEach(d -> uids.add(d.path("uid").asText()));
    assertThat(uids).containsExactlyInAnyOrder("isowatch-overview", "isowatch-feed");
    JsonNode datasource = get(grafana + "/api/datasources/uid/isowatch-prometheus");
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    JsonNode health = get(grafana + "/api/datasources/uid/isowatch-prometheus/health");
    assertThat(health.path("status").asText()).isEqualTo("OK");
  }

  private JsonNode get(String url) throws Exception {
    String login =
        Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + login).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
    return DashboardFiles.JSON.readTree(response.body());
  }
}
