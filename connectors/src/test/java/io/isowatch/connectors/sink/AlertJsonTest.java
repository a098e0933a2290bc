package io.isowatch.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isowatch.core.alert.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Test
  void writesEveryFieldWithSnakeCaseKeysInOrder() throws Exception {
    JsonNode json = PLAIN.readTree(AlertJson.toLine(Alerts.critical()));

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "feed_id",
            "rule",
            "severity",
            "state",
            "from",
            "to",
            "summary",
            "evidence",
            "suggested_action",
            "raised_at");
    assertThat(json.get("severity").asText()).isEqualTo("critical");
    assertThat(json.get("state").asText()).isEqualTo("firing");
    assertThat(json.get("raised_at").asText()).isEqualTo("2024-01-01T11:00:02.500Z");
    JsonNode second = json.get("evidence").get(1);
    assertThat(second.get("contribution").asDouble()).isEqualTo(1.25);
    JsonNode third = json.get("evidence").get(2);
    assertThat(third.get("contribution").isNull()).isTrue(); // NaN: a rule without a model
    assertThat(third.get("value").asDouble()).isEqualTo(0.91);
    assertThat(third.get("spread").isNull()).isTrue(); // NaN
    assertThat(third.get("score").isNull()).isTrue();
  }

  @Test
  void roundTripGivesTheSameAlertNaNIncluded() {
    for (Alert alert : List.of(Alerts.critical(), Alerts.resolved())) {
      assertThat(AlertJson.fromLine(AlertJson.toLine(alert))).isEqualTo(alert);
    }
  }

  @Test
  void aLineWrittenBeforeContributionsReadsThemAsUnknown() {
    String line = AlertJson.toLine(Alerts.critical()).replace(",\"contribution\":1.25", "");
    assertThat(line).doesNotContain("1.25");
    assertThat(AlertJson.fromLine(line).evidence().get(1).contribution()).isNaN();
  }

  @Test
  void aLineHasNoLineBreakEvenWhenTheSummaryHasOne() {
    assertThat(AlertJson.toLine(Alerts.resolved())).doesNotContain("\n");
  }

  @Test
  void readingNamesTheBadField() {
    String line = AlertJson.toLine(Alerts.critical());

    assertThatThrownBy(() -> AlertJson.fromLine(line.replace("\"critical\"", "\"fatal\"")))
        .hasMessage("field severity has no value fatal");
    assertThatThrownBy(() -> AlertJson.fromLine(line.replace("\"feed_id\"", "\"feed\"")))
        .hasMessage("field feed_id is missing");
    assertThatThrownBy(() -> AlertJson.fromLine(line.replace("2024-01-01T10:00:00Z", "yesterday")))
        .hasMessage("field from must be an ISO-8601 instant, got yesterday");
    assertThatThrownBy(() -> AlertJson.fromLine("[]"))
        .hasMessage("an alert must be a JSON object, got []");
  }
}
