package io.isowatch.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.evaluation.data.IndexRange;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels of each kind of dataset as marks on event time, and where they go. */
class EvaluationReportTest {
  private static final Instant START = Instant.parse("2014-02-01T00:00:00Z");

  private static LabelledSeries series(String dataset, Truth truth) {
    double[] values = new double[100];
    Instant[] times = new Instant[100];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
      times[i] = START.plusSeconds(300L * i);
    }
    return new LabelledSeries(dataset, "s", values, times, truth, 0);
  }

  @Test
  void nabWindowsBecomeIntervalsOfTheirFirstAndLastTimes() {
    List<LabelMark> marks =
        EvaluationReport.labels(
            series("nab", new Truth.AnomalyWindows(List.of(new IndexRange(10, 19)), 5)));
    assertThat(marks)
        .containsExactly(
            new LabelMark(
                START.plusSeconds(3000),
                START.plusSeconds(5700),
                "labelled anomaly window, positions 10..19"));
    assertThat(marks.get(0).point()).isFalse();
  }

  @Test
  void tcpdPointsAreMergedAcrossAnnotatorsWithTheirVotes() {
    Truth truth =
        new Truth.AnnotatedChangePoints(
            List.of(List.of(40, 40), List.of(40, 41), List.of(), List.of(500)));
    List<LabelMark> marks = EvaluationReport.labels(series("tcpd", truth));
    assertThat(marks)
        .extracting(LabelMark::what)
        .containsExactly(
            "labelled change point at 40 (2 of 4 annotators)",
            "labelled change point at 41 (1 of 4 annotators)");
    assertThat(marks).allMatch(LabelMark::point);
    assertThat(marks.get(1).from()).isEqualTo(START.plusSeconds(300L * 41));
  }

  @Test
  void skabPointsAndUnlabelledSeries() {
    assertThat(EvaluationReport.labels(series("skab", new Truth.ChangePoints(List.of(7)))))
        .containsExactly(
            new LabelMark(
                START.plusSeconds(2100), START.plusSeconds(2100), "labelled change point at 7"));
    assertThat(EvaluationReport.labels(series("csv", new Truth.ForecastError()))).isEmpty();
  }

  @Test
  void theListenerLabelsTheSeriesUnderItsFeedId() {
    ReportRecorder recorder = new ReportRecorder();
    EvaluationReport report = new EvaluationReport(recorder);
    report.series(series("skab", new Truth.ChangePoints(List.of(7, 9))), "skab:s");
    report.verdict(ReportFixtures.verdict("skab:s", 10, 1, Map.of()));

    List<FeedTimeline> feeds = recorder.snapshot("r", Map.of()).feeds();
    assertThat(feeds).extracting(FeedTimeline::feedId).containsExactly("skab:s");
    assertThat(feeds.get(0).labels()).hasSize(2);
    assertThat(report.seriesDrawn()).isEqualTo(1);
  }
}
