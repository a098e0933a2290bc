package io.isowatch.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangePointSummaryTest {
  private static final Instant CHANGE = Instant.parse("2024-01-01T12:30:00Z");

  @Test
  void aChangeMissedWhileItsFeedWarmedUpSaysSo() {
    List<ChangePointSummary.Change> changes =
        List.of(
            new ChangePointSummary.Change("early", CHANGE, "level_shift"),
            new ChangePointSummary.Change("short", CHANGE, "level_shift"),
            new ChangePointSummary.Change("ready", CHANGE, "level_shift"));
    StringWriter text = new StringWriter();

    ChangePointSummary.of(changes, List.of())
        .print(
            new PrintWriter(text),
            Map.of(
                "early", Optional.of(CHANGE.plusSeconds(3600)),
                "short", Optional.empty(),
                "ready", Optional.of(CHANGE.minusSeconds(60))));

    assertThat(text.toString())
        .contains(
            "none: the feed was warming up, active only from 2024-01-01T13:30:00Z",
            "none: the feed was warming up to the end, it could not alert")
        .containsPattern("ready +2024-01-01T12:30:00Z +level_shift +none\\n");
  }
}
