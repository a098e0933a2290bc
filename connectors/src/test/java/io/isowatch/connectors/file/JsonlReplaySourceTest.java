package io.isowatch.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReplaySourceTest {
  @TempDir Path dir;

  @Test
  void readsIsoAndEpochMillisTimesInFileOrder() throws Exception {
    Path file =
        Replays.write(
            dir,
            "feeds.jsonl",
            """
            {"feed": "load", "time": "2017-01-01T00:00:00Z", "value": 76259}
            {"feed": "load", "time": 1483232400000, "value": 72912.5}
            {"feed": "cpu", "time": "2017-01-01 01:00:00", "value": -0.25, "extra": [1, 2]}
            {"feed": "cpu", "time": "2017-01-01T03:00:00+02:00", "value": "1e3"}
            """);

    Replays out = Replays.of(JsonlReplaySource.builder(file).build());

    Instant newYear = Instant.parse("2017-01-01T00:00:00Z");
    assertThat(out.observations())
        .containsExactly(
            new Observation("load", newYear, 76259),
            new Observation("load", newYear.plusSeconds(3600), 72912.5),
            new Observation("cpu", newYear.plusSeconds(3600), -0.25),
            new Observation("cpu", newYear.plusSeconds(3600), 1000));
    assertThat(out.rejections()).isEmpty();
  }

  @Test
  void nonFiniteValuesPassThroughAsObservations() throws Exception {
    Path file =
        Replays.write(
            dir,
            "nan.jsonl",
            """
            {"feed": "a", "time": 0, "value": NaN}
            {"feed": "a", "time": 1, "value": "nan"}
            {"feed": "a", "time": 2, "value": "-Infinity"}
            {"feed": "a", "time": 3, "value": 1e400}
            """);

    Replays out = Replays.of(JsonlReplaySource.builder(file).build());

    assertThat(out.observations())
        .extracting(Observation::value)
        .containsExactly(
            Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertThat(out.rejections()).isEmpty();
  }

  @Test
  void malformedLinesBecomeRejectionsWithLineNumbersAndTheReplayGoesOn() throws Exception {
    String[] lines = {
      "{\"feed\": \"a\", \"time\": 0, \"value\": 1}", // 1 good
      "not json", // 2
      "[1, 2, 3]", // 3 not an object
      "{\"time\": 0, \"value\": 1}", // 4 no feed
      "{\"feed\": \"a\", \"value\": 1}", // 5 no time
      "{\"feed\": \"a\", \"time\": \"soon\", \"value\": 1}", // 6 bad time
      "{\"feed\": \"a\", \"time\": 0}", // 7 no value
      "{\"feed\": \"a\", \"time\": 0, \"value\": null}", // 8 null value
      "{\"feed\": \"a\", \"time\": 0, \"value\": \"abc\"}", // 9 bad value
      "{\"feed\": \"a\", \"time\": 0, \"value\": true}", // 10 wrong type
      "{\"feed\": 7, \"time\": 0, \"value\": 1}", // 11 feed not a string
      "   ", // 12 blank: counted, passed over
      "{\"feed\": \"a\", \"time\": 0, \"value\": 1} {}", // 13 trailing content
      "{\"feed\": \"a\", \"time\": 1.5, \"value\": 1}", // 14 fractional epoch millis
      "{\"feed\": \"a\", \"time\": 60000, \"value\": 2}" // 15 good
    };
    Path file = Replays.write(dir, "bad.jsonl", String.join("\n", lines));
    List<ReplayProgress> reports = new ArrayList<>();

    Replays out =
        Replays.of(
            JsonlReplaySource.builder(file).clock(Replays.FIXED).progress(reports::add).build());

    assertThat(out.observations())
        .containsExactly(
            new Observation("a", Instant.EPOCH, 1),
            new Observation("a", Instant.ofEpochSecond(60), 2));
    assertThat(out.rejections())
        .extracting(Rejection::reason, Rejection::feedId, r -> lineOf(r))
        .containsExactly(
            tuple(RejectionReason.UNPARSABLE, Optional.empty(), 2),
            tuple(RejectionReason.UNPARSABLE, Optional.empty(), 3),
            tuple(RejectionReason.MISSING_FIELD, Optional.empty(), 4),
            tuple(RejectionReason.MISSING_FIELD, Optional.of("a"), 5),
            tuple(RejectionReason.UNPARSABLE, Optional.of("a"), 6),
            tuple(RejectionReason.MISSING_FIELD, Optional.of("a"), 7),
            tuple(RejectionReason.MISSING_FIELD, Optional.of("a"), 8),
            tuple(RejectionReason.UNPARSABLE, Optional.of("a"), 9),
            tuple(RejectionReason.UNPARSABLE, Optional.of("a"), 10),
            tuple(RejectionReason.UNPARSABLE, Optional.empty(), 11),
            tuple(RejectionReason.UNPARSABLE, Optional.empty(), 13),
            tuple(RejectionReason.UNPARSABLE, Optional.of("a"), 14));
    for (Rejection r : out.rejections()) {
      assertThat(r.original()).isEqualTo(lines[lineOf(r) - 1]);
      assertThat(r.rejectedAt()).isEqualTo(Replays.FIXED.instant());
    }
    assertThat(detailOfLine(out, 3)).isEqualTo("line 3: not a JSON object");
    assertThat(detailOfLine(out, 4)).isEqualTo("line 4: field feed is missing");
    assertThat(detailOfLine(out, 6))
        .isEqualTo(
            "line 6: field time: 'soon' is not an ISO-8601 date-time, a date or an epoch number");
    assertThat(detailOfLine(out, 9)).isEqualTo("line 9: field value: 'abc' is not a number");
    assertThat(detailOfLine(out, 10))
        .isEqualTo("line 10: field value must be a number, got boolean");
    assertThat(detailOfLine(out, 11)).isEqualTo("line 11: field feed must be a string, got number");
    ReplayProgress last = reports.get(reports.size() - 1);
    assertThat(last.done()).isTrue();
    assertThat(last.fraction()).isEqualTo(1.0);
    assertThat(last.rows()).isEqualTo(14);
    assertThat(last.blankLines()).isEqualTo(1);
    assertThat(last.malformed()).isEqualTo(12);
  }

  private static int lineOf(Rejection r) {
    return Integer.parseInt(r.detail().substring("line ".length(), r.detail().indexOf(':')));
  }

  private static String detailOfLine(Replays out, int line) {
    return out.rejections().stream()
        .filter(r -> lineOf(r) == line)
        .findFirst()
        .orElseThrow()
        .detail();
  }

  @Test
  void fieldNamesCanBeChanged() throws Exception {
    Path file = Replays.write(dir, "k.jsonl", "{\"key\": \"x\", \"ts\": 1000, \"v\": 3}\n");

    Replays out =
        Replays.of(
            JsonlReplaySource.builder(file)
                .feedField("key")
                .timeField("ts")
                .valueField("v")
                .build());

    assertThat(out.observations())
        .containsExactly(new Observation("x", Instant.ofEpochSecond(1), 3));
  }

  @Test
  void speedUpReplaysEventGapsDividedByTheFactor() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i <= 10; i++) {
      jsonl.append("{\"feed\": \"a\", \"time\": ").append(1000L * i).append(", \"value\": 1}\n");
    }
    Path file = Replays.write(dir, "paced.jsonl", jsonl.toString());

    long start = System.nanoTime();
    Replays out = Replays.of(JsonlReplaySource.builder(file).speedUp(50).build());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(out.observations()).hasSize(11);
    assertThat(seconds).isGreaterThanOrEqualTo(0.15); // 10 s of event time / 50 = 0.2 s
  }

  @Test
  void progressReachesTheWholeFile() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      jsonl.append("{\"feed\": \"a\", \"time\": ").append(i).append(", \"value\": 1}\n");
    }
    Path file = Replays.write(dir, "p.jsonl", jsonl.toString());
    List<ReplayProgress> reports = new ArrayList<>();

    Replays.of(JsonlReplaySource.builder(file).progress(reports::add).build());

    assertThat(reports).hasSizeBetween(10, 12);
    assertThat(reports.get(reports.size() - 1).fraction()).isEqualTo(1.0);
    assertThat(reports.get(reports.size() - 1).observations()).isEqualTo(500);
  }

  @Test
  void describeAndBuilderValidation() throws Exception {
    Path file = Replays.write(dir, "d.jsonl", "");

    assertThat(JsonlReplaySource.builder(file).speedUp(2.5).build().describe())
        .isEqualTo("jsonl replay of " + file + " (x2.5)");
    assertThat(JsonlReplaySource.builder(file).build().describe())
        .isEqualTo("jsonl replay of " + file + " (as fast as possible)");
    assertThatThrownBy(() -> JsonlReplaySource.builder(file).feedField(" ").build())
        .hasMessage("feedField must not be blank");
    assertThatThrownBy(
            () -> JsonlReplaySource.builder(file).speedUp(Double.POSITIVE_INFINITY).build())
        .hasMessage("speedUp must be finite and at least 0, got Infinity");
    assertThatThrownBy(() -> JsonlReplaySource.builder(file).maxLineLength(0).build())
        .hasMessage("maxLineLength must be at least 1, got 0");
    assertThatThrownBy(() -> JsonlReplaySource.builder(dir.resolve("none.jsonl")).build())
        .hasMessage("path must be a readable file, got " + dir.resolve("none.jsonl"));
  }

  @Test
  void anEmptyFileEmitsNothingAndReportsDone() throws Exception {
    Path file = Replays.write(dir, "empty.jsonl", "");
    List<ReplayProgress> reports = new ArrayList<>();

    Replays out = Replays.of(JsonlReplaySource.builder(file).progress(reports::add).build());

    assertThat(out.events()).isEmpty();
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).done()).isTrue();
    assertThat(reports.get(0).fraction()).isEqualTo(1.0);
  }
}
