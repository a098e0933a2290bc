package io.isowatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code isowatch watch}: live sources from flags; stdin is the one that ends by itself. */
class WatchCommandTest {
  @TempDir Path dir;

  @Test
  void watchesStandardInputToItsEndAndSetsBadLinesAside() throws Exception {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      input.append(String.format(Locale.ROOT, "%.3f%n", Math.sin(i / 5.0) * 10 + i * 0.1));
      if (i == 40) {
        input.append("not a number\n");
      }
    }
    input.append("{\"feed\": \"other\", \"value\": 3}\n");
    Path deadLetters = dir.resolve("dead.jsonl");
    InputStream stdin = System.in;
    Cli.Result result;
    try {
      System.setIn(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)));
      result =
          Cli.run(
              "watch",
              "--stdin",
              "--feed",
              "sensor",
              "--metrics-port",
              "0",
              "--dead-letters",
              deadLetters.toString(),
              "--webhook",
              "http://127.0.0.1:9/hook",
              "--spill-dir",
              dir.resolve("spill").toString());
    } finally {
      System.setIn(stdin);
    }
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("isowatch watch: 1 source", "  stdin (bare numbers: sensor)")
        .contains("  alerts to --webhook http://127.0.0.1:9/hook");
    assertThat(Files.readAllLines(deadLetters))
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("stdin line 42: neither a JSON object"))
        .anySatisfy(line -> assertThat(line).contains("field time is missing"));
  }

  @Test
  void aSourceIsRequiredAndFlagsThatNeedEachOtherSaySo() {
    Cli.Result none = Cli.run("watch");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err())
        .contains("name at least one source: --mqtt, --http-poll, --http-push, --kafka or --stdin");
    Cli.Result push = Cli.run("watch", "--http-push", "8080");
    assertThat(push.exitCode()).isEqualTo(2);
    assertThat(push.err()).contains("--http-push needs --push-token-env");
    Cli.Result mqtt = Cli.run("watch", "--mqtt", "tcp://127.0.0.1:1883");
    assertThat(mqtt.err()).contains("--mqtt needs at least one --topic");
    Cli.Result pager =
        Cli.run("watch", "--stdin", "--webhook", "http://h/", "--webhook-format", "pagerduty");
    assertThat(pager.err()).contains("--webhook-format pagerduty needs --pagerduty-key-env");
  }

  @Test
  void mqttKeepsItsSessionAcrossBrokerRestartsWhenAskedAndReconnectsWithinSeconds() {
    WatchCommand watch = new WatchCommand();
    new CommandLine(watch)
        .parseArgs(
            "--mqtt=tcp://127.0.0.1:1883",
            "--topic=plant/#",
            "--mqtt-client-id=isowatch-plant",
            "--mqtt-persistent-session");

    SourceSpec.Mqtt spec = (SourceSpec.Mqtt) watch.sourceSpecs().get(0);

    assertThat(spec.clientId()).contains("isowatch-plant");
    assertThat(spec.cleanSession()).isFalse();
    assertThat(spec.maxReconnectDelay()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    // MqttSessionContinuityTest runs this configuration across a real mosquitto restart

    Cli.Result noId =
        Cli.run(
            "watch", "--mqtt", "tcp://127.0.0.1:1883", "--topic=a", "--mqtt-persistent-session");
    assertThat(noId.exitCode()).isEqualTo(2);
    assertThat(noId.err()).contains("--mqtt-persistent-session needs --mqtt-client-id");
  }

  @Test
  void aMissingSecretStopsTheStartNamingTheVariable() {
    Cli.Result result =
        Cli.run(
            "watch",
            "--http-push",
            "0",
            "--push-token-env",
            "ISOWATCH_TEST_UNSET_TOKEN",
            "--metrics-port",
            "0",
            "--dead-letters",
            dir.resolve("d.jsonl").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "--push-token-env: environment variable ISOWATCH_TEST_UNSET_TOKEN is not set or empty");
  }
}
