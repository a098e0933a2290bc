package io.isowatch.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpdSeriesSourceTest {
  @TempDir Path dir;

  @Test
  void datedSeriesUsesTimeRaw() throws Exception {
    Path file =
        Replays.write(
            dir,
            "jfk.json",
            """
            {"name": "jfk_passengers", "n_obs": 3,
             "time": {"type": "string", "format": "%Y-%m", "index": [0, 1, 2],
                      "raw": ["1977-01", "1977-02", "1977-03"]},
             "series": [{"label": "Number of Passengers", "type": "int", "raw": [100, 90, 120]}]}
            """);

    TcpdSeriesSource source = TcpdSeriesSource.builder(file).build();
    Replays out = Replays.of(source);

    assertThat(source.feedIds()).containsExactly("jfk_passengers");
    assertThat(out.observations())
        .containsExactly(
            new Observation("jfk_passengers", Instant.parse("1977-01-01T00:00:00Z"), 100),
            new Observation("jfk_passengers", Instant.parse("1977-02-01T00:00:00Z"), 90),
            new Observation("jfk_passengers", Instant.parse("1977-03-01T00:00:00Z"), 120));
  }

  @Test
  void indexOnlySeriesIsPlacedAtStartPlusIndexTimesCadence() throws Exception {
    Path file =
        Replays.write(
            dir,
            "qc.json",
            """
            {"name": "quality_control_1", "time": {"index": [0, 1]},
             "series": [{"label": "V1", "raw": [0.5, NaN]}]}
            """);
    Instant start = Instant.parse("2020-01-01T00:00:00Z");

    Replays out =
        Replays.of(
            TcpdSeriesSource.builder(file).start(start).cadence(Duration.ofHours(1)).build());

    assertThat(out.observations())
        .containsExactly(
            new Observation("quality_control_1", start, 0.5),
            new Observation("quality_control_1", start.plusSeconds(3600), Double.NaN));
  }

  @Test
  void severalDimensionsGiveOneFeedPerLabelIndexByIndex() throws Exception {
    Path file =
        Replays.write(
            dir,
            "run_log.json",
            """
            {"name": "run_log", "time": {"raw": ["2018-07-31 18:22:28", "2018-07-31 18:22:33"]},
             "series": [{"label": "Pace", "raw": [3.1, 3.2]},
                        {"label": "Distance", "raw": [0.0, 0.01]}]}
            """);

    Replays out = Replays.of(TcpdSeriesSource.builder(file).build());

    Instant t0 = Instant.parse("2018-07-31T18:22:28Z");
    assertThat(out.observations())
        .containsExactly(
            new Observation("run_log/Pace", t0, 3.1),
            new Observation("run_log/Distance", t0, 0.0),
            new Observation("run_log/Pace", t0.plusSeconds(5), 3.2),
            new Observation("run_log/Distance", t0.plusSeconds(5), 0.01));
  }

  @Test
  void nullValuesAndBadTimesBecomeRejectionsAndTheReplayGoesOn() throws Exception {
    Path file =
        Replays.write(
            dir,
            "gaps.json",
            """
            {"name": "gaps", "time": {"raw": ["2000-01", "later", "2000-03", "2000-04"]},
             "series": [{"label": "x", "raw": [1, 2, null, "four"]}]}
            """);

    Replays out = Replays.of(TcpdSeriesSource.builder(file).clock(Replays.FIXED).build());

    assertThat(out.observations())
        .containsExactly(new Observation("gaps", Instant.parse("2000-01-01T00:00:00Z"), 1));
    assertThat(out.rejections())
        .extracting(Rejection::reason, Rejection::feedId, Rejection::detail)
        .containsExactly(
            tuple(
                RejectionReason.UNPARSABLE,
                Optional.of("gaps"),
                "index 1: time: 'later' is not an ISO-8601 date-time, a date or an epoch number"),
            tuple(RejectionReason.MISSING_FIELD, Optional.of("gaps"), "index 2: value is missing"),
            tuple(
                RejectionReason.UNPARSABLE,
                Optional.of("gaps"),
                "index 3: value must be a number, got \"four\""));
  }

  @Test
  void buildRefusesFilesThatAreNotTcpdSeries() throws Exception {
    Path notJson = Replays.write(dir, "a.json", "{");
    Path noSeries = Replays.write(dir, "b.json", "{\"name\": \"b\"}");
    Path ragged = Replays.write(dir, "c.json", "{\"series\": [{\"raw\": [1, 2]}, {\"raw\": [1]}]}");

    assertThatThrownBy(() -> TcpdSeriesSource.builder(notJson).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a.json is not JSON: ");
    assertThatThrownBy(() -> TcpdSeriesSource.builder(noSeries).build())
        .hasMessage("b.json: series must be a non-empty array");
    assertThatThrownBy(() -> TcpdSeriesSource.builder(ragged).build())
        .hasMessage("c.json: series[1].raw has 1 values, series[0] 2");
  }
}
