package io.isowatch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * One scrape of a {@code /metrics} endpoint over HTTP, as Prometheus takes it, and look-ups of its
 * samples in the text format ({@code name{labels} value} lines).
 */
final class Scrape {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String body;

  private Scrape(String body) {
    this.body = body;
  }

  static Scrape of(int port) throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("status of GET /metrics").isEqualTo(200);
    return new Scrape(response.body());
  }

  /**
   * The value of the sample written exactly {@code series} (name and labels as exported, e.g.
   * {@code isowatch_records_rejected_total{reason="gap"}}), or empty if there is none.
   */
  OptionalDouble value(String series) {
    String prefix = series + " ";
    for (String line : body.split("\n")) {
      if (line.startsWith(prefix)) {
        return OptionalDouble.of(Double.parseDouble(line.substring(prefix.length()).trim()));
      }
    }
    return OptionalDouble.empty();
  }

  /** The value of {@code series}, or 0 when there is no such sample (a counter never increased). */
  double valueOrZero(String series) {
    return value(series).orElse(0);
  }

  /** The sum of every sample of the metric {@code name}, whatever its labels. */
  double sum(String name) {
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  String body() {
    return body;
  }

  @Override
  public String toString() {
    return body;
  }
}
