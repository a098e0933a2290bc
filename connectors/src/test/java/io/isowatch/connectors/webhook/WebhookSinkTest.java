package io.isowatch.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.testing.TestAlerts;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.Severity;
import io.isowatch.testkit.Await;
import io.isowatch.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSinkTest {
  private static final String HMAC_KEY = "test-hmac-key-0123";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final JsonMapper MAPPER = new JsonMapper();

  @TempDir Path dir;
  private WebhookReceiver receiver;

  @BeforeEach
  void receiver() {
    receiver = new WebhookReceiver(FreePort.pick(), HMAC_KEY);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private WebhookSink.Builder sink() {
    return WebhookSink.builder(receiver.uri())
        .signingKey(Secret.of(HMAC_KEY, "test"))
        .spillFile(dir.resolve("spill.jsonl"))
        .initialBackoff(Duration.ofMillis(50))
        .maxBackoff(Duration.ofMillis(200))
        .timeout(Duration.ofSeconds(2));
  }

  @Test
  void postsEachAlertSignedWithItsIdempotencyKey() throws Exception {
    receiver.start();
    Alert firing = TestAlerts.firing("cpu", 1, Severity.WARNING);
    Alert resolved = TestAlerts.resolved(firing);
    try (WebhookSink sink = sink().build()) {
      sink.send(firing);
      sink.send(resolved);
      sink.flush();
      assertThat(sink.stats().delivered()).isEqualTo(2);
    }
    List<WebhookReceiver.Received> got = receiver.accepted();
    assertThat(got).hasSize(2).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    assertThat(got.get(0).idempotencyKey()).isEqualTo(firing.id() + "/firing/warning");
    assertThat(got.get(1).idempotencyKey()).isEqualTo(firing.id() + "/resolved/warning");
    JsonNode body = MAPPER.readTree(got.get(0).body());
    assertThat(body.get("idempotency_key").asText()).isEqualTo(got.get(0).idempotencyKey());
    assertThat(AlertJson.fromJson(body.get("alert"))).isEqualTo(firing);
    assertThat(AlertJson.fromJson(MAPPER.readTree(got.get(1).body()).get("alert")))
        .isEqualTo(resolved);
  }

  @Test
  void aTamperedBodyFailsTheReceiversCheck() throws Exception {
    receiver.start();
    Alert alert = TestAlerts.firing("cpu", 1, Severity.WARNING);
    long now = 1_700_000_000L;
    String body = "{\"a\":1}";
    String signature = HmacSignature.sign(Secret.of(HMAC_KEY, "test"), now, body);
    assertThat(signature)
        .isNotEqualTo(HmacSignature.sign(Secret.of(HMAC_KEY, "test"), now, "{\"a\":2}"))
        .isNotEqualTo(HmacSignature.sign(Secret.of(HMAC_KEY, "test"), now + 1, body))
        .isNotEqualTo(HmacSignature.sign(Secret.of("other-key", "test"), now, body))
        .matches("sha256=[0-9a-f]{64}");
    try (WebhookSink sink = sink().signingKey(Secret.of("not-the-receivers-key", "test")).build()) {
      sink.send(alert);
      sink.flush();
    }
    assertThat(receiver.accepted())
        .singleElement()
        .satisfies(r -> assertThat(r.signatureValid()).isFalse());
  }

  @Test
  void aReceiverDownForAWhileGetsEveryAlertOnceBackInOrder() throws Exception {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      alerts.add(TestAlerts.firing("feed-" + (i % 3), i, Severity.WARNING));
    }
    try (WebhookSink sink = sink().capacity(3).build()) {
      for (Alert alert : alerts) {
        sink.send(alert);
      }
      // the receiver is down: 3 wait in memory, the other 9 went to the disk
      assertThat(sink.stats().spilled()).isEqualTo(alerts.size() - 3);
      assertThat(Files.readAllLines(dir.resolve("spill.jsonl"))).hasSize(alerts.size() - 3);
      Await.until("failed attempts", PATIENCE, () -> sink.stats().failedAttempts() >= 3);
      assertThat(sink.stats().delivered()).isZero();

      receiver.start();
      Await.until(
          "all delivered",
          PATIENCE,
          () -> sink.stats().delivered() == alerts.size(),
          () -> sink.stats().toString());
      assertThat(sink.stats().inSpillFile()).isZero();
    }
    Set<String> keysInArrivalOrder = new LinkedHashSet<>();
    for (WebhookReceiver.Received r : receiver.accepted()) {
      assertThat(r.signatureValid()).isTrue();
      keysInArrivalOrder.add(r.idempotencyKey());
      Alert sent = AlertJson.fromJson(MAPPER.readTree(r.body()).get("alert"));
      assertThat(r.idempotencyKey()).isEqualTo(sent.id() + "/firing/warning");
    }
    assertThat(new ArrayList<>(keysInArrivalOrder))
        .containsExactlyElementsOf(alerts.stream().map(a -> a.id() + "/firing/warning").toList());
    assertThat(Files.exists(dir.resolve("spill.jsonl"))).isFalse();
  }

  @Test
  void whatIsLeftAtCloseIsReplayedByTheNextSinkOnTheSameFile() throws Exception {
    List<Alert> alerts = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      alerts.add(TestAlerts.firing("boiler", i, Severity.CRITICAL));
    }
    try (WebhookSink first = sink().capacity(2).build()) {
      for (Alert alert : alerts) {
        first.send(alert);
      }
    }
    assertThat(Files.readAllLines(dir.resolve("spill.jsonl"))).hasSize(alerts.size());

    receiver.start();
    try (WebhookSink second = sink().capacity(2).build()) {
      Await.until("replayed", PATIENCE, () -> second.stats().delivered() == alerts.size());
    }
    assertThat(receiver.accepted().stream().map(WebhookReceiver.Received::idempotencyKey))
        .containsExactlyElementsOf(alerts.stream().map(a -> a.id() + "/firing/critical").toList());
  }

  @Test
  void aRequestRefusedForGoodIsSetAsideAndTheNextOneDelivered() throws Exception {
    receiver.start();
    Alert refused = TestAlerts.firing("bad", 1, Severity.WARNING);
    Alert fine = TestAlerts.firing("good", 2, Severity.WARNING);
    receiver.answer(body -> body.contains("\"feed_id\":\"bad\"") ? 400 : 200);
    try (WebhookSink sink = sink().build()) {
      sink.send(refused);
      sink.send(fine);
      sink.flush();
      assertThat(sink.stats().rejected()).isEqualTo(1);
      assertThat(sink.stats().delivered()).isEqualTo(1);
    }
    assertThat(receiver.accepted())
        .singleElement()
        .satisfies(r -> assertThat(r.idempotencyKey()).startsWith(fine.id()));
    List<String> setAside = Files.readAllLines(dir.resolve("spill.jsonl.rejected"));
    assertThat(setAside)
        .singleElement()
        .satisfies(
            line -> {
              JsonNode json = MAPPER.readTree(line);
              assertThat(json.get("key").asText()).startsWith(refused.id());
              assertThat(json.get("reason").asText()).contains("400");
            });
  }

  @Test
  void slackAndPagerDutyBodies() throws Exception {
    receiver.start();
    Alert firing = TestAlerts.firing("cpu", 3, Severity.CRITICAL);
    try (WebhookSink slack = sink().format(WebhookFormat.SLACK).build()) {
      slack.send(firing);
      slack.flush();
    }
    try (WebhookSink pager =
        sink()
            .spillFile(dir.resolve("pager-spill.jsonl"))
            .format(WebhookFormat.PAGERDUTY)
            .routingKey(Secret.of("R0UTING", "test"))
            .build()) {
      pager.send(firing);
      pager.send(TestAlerts.resolved(firing));
      pager.flush();
    }
    List<WebhookReceiver.Received> got = receiver.accepted();
    assertThat(got).hasSize(3);
    String text = MAPPER.readTree(got.get(0).body()).get("text").asText();
    assertThat(text).contains("cpu", "CRITICAL", "FIRING", firing.summary());
    JsonNode trigger = MAPPER.readTree(got.get(1).body());
    JsonNode resolve = MAPPER.readTree(got.get(2).body());
    assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UTING");
    assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
    assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
    assertThat(trigger.get("dedup_key").asText())
        .isEqualTo(resolve.get("dedup_key").asText())
        .isEqualTo(firing.id());
    assertThat(trigger.at("/payload/severity").asText()).isEqualTo("critical");
    assertThat(trigger.at("/payload/source").asText()).isEqualTo("cpu");
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> WebhookSink.builder(receiver.uri()).build())
        .hasMessage("spillFile is required");
    assertThatThrownBy(() -> sink().format(WebhookFormat.PAGERDUTY).build())
        .hasMessage("routingKey is required with format pagerduty");
    assertThatThrownBy(
            () ->
                WebhookSink.builder(java.net.URI.create("ftp://x/"))
                    .spillFile(dir.resolve("s"))
                    .build())
        .hasMessage("uri must be http or https, got ftp://x/");
  }
}
