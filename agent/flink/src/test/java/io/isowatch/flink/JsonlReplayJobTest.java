package io.isowatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.connectors.json.ObservationJson;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.flink.Scenario.AlertKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a Flink MiniCluster, replaying a JSON Lines file with the bundled model: the
 * alerts are the in-process engine's on the same data, bad lines come out as dead letters with
 * their reason, and no type falls back to Kryo (generic types are disabled).
 */
class JsonlReplayJobTest {
  private static final String NOT_JSON = "this is no observation";
  private static final String NO_VALUE =
      "{\"feed\":\"synthetic-1\",\"time\":\"2024-01-01T00:00:30Z\"}";

  private static List<Observation> observations;
  private static List<AlertKey> expected;

  @TempDir static Path folder;

  @BeforeAll
  static void reference() throws Exception {
    observations = Scenario.observations();
    expected = Scenario.referenceAlerts();
  }

  @Test
  void theJobRaisesTheAlertsOfTheInProcessEngineAndSetsBadLinesAside() throws Exception {
    assertThat(expected).as("alerts of the in-process engine on the scenario").isNotEmpty();
    Observation notFinite =
        new Observation("synthetic-0", observations.get(0).eventTime().plusSeconds(30), Double.NaN);
    Path file = folder.resolve("feeds.jsonl");
    List<String> lines = new ArrayList<>();
    ObservationJson json = ObservationJson.defaults();
    lines.add(NOT_JSON);
    for (int i = 0; i < observations.size(); i++) {
      lines.add(json.encode(observations.get(i)));
      if (i == 0) {
        lines.add(json.encode(notFinite));
        lines.add(NO_VALUE);
      }
    }
    Files.write(file, lines, StandardCharsets.UTF_8);

    StreamExecutionEnvironment env = Scenario.environment(2, new Configuration());
    IsowatchTopology.Outputs outputs =
        IsowatchTopology.build(JsonlFiles.events(env, List.of(file)), Scenario.settings(1));
    List<Alert> alerts = new ArrayList<>();
    List<Rejection> deadLetters = new ArrayList<>();
    try (CloseableIterator<Alert> alertIterator = outputs.alerts().collectAsync();
        CloseableIterator<Rejection> deadLetterIterator = outputs.deadLetters().collectAsync()) {
      env.execute("jsonl replay test");
      alertIterator.forEachRemaining(alerts::add);
      deadLetterIterator.forEachRemaining(deadLetters::add);
    }

    assertThat(AlertKey.sorted(alerts)).isEqualTo(expected);
    assertThat(deadLetters)
        .extracting(Rejection::reason, Rejection::original)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, NOT_JSON),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.MISSING_FIELD, NO_VALUE),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.NOT_FINITE, notFinite.asText()));
  }
}
