package io.isowatch.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static final JsonMapper MAPPER = new JsonMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void membersIndicesAndWildcards() throws Exception {
    JsonNode doc =
        json("{\"data\": {\"rows\": [{\"v\": 1}, {\"v\": 2}], \"odd key\": 7}, \"n\": [10, 20]}");
    assertThat(JsonPath.parse("$.data.rows[*].v").select(doc))
        .extracting(JsonNode::asInt)
        .containsExactly(1, 2);
    assertThat(JsonPath.parse("$.data.rows[1].v").first(doc).asInt()).isEqualTo(2);
    assertThat(JsonPath.parse("$.data['odd key']").first(doc).asInt()).isEqualTo(7);
    assertThat(JsonPath.parse("$.n.*").select(doc))
        .extracting(JsonNode::asInt)
        .containsExactly(10, 20);
    assertThat(JsonPath.parse("$").select(doc)).containsExactly(doc);
    assertThat(JsonPath.parse("$.missing.v").select(doc)).isEmpty();
    assertThat(JsonPath.parse("$.n[5]").first(doc)).isNull();
  }

  @Test
  void unsupportedSyntaxIsRefusedWithItsPosition() {
    assertThatThrownBy(() -> JsonPath.parse("data.v"))
        .hasMessage("JSON path must start with $, got \"data.v\"");
    assertThatThrownBy(() -> JsonPath.parse("$.a[?(@.v > 1)]"))
        .hasMessage("JSON path \"$.a[?(@.v > 1)]\": expected [*], [n] or ['name'] at position 3");
    assertThatThrownBy(() -> JsonPath.parse("$..v"))
        .hasMessage("JSON path \"$..v\": expected a member name after '.' at position 1");
  }
}
