package io.isowatch.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.io.SourceEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplaySourceTest {
  @TempDir Path dir;

  private static Instant utc(String isoLocal) {
    return LocalDateTime.parse(isoLocal).toInstant(java.time.ZoneOffset.UTC);
  }

  @Test
  void nabStyleTimestampValueNamesTheFeedAfterTheFile() throws Exception {
    Path file =
        Replays.write(
            dir,
            "ec2_cpu_utilization_24ae8d.csv",
            "timestamp,value\n2014-02-14 14:27:00,51.846\n2014-02-14 14:32:00,44.508\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).build());

    assertThat(out.observations())
        .containsExactly(
            new Observation("ec2_cpu_utilization_24ae8d", utc("2014-02-14T14:27:00"), 51.846),
            new Observation("ec2_cpu_utilization_24ae8d", utc("2014-02-14T14:32:00"), 44.508));
    assertThat(out.rejections()).isEmpty();
  }

  @Test
  void wideFileWithOneChosenColumn() throws Exception {
    Path file =
        Replays.write(
            dir,
            "ETTh1.csv",
            "date,HUFL,HULL,MUFL,MULL,LUFL,LULL,OT\n"
                + "2016-07-01 00:00:00,5.827,2.009,1.599,0.462,4.203,1.340,30.531\n"
                + "2016-07-01 01:00:00,5.693,2.076,1.492,0.426,4.142,1.371,27.787\n");

    CsvReplaySource source = CsvReplaySource.builder(file).valueColumns("OT").build();
    Replays out = Replays.of(source);

    assertThat(source.feedIds()).containsExactly("ETTh1/OT");
    assertThat(out.observations())
        .containsExactly(
            new Observation("ETTh1/OT", utc("2016-07-01T00:00:00"), 30.531),
            new Observation("ETTh1/OT", utc("2016-07-01T01:00:00"), 27.787));
  }

  @Test
  void wideFileWithSeveralColumnsGivesOneFeedEachInTheOrderAskedFor() throws Exception {
    Path file =
        Replays.write(
            dir,
            "ETTh1.csv",
            "date,HUFL,HULL,OT\n2016-07-01 00:00:00,5.827,2.009,30.531\n"
                + "2016-07-01 01:00:00,5.693,2.076,27.787\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).valueColumns("OT", "HUFL").build());

    assertThat(out.observations())
        .containsExactly(
            new Observation("ETTh1/OT", utc("2016-07-01T00:00:00"), 30.531),
            new Observation("ETTh1/HUFL", utc("2016-07-01T00:00:00"), 5.827),
            new Observation("ETTh1/OT", utc("2016-07-01T01:00:00"), 27.787),
            new Observation("ETTh1/HUFL", utc("2016-07-01T01:00:00"), 5.693));
  }

  @Test
  void semicolonSeparatedSkabFileWithCrLfIsDetected() throws Exception {
    Path file =
        Replays.write(
            dir,
            "0.csv",
            "datetime;Accelerometer1RMS;Pressure;Volume Flow RateRMS;anomaly;changepoint\r\n"
                + "2020-03-09 10:14:33;0.0265878;0.054711;32.0;0.0;0.0\r\n"
                + "2020-03-09 10:14:34;0.0261697;0.382638;32.0;0.0;0.0\r\n");

    Replays out =
        Replays.of(
            CsvReplaySource.builder(file)
                .valueColumns("Pressure", "Volume Flow RateRMS")
                .feedPrefix("skab/valve1/0")
                .build());

    assertThat(out.observations())
        .containsExactly(
            new Observation("skab/valve1/0/Pressure", utc("2020-03-09T10:14:33"), 0.054711),
            new Observation("skab/valve1/0/Volume Flow RateRMS", utc("2020-03-09T10:14:33"), 32.0),
            new Observation("skab/valve1/0/Pressure", utc("2020-03-09T10:14:34"), 0.382638),
            new Observation("skab/valve1/0/Volume Flow RateRMS", utc("2020-03-09T10:14:34"), 32.0));
    assertThat(out.rejections()).isEmpty();
  }

  @Test
  void longFormatWithAKeyColumnNamesEachFeedAfterItsKey() throws Exception {
    Path file =
        Replays.write(
            dir,
            "monthly.csv",
            "Date,Country,Exchange rate\n1971-01-01,Australia,0.8944\n"
                + "1971-01-01,Austria,25.88\n1971-02-01,Australia,0.8898\n");

    CsvReplaySource source = CsvReplaySource.builder(file).keyColumn("Country").build();
    Replays out = Replays.of(source);

    assertThat(source.feedIds()).isEmpty();
    assertThat(out.observations())
        .containsExactly(
            new Observation("Australia", utc("1971-01-01T00:00:00"), 0.8944),
            new Observation("Austria", utc("1971-01-01T00:00:00"), 25.88),
            new Observation("Australia", utc("1971-02-01T00:00:00"), 0.8898));
  }

  @Test
  void keyedFeedsTakeAnExplicitPrefix() throws Exception {
    Path file =
        Replays.write(dir, "monthly.csv", "Date,Country,Exchange rate\n1971-01-01,Japan,357.7\n");

    Replays out =
        Replays.of(CsvReplaySource.builder(file).keyColumn("Country").feedPrefix("fx").build());

    assertThat(out.observations())
        .containsExactly(new Observation("fx/Japan", utc("1971-01-01T00:00:00"), 357.7));
  }

  @Test
  void oilPricesDateOnlyAndANegativePrice() throws Exception {
    Path file =
        Replays.write(
            dir,
            "wti-daily.csv",
            "Date,Price\n2020-04-17,18.31\n2020-04-20,-36.98\n1986-01-03,26\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).build());

    assertThat(out.observations())
        .containsExactly(
            new Observation("wti-daily", utc("2020-04-17T00:00:00"), 18.31),
            new Observation("wti-daily", utc("2020-04-20T00:00:00"), -36.98),
            new Observation("wti-daily", utc("1986-01-03T00:00:00"), 26));
  }

  @Test
  void neuralProphetDsY() throws Exception {
    Path file = Replays.write(dir, "load_rte.csv", "ds,y\n2017-01-01 00:00:00,76259\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).build());

    assertThat(out.observations())
        .containsExactly(new Observation("load_rte", utc("2017-01-01T00:00:00"), 76259));
  }

  @Test
  void epochSecondsMillisAndZonedIsoTimes() throws Exception {
    Path file =
        Replays.write(
            dir,
            "mixed.csv",
            "time,value\n1467331200,1\n1467331200000,2\n2016-07-01T02:00:00+02:00,3\n"
                + "2016-07-01T00:00:00Z,4\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).build());

    Instant july = utc("2016-07-01T00:00:00");
    assertThat(out.observations()).extracting(Observation::eventTime).containsOnly(july);
    assertThat(out.observations())
        .extracting(Observation::value)
        .containsExactly(1.0, 2.0, 3.0, 4.0);
  }

  @Test
  void namedTimeColumnAndZoneForZonelessTimes() throws Exception {
    Path file = Replays.write(dir, "t.csv", "value,when\n7.5,2016-07-01 00:00:00\n");
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");

    Replays out = Replays.of(CsvReplaySource.builder(file).timeColumn("when").zone(tokyo).build());

    assertThat(out.observations())
        .containsExactly(
            new Observation(
                "t", LocalDateTime.parse("2016-07-01T00:00:00").atZone(tokyo).toInstant(), 7.5));
  }

  @Test
  void quotedFieldsAndAByteOrderMark() throws Exception {
    Path file =
        Replays.write(
            dir,
            "q.csv",
            "\uFEFF\"Date\",\"Country\",\"Rate\"\n\"1971-01-01\",\"Hong Kong\",\"5.7\"\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).keyColumn("Country").build());

    assertThat(out.observations())
        .containsExactly(new Observation("Hong Kong", utc("1971-01-01T00:00:00"), 5.7));
  }

  @Test
  void malformedLinesBecomeRejectionsWithLineNumbersAndTheReplayGoesOn() throws Exception {
    String[] lines = {
      "timestamp,value", // 1
      "2014-01-01 00:00:00,1.0", // 2 good
      "2014-01-01 00:05:00,2.0,extra", // 3 wrong column count
      "2014-01-01 00:10:00", // 4 wrong column count
      "not a time,3.0", // 5 unparsable time
      ",4.0", // 6 empty time
      "2014-01-01 00:20:00,abc", // 7 unparsable value
      "2014-01-01 00:25:00,", // 8 empty value
      "2014-01-01 00:30:00,NaN", // 9 passes as an observation
      "", // 10 blank: counted, passed over
      "\"2014-01-01 00:35:00,5.0", // 11 unclosed quote
      "2014-01-01 00:40:00,1d", // 12 Java-only number form
      "2014-01-01 00:45:00,6.0" // 13 good
    };
    Path file = Replays.write(dir, "feed.csv", String.join("\n", lines) + "\n");
    List<ReplayProgress> reports = new ArrayList<>();

    Replays out =
        Replays.of(
            CsvReplaySource.builder(file).clock(Replays.FIXED).progress(reports::add).build());

    assertThat(out.observations())
        .extracting(Observation::value)
        .containsExactly(1.0, Double.NaN, 6.0);
    assertThat(out.rejections())
        .extracting(Rejection::reason, r -> r.detail().substring(0, r.detail().indexOf(':')))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, "line 3"),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, "line 4"),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, "line 5"),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.MISSING_FIELD, "line 6"),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, "line 7"),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.MISSING_FIELD, "line 8"),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, "line 11"),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, "line 12"));
    for (Rejection r : out.rejections()) {
      int line = Integer.parseInt(r.detail().substring(5, r.detail().indexOf(':')));
      assertThat(r.original()).isEqualTo(lines[line - 1]);
      assertThat(r.feedId()).contains("feed");
      assertThat(r.rejectedAt()).isEqualTo(Replays.FIXED.instant());
    }
    assertThat(out.rejections().get(0).detail())
        .isEqualTo("line 3: expected 2 fields like the header, found 3");
    assertThat(out.rejections().get(2).detail())
        .isEqualTo(
            "line 5: time column timestamp: 'not a time' is not an ISO-8601 date-time, a date or an"
                + " epoch number");
    assertThat(out.rejections().get(3).detail())
        .isEqualTo("line 6: time column timestamp is empty");
    assertThat(out.rejections().get(4).detail())
        .isEqualTo("line 7: value column value: 'abc' is not a number");
    assertThat(out.rejections().get(5).detail()).isEqualTo("line 8: value column value is empty");
    assertThat(out.rejections().get(6).detail())
        .isEqualTo("line 11: quoted field starting at character 1 is not closed");
    // events come in file order: the NaN of line 9 between the rejections of lines 8 and 11
    assertThat(out.events().get(7)).isInstanceOf(SourceEvent.Parsed.class);
    ReplayProgress last = reports.get(reports.size() - 1);
    assertThat(last.done()).isTrue();
    assertThat(last.rows()).isEqualTo(11);
    assertThat(last.blankLines()).isEqualTo(1);
    assertThat(last.observations()).isEqualTo(3);
    assertThat(last.malformed()).isEqualTo(8);
  }

  @Test
  void aBadCellOfAWideRowRejectsOnlyThatCell() throws Exception {
    Path file =
        Replays.write(
            dir,
            "w.csv",
            "date,A,B,C\n2016-07-01 00:00:00,1,x,3\n2016-07-01 01:00:00,4,,6\nbad,7,8,9\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).valueColumns("A", "B", "C").build());

    assertThat(out.observations())
        .extracting(Observation::feedId, Observation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("w/A", 1.0),
            org.assertj.core.groups.Tuple.tuple("w/C", 3.0),
            org.assertj.core.groups.Tuple.tuple("w/A", 4.0),
            org.assertj.core.groups.Tuple.tuple("w/C", 6.0));
    assertThat(out.rejections())
        .extracting(Rejection::reason, Rejection::feedId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, Optional.of("w/B")),
            org.assertj.core.groups.Tuple.tuple(RejectionReason.MISSING_FIELD, Optional.of("w/B")),
            // a bad time concerns the three feeds: one rejection, no single feed
            org.assertj.core.groups.Tuple.tuple(RejectionReason.UNPARSABLE, Optional.empty()));
  }

  @Test
  void keyedRowWithoutAKeyIsMissingAField() throws Exception {
    Path file =
        Replays.write(dir, "m.csv", "Date,Country,Rate\n1971-01-01,,1.0\n1971-01-01,Japan,x\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).keyColumn("Country").build());

    assertThat(out.rejections())
        .extracting(Rejection::reason, Rejection::feedId, Rejection::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                RejectionReason.MISSING_FIELD,
                Optional.empty(),
                "line 2: key column Country is empty"),
            org.assertj.core.groups.Tuple.tuple(
                RejectionReason.UNPARSABLE,
                Optional.of("Japan"),
                "line 3: value column Rate: 'x' is not a number"));
  }

  @Test
  void anOverlongLineIsMalformedAndTheNextLineIsRead() throws Exception {
    Path file =
        Replays.write(dir, "long.csv", "t,v\n2016-07-01,1" + "0".repeat(200) + "\n2016-07-02,2\n");

    Replays out = Replays.of(CsvReplaySource.builder(file).maxLineLength(50).build());

    assertThat(out.rejections()).hasSize(1);
    assertThat(out.rejections().get(0).detail())
        .isEqualTo("line 2: longer than 50 characters; kept the first 50");
    assertThat(out.rejections().get(0).original()).hasSize(50);
    assertThat(out.observations())
        .containsExactly(new Observation("long", utc("2016-07-02T00:00:00"), 2));
  }

  @Test
  void progressIsReportedEveryTenthAndReachesTheWholeFile() throws Exception {
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 1000; i++) {
      csv.append(Instant.ofEpochSecond(1_500_000_000L + 60L * i))
          .append(',')
          .append(i)
          .append('\n');
    }
    Path file = Replays.write(dir, "big.csv", csv.toString());
    List<ReplayProgress> reports = new ArrayList<>();

    Replays.of(CsvReplaySource.builder(file).progress(reports::add).build());

    assertThat(reports).hasSizeBetween(10, 12);
    assertThat(reports).extracting(ReplayProgress::fraction).isSorted();
    assertThat(reports.get(0).fraction()).isBetween(0.1, 0.11);
    ReplayProgress last = reports.get(reports.size() - 1);
    assertThat(last.done()).isTrue();
    assertThat(last.fraction()).isEqualTo(1.0);
    assertThat(last.bytesRead()).isEqualTo(Files.size(file));
    assertThat(last.rows()).isEqualTo(1000);
    assertThat(last.observations()).isEqualTo(1000);
    assertThat(reports.subList(0, reports.size() - 1)).noneMatch(ReplayProgress::done);
  }

  @Test
  void printingListenerRendersOneLinePerReport() throws Exception {
    Path file = Replays.write(dir, "p.csv", "t,v\n2016-07-01,1\n2016-07-02,2\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    Replays.of(CsvReplaySource.builder(file).progress(ProgressListener.printingTo(out)).build());

    String[] printed = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(printed[printed.length - 1])
        .matches("p\\.csv: 100% \\(2 rows, 0 malformed, \\d+ rows/s\\), done");
  }

  @Test
  void speedUpReplaysEventGapsDividedByTheFactor() throws Exception {
    StringBuilder csv = new StringBuilder("t,v\n");
    for (int i = 0; i <= 10; i++) {
      csv.append(1_500_000_000L + i).append(',').append(i).append('\n'); // one second apart
    }
    Path file = Replays.write(dir, "paced.csv", csv.toString());

    long start = System.nanoTime();
    Replays out = Replays.of(CsvReplaySource.builder(file).speedUp(50).build());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(out.observations()).hasSize(11);
    assertThat(seconds).isGreaterThanOrEqualTo(0.15); // 10 s of event time / 50 = 0.2 s
  }

  @Test
  void withoutSpeedUpDaysOfEventTimeReplayAtOnce() throws Exception {
    Path file = Replays.write(dir, "fast.csv", "t,v\n2016-07-01,1\n2016-08-01,2\n2016-09-01,3\n");

    long start = System.nanoTime();
    Replays out = Replays.of(CsvReplaySource.builder(file).build());

    assertThat(out.observations()).hasSize(3);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
  }

  @Test
  void closeStopsAPacedReplay() throws Exception {
    Path file = Replays.write(dir, "slow.csv", "t,v\n2016-07-01,1\n2016-07-02,2\n2016-07-03,3\n");
    CsvReplaySource source = CsvReplaySource.builder(file).speedUp(1).build(); // a day per row
    List<SourceEvent> seen = new ArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    Thread runner =
        new Thread(
            () -> {
              try {
                source.run(
                    event -> {
                      seen.add(event);
                      first.countDown();
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    runner.start();
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();

    source.close();
    runner.join(10_000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(seen).hasSize(1);
  }

  @Test
  void describeNamesTheFileColumnsAndPace() throws Exception {
    Path file = Replays.write(dir, "ETTh1.csv", "date,HUFL,OT\n");

    assertThat(CsvReplaySource.builder(file).valueColumns("OT").speedUp(60).build().describe())
        .isEqualTo("csv replay of " + file + " (columns [OT], x60)");
  }

  @Test
  void builderRejectsOptionsThatDoNotFitTheHeader() throws Exception {
    Path wide = Replays.write(dir, "ETTh1.csv", "date,HUFL,OT\n");
    Path empty = Replays.write(dir, "empty.csv", "");

    assertThatThrownBy(() -> CsvReplaySource.builder(wide).build())
        .hasMessage("valueColumns must be named: ETTh1.csv has several candidates [HUFL, OT]");
    assertThatThrownBy(() -> CsvReplaySource.builder(wide).valueColumns("LT").build())
        .hasMessage("valueColumns LT is not a column of ETTh1.csv: header [date, HUFL, OT]");
    assertThatThrownBy(() -> CsvReplaySource.builder(wide).valueColumns("date").build())
        .hasMessage("valueColumns must not include the time or key column, got date");
    assertThatThrownBy(() -> CsvReplaySource.builder(wide).timeColumn("time").build())
        .hasMessage("timeColumn time is not a column of ETTh1.csv: header [date, HUFL, OT]");
    assertThatThrownBy(() -> CsvReplaySource.builder(wide).keyColumn("date").build())
        .hasMessage("keyColumn must differ from the time column, both are date");
    assertThatThrownBy(() -> CsvReplaySource.builder(wide).valueColumns("OT").speedUp(-1).build())
        .hasMessage("speedUp must be finite and at least 0, got -1.0");
    assertThatThrownBy(() -> CsvReplaySource.builder(empty).build())
        .hasMessage(empty + " has no header line");
    assertThatThrownBy(() -> CsvReplaySource.builder(dir.resolve("absent.csv")).build())
        .hasMessage("path must be a readable file, got " + dir.resolve("absent.csv"));
  }
}
