package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.testkit.Await;
import io.isowatch.testkit.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on the commands that run until interrupted ({@code demo --follow}, {@code watch}): the
 * agent, in its own JVM, gets SIGINT as from a terminal, and prints its per-feed summary before it
 * exits.
 */
class CtrlCSummaryTest {
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final String TOKEN = "ctrl-c-token";

  @TempDir Path dir;

  private Process start(List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IsowatchCommand.class.getName());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
    builder.environment().put("CTRL_C_TOKEN", TOKEN);
    return builder.start();
  }

  private String out() throws Exception {
    return Files.readString(dir.resolve("out.txt"));
  }

  /** The agent's metrics, once it printed where they are; empty before. */
  private String metrics() throws Exception {
    java.util.regex.Matcher port =
        java.util.regex.Pattern.compile("metrics: http://localhost:(\\d+)/").matcher(out());
    if (!port.find()) {
      return "";
    }
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Sends SIGINT, as Ctrl-C in a terminal does, and waits for the exit. */
  private void interrupt(Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
        .as("kill -INT")
        .isTrue();
    assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
  }

  @Test
  void demoFollowPrintsItsPerFeedSummaryOnCtrlC() throws Exception {
    Process demo =
        start(List.of("demo", "--follow", "--feeds", "2", "--rate", "200", "--metrics-port", "0"));
    try {
      Await.until(
          "both feeds embedded",
          PATIENCE,
          () -> {
            try {
              String metrics = metrics();
              return metrics.contains("isowatch_windows_embedded_total{feed=\"synthetic-0\"}")
                  && metrics.contains("isowatch_windows_embedded_total{feed=\"synthetic-1\"}");
            } catch (Exception notYet) {
              return false;
            }
          });
      interrupt(demo);
    } finally {
      demo.destroyForcibly();
    }

    String out = out();
    assertThat(out).as(out + Files.readString(dir.resolve("err.txt"))).contains("processed in");
    assertThat(out).contains("synthetic-0", "synthetic-1");
  }

  @Test
  void watchPrintsItsPerFeedSummaryOnCtrlC() throws Exception {
    int port = FreePort.pick();
    Process watch =
        start(
            List.of(
                "watch",
                "--http-push",
                Integer.toString(port),
                "--push-token-env",
                "CTRL_C_TOKEN",
                "--metrics-port",
                "0"));
    try {
      HttpClient client = HttpClient.newHttpClient();
      StringBuilder body = new StringBuilder();
      Instant t0 = Instant.now().minusSeconds(3600);
      for (int i = 0; i < 30; i++) {
        body.append("{\"feed\":\"pushed-a\",\"time\":\"")
            .append(t0.plusSeconds(60L * i))
            .append("\",\"value\":")
            .append(i % 5)
            .append("}\n");
      }
      Await.until(
          "the push source accepting the records",
          PATIENCE,
          () -> {
            try {
              return client
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + port + "/observations"))
                              .header("Authorization", "Bearer " + TOKEN)
                              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .statusCode()
                  == 200;
            } catch (Exception notYet) {
              return false;
            }
          });
      interrupt(watch);
    } finally {
      watch.destroyForcibly();
    }

    String out = out();
    assertThat(out).as(out + Files.readString(dir.resolve("err.txt"))).contains("watched for");
    assertThat(out).contains("summary: 30 observations").containsPattern("(?m)^pushed-a +30 ");
  }

  /** Standard input left open, as a terminal is: its blocked read does not hold the exit up. */
  @Test
  void watchStdinPrintsItsSummaryOnCtrlCWhileItsInputIsStillOpen() throws Exception {
    Process watch = start(List.of("watch", "--stdin", "--metrics-port", "0"));
    try {
      Instant t0 = Instant.now().minusSeconds(3600);
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        lines
            .append("{\"feed\":\"typed\",\"time\":\"")
            .append(t0.plusSeconds(60L * i))
            .append("\",\"value\":")
            .append(i % 3)
            .append("}\n");
      }
      watch
          .getOutputStream()
          .write(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      watch.getOutputStream().flush(); // and left open
      Await.until(
          "the 20 lines read",
          PATIENCE,
          () -> {
            try {
              return metrics().contains("isowatch_observations_total{feed=\"typed\"} 20");
            } catch (Exception notYet) {
              return false;
            }
          });
      interrupt(watch);
    } finally {
      watch.destroyForcibly();
    }

    String out = out();
    assertThat(out).as(out + Files.readString(dir.resolve("err.txt"))).contains("watched for");
    assertThat(out).containsPattern("(?m)^typed +20 ");
  }
}
