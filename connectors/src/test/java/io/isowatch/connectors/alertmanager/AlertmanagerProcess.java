package io.isowatch.connectors.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.DebianBinary;
import io.isowatch.testkit.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's prometheus-alertmanager, started on a loopback port with no cluster, a throw-away
 * storage folder and a route to a receiver that sends nothing; read back through its v2 API.
 */
final class AlertmanagerProcess implements AutoCloseable {
  private static final JsonMapper MAPPER = new JsonMapper();
  private static final String CONFIG =
      """
      route:
        receiver: nowhere
        group_wait: 1s
      receivers:
        - name: nowhere
      """;

  private final Path binary;
  private final Path dir;
  private final int port;
  private final HttpClient client = HttpClient.newHttpClient();
  private Process process;

  AlertmanagerProcess(Path dir) {
    this.binary =
        DebianBinary.require(
            "prometheus-alertmanager", "/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager");
    this.dir = dir;
    this.port = FreePort.pick();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  void start() throws IOException, InterruptedException {
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, CONFIG);
    Files.createDirectories(dir.resolve("data"));
    process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    Await.until(
        "alertmanager ready on port " + port, Duration.ofSeconds(20), this::ready, this::log);
  }

  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
      process = null;
    }
  }

  /** The alerts Alertmanager holds with label {@code alert_id} = {@code id} (active ones only). */
  JsonNode alertsWithId(String id) throws IOException, InterruptedException {
    String filter = URLEncoder.encode("alert_id=\"" + id + "\"", StandardCharsets.UTF_8);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri().resolve("/api/v2/alerts?filter=" + filter)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "alertmanager answered " + response.statusCode() + ": " + response.body());
    }
    return MAPPER.readTree(response.body());
  }

  private boolean ready() {
    if (process != null && !process.isAlive()) {
      throw new AssertionError("alertmanager exited: " + log());
    }
    try {
      return client
              .send(
                  HttpRequest.newBuilder(uri().resolve("/-/ready")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String log() {
    try {
      return Files.readString(dir.resolve("alertmanager.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
