package io.isowatch.kafkastreams;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StreamsEngineSettingsTest {
  private static StreamsEngineSettings.Builder valid() {
    return StreamsEngineSettings.builder()
        .bootstrapServers("localhost:9092")
        .inputTopics(List.of("observations"));
  }

  private static void rejects(UnaryOperator<StreamsEngineSettings.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void badSettingsAreRejectedNamingTheField() {
    rejects(b -> b.bootstrapServers(" "), "bootstrapServers must not be blank");
    rejects(b -> b.inputTopics(List.of()), "inputTopics must name at least one topic");
    rejects(
        b -> b.inputTopics(List.of("isowatch-alerts")),
        "inputTopics must not contain an output topic, got isowatch-alerts as both");
    rejects(
        b -> b.measuresTopic(Optional.of("isowatch-alerts")),
        "alertsTopic, measuresTopic and deadLetterTopic must differ, got [isowatch-alerts,"
            + " isowatch-alerts, isowatch-dead-letters]");
    rejects(b -> b.maxFeeds(0), "maxFeeds must be at least 1, got 0");
    rejects(b -> b.threads(0), "threads must be at least 1, got 0");
    rejects(b -> b.maxCachedMonitors(0), "maxCachedMonitors must be at least 1, got 0");
  }
}
