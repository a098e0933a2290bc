package io.isowatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The HTTP API of a Prometheus server (https://prometheus.io/docs/prometheus/latest/querying/api/).
 */
final class PrometheusApi {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;

  PrometheusApi(int port) {
    this("127.0.0.1", port);
  }

  PrometheusApi(String host, int port) {
    this.base = URI.create("http://" + host + ":" + port);
  }

  boolean ready() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The result of an instant query at the server's now: a vector (or scalar) as JSON. */
  JsonNode query(String expr) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + encode(expr));
  }

  /** The result of a range query: one matrix entry per series with values in the range. */
  JsonNode queryRange(String expr, Instant start, Instant end, Duration step)
      throws IOException, InterruptedException {
    return get(
        "/api/v1/query_range?query="
            + encode(expr)
            + "&start="
            + start.getEpochSecond()
            + "&end="
            + end.getEpochSecond()
            + "&step="
            + step.toSeconds());
  }

  /** The label values of {@code label} on the series {@code match} selects. */
  JsonNode labelValues(String label, String match) throws IOException, InterruptedException {
    return get("/api/v1/label/" + label + "/values?match[]=" + encode(match));
  }

  /** The loaded rule groups with each rule's health and last error. */
  JsonNode rules() throws IOException, InterruptedException {
    return get("/api/v1/rules");
  }

  /** The scrape targets and their health. */
  JsonNode targets() throws IOException, InterruptedException {
    return get("/api/v1/targets");
  }

  /** The "data" of a successful answer; an error answer throws with Prometheus's message. */
  private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body = DashboardFiles.JSON.readTree(response.body());
    if (!"success".equals(body.path("status").asText())) {
      throw new IOException(
          "Prometheus answered "
              + response.statusCode()
              + " to "
              + pathAndQuery
              + ": "
              + body.path("errorType").asText()
              + ": "
              + body.path("error").asText());
    }
    return body.path("data");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
