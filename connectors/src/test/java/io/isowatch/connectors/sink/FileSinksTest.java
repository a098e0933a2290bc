package io.isowatch.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.SignalEvidence;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinksTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @TempDir Path dir;

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /** Compares a written object with the alert field by field, reading it with a plain mapper. */
  private static void assertSameFields(JsonNode json, Alert alert) {
    assertThat(json.get("id").asText()).isEqualTo(alert.id());
    assertThat(json.get("feed_id").asText()).isEqualTo(alert.feedId());
    assertThat(json.get("rule").asText()).isEqualTo(alert.rule());
    assertThat(json.get("severity").asText())
        .isEqualTo(alert.severity().name().toLowerCase(Locale.ROOT));
    assertThat(json.get("state").asText()).isEqualTo(alert.state().name().toLowerCase(Locale.ROOT));
    assertThat(Instant.parse(json.get("from").asText())).isEqualTo(alert.from());
    assertThat(Instant.parse(json.get("to").asText())).isEqualTo(alert.to());
    assertThat(json.get("summary").asText()).isEqualTo(alert.summary());
    assertThat(json.get("suggested_action").asText()).isEqualTo(alert.suggestedAction());
    assertThat(Instant.parse(json.get("raised_at").asText())).isEqualTo(alert.raisedAt());
    assertThat(json.get("evidence")).hasSize(alert.evidence().size());
    for (int i = 0; i < alert.evidence().size(); i++) {
      SignalEvidence e = alert.evidence().get(i);
      JsonNode item = json.get("evidence").get(i);
      assertThat(item.get("signal").asText()).isEqualTo(e.signal());
      assertNumberOrNull(item.get("value"), e.value());
      assertNumberOrNull(item.get("baseline"), e.baseline());
      assertNumberOrNull(item.get("spread"), e.spread());
      assertNumberOrNull(item.get("score"), e.score());
    }
  }

  private static void assertNumberOrNull(JsonNode node, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(node.isNull()).isTrue();
    } else {
      assertThat(node.asDouble()).isEqualTo(expected);
    }
  }

  @Test
  void alertSinkWritesOneParsableLinePerAlertAndFlushMakesThemVisible() throws Exception {
    Path file = dir.resolve("out/alerts.jsonl"); // the folder does not exist yet
    try (JsonlAlertSink sink = JsonlAlertSink.open(file)) {
      sink.send(Alerts.critical());
      sink.send(Alerts.resolved());
      sink.flush();

      List<String> written = lines(file); // read while the sink is still open
      assertThat(written).hasSize(2);
      assertSameFields(PLAIN.readTree(written.get(0)), Alerts.critical());
      assertSameFields(PLAIN.readTree(written.get(1)), Alerts.resolved());
      assertThat(AlertJson.fromLine(written.get(0))).isEqualTo(Alerts.critical());
    }
  }

  @Test
  void alertSinkAppendsToAnExistingFile() throws Exception {
    Path file = dir.resolve("alerts.jsonl");
    try (JsonlAlertSink sink = JsonlAlertSink.open(file)) {
      sink.send(Alerts.critical());
    }
    try (JsonlAlertSink sink = JsonlAlertSink.open(file)) {
      sink.send(Alerts.resolved());
    }

    assertThat(lines(file))
        .extracting(AlertJson::fromLine)
        .containsExactly(Alerts.critical(), Alerts.resolved());
  }

  @Test
  void sendingAfterCloseFails() throws Exception {
    JsonlAlertSink sink = JsonlAlertSink.open(dir.resolve("a.jsonl"));
    sink.close();
    sink.close(); // twice is harmless

    assertThatThrownBy(() -> sink.send(Alerts.critical()))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("a.jsonl is closed");
  }

  @Test
  void aDeadLetterFileIsCreatedOnlyWithTheFirstRejection() throws Exception {
    Path file = dir.resolve("later/dead-letters.jsonl");

    try (DeadLetterFileSink sink = DeadLetterFileSink.open(file)) {
      sink.flush();
      assertThat(file.getParent()).as("nothing rejected yet, nothing written").doesNotExist();

      sink.accept(
          new Rejection(
              RejectionReason.UNPARSABLE, Optional.empty(), "x", "because", Instant.EPOCH));
      sink.flush();
      assertThat(lines(file)).hasSize(1);
    }
    Path unused = dir.resolve("unused.jsonl");
    DeadLetterFileSink.open(unused).close();
    assertThat(unused).doesNotExist();
  }

  @Test
  void aFileThatCannotBeWrittenFailsAtOpen() throws Exception {
    Path folder = java.nio.file.Files.createDirectory(dir.resolve("folder"));

    assertThatThrownBy(() -> DeadLetterFileSink.open(folder))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a folder");
  }

  @Test
  void deadLetterSinkWritesReasonLabelFeedOriginalDetailAndTime() throws Exception {
    Path file = dir.resolve("dead-letters.jsonl");
    Rejection withFeed =
        new Rejection(
            RejectionReason.UNPARSABLE,
            Optional.of("ETTh1/OT"),
            "2016-07-01 00:00:00,abc",
            "line 2: value column OT: 'abc' is not a number",
            Instant.parse("2025-05-05T05:05:05Z"));
    Rejection withoutFeed =
        new Rejection(
            RejectionReason.MISSING_FIELD,
            Optional.empty(),
            "{\"time\": 0}",
            "line 9: field feed is missing",
            Instant.parse("2025-05-05T05:05:06Z"));

    try (DeadLetterFileSink sink = DeadLetterFileSink.open(file)) {
      sink.accept(withFeed);
      sink.accept(withoutFeed);
      sink.flush();

      List<String> written = lines(file);
      assertThat(written).hasSize(2);
      JsonNode first = PLAIN.readTree(written.get(0));
      assertThat(first.get("reason").asText()).isEqualTo("unparsable");
      assertThat(first.get("feed_id").asText()).isEqualTo("ETTh1/OT");
      assertThat(first.get("original").asText()).isEqualTo(withFeed.original());
      assertThat(first.get("detail").asText()).isEqualTo(withFeed.detail());
      assertThat(Instant.parse(first.get("rejected_at").asText())).isEqualTo(withFeed.rejectedAt());
      JsonNode second = PLAIN.readTree(written.get(1));
      assertThat(second.get("reason").asText()).isEqualTo("missing_field");
      assertThat(second.get("feed_id").isNull()).isTrue();
      assertThat(second.get("original").asText()).isEqualTo("{\"time\": 0}");
      assertThat(written)
          .extracting(RejectionJson::fromLine)
          .containsExactly(withFeed, withoutFeed);
    }
  }
}
