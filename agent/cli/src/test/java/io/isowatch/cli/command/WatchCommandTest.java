package io.isowatch.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.cli.Cli;
import io.isowatch.cli.config.PushLimits;
import io.isowatch.cli.config.SourceSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
  void aRecordFromTheFarFutureIsSetAsideAndTheFeedGoesOn() throws Exception {
    Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    StringBuilder input = new StringBuilder();
    input.append("{\"feed\":\"f\",\"time\":\"" + start + "\",\"value\":1}\n");
    input.append("{\"feed\":\"f\",\"time\":\"9999-12-31T23:59:59Z\",\"value\":1}\n");
    for (int i = 1; i <= 10; i++) {
      input.append(
          "{\"feed\":\"f\",\"time\":\"" + start.plusSeconds(60L * i) + "\",\"value\":" + i + "}\n");
    }
    Path deadLetters = dir.resolve("dead.jsonl");
    Cli.Result result =
        withStdin(
            input.toString(),
            "watch",
            "--stdin",
            "--metrics-port",
            "0",
            "--dead-letters",
            deadLetters.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("summary: 11 observations, 1 rejected (too_far_ahead 1)");
    assertThat(Files.readAllLines(deadLetters))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"reason\":\"too_far_ahead\""));
  }

  @Test
  void theBoundAheadCanBeSetAndABadOneStopsTheStart() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String twoHoursAhead =
        "{\"feed\":\"f\",\"time\":\"" + now.plus(Duration.ofHours(2)) + "\",\"value\":1}\n";
    Path deadLetters = dir.resolve("dead.jsonl");

    Cli.Result wide =
        withStdin(
            twoHoursAhead,
            "watch",
            "--stdin",
            "--max-ahead",
            "1d",
            "--metrics-port",
            "0",
            "--dead-letters",
            deadLetters.toString());
    Cli.Result zero = Cli.run("watch", "--stdin", "--max-ahead", "0");
    Cli.Result garbled = Cli.run("watch", "--stdin", "--max-ahead", "soon");

    assertThat(wide.out()).contains("summary: 1 observations, 0 rejected");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--max-ahead must be longer than zero, got 0");
    assertThat(garbled.exitCode()).isEqualTo(2);
    assertThat(garbled.err()).contains("--max-ahead: ").contains("soon");
  }

  private static Cli.Result withStdin(String input, String... args) {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      return Cli.run(args);
    } finally {
      System.setIn(stdin);
    }
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
  void pushLimitsComeFromTheirFlagsAndOneOutOfRangeStopsTheStartNamingIt() {
    WatchCommand watch = new WatchCommand();
    new CommandLine(watch)
        .parseArgs(
            "--http-push=0",
            "--push-token-env=T",
            "--push-header-timeout=2s",
            "--push-body-timeout=1m",
            "--push-max-unauthenticated=8",
            "--push-queue=100",
            "--push-busy-after=0");

    SourceSpec.HttpPush spec = (SourceSpec.HttpPush) watch.sourceSpecs().get(0);

    PushLimits defaults = PushLimits.defaults();
    assertThat(spec.limits())
        .isEqualTo(
            new PushLimits(
                Duration.ofSeconds(2),
                Duration.ofMinutes(1),
                defaults.idleTimeout(),
                Duration.ZERO,
                8,
                100,
                defaults.maxBodyBytes()));
    for (String[] bad :
        new String[][] {
          {
            "--push-header-timeout=0s", "--push-header-timeout: must be between 100ms and 5m, got 0"
          },
          {
            "--push-body-timeout=500ms", "--push-body-timeout: must be between 1s and 1h, got 500ms"
          },
          {"--push-busy-after=2m", "--push-busy-after: must be between 0 and 1m, got 2m"},
          {
            "--push-max-unauthenticated=0",
            "--push-max-unauthenticated: must be between 1 and 65536, got 0"
          },
          {"--push-queue=0", "--push-queue: must be between 1 and 1048576, got 0"}
        }) {
      Cli.Result result =
          Cli.run("watch", "--http-push=0", "--push-token-env=T", "--metrics-port=0", bad[0]);
      assertThat(result.exitCode()).as(bad[0]).isEqualTo(2);
      assertThat(result.err()).as(bad[0]).contains(bad[1]);
    }
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
