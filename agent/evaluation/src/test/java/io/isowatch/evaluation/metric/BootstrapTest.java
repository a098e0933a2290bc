package io.isowatch.evaluation.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.evaluation.score.ForecastScore;
import io.isowatch.evaluation.score.TcpdScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static SeriesScores auroc(String dataset, double auroc) {
    return new SeriesScores(
        dataset,
        null,
        null,
        null,
        Map.of("last_value", new ForecastScore(auroc, 0.1, new int[0], 0, 1, 10)));
  }

  private static SeriesScores tcpd(double f1) {
    return new SeriesScores("tcpd", null, new TcpdScore(f1, f1, f1, f1), null, Map.of());
  }

  @Test
  void theIntervalOfAMeanHoldsTheMeanAndMatchesTheSpreadOfTheSeries() {
    List<SeriesScores> series = new ArrayList<>();
    double[] values = new double[40];
    for (int i = 0; i < values.length; i++) {
      values[i] = 0.3 + 0.4 * i / (values.length - 1.0);
      series.add(auroc("csv", values[i]));
    }
    Map<String, List<SeriesScores>> scores = Map.of("d", series);

    Estimate estimate =
        new Bootstrap(2000, 1)
            .run(scores, "d", List.of())
            .estimates()
            .get("d")
            .get("auroc:last_value");

    double mean = Arrays.stream(values).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / 40);
    // the 90% interval of a mean of 40 draws: about mean +- 1.645 sd / sqrt(40)
    double halfWidth = 1.645 * sd / Math.sqrt(40);
    assertThat(estimate.value()).isCloseTo(mean, within(1e-12));
    assertThat(estimate.low()).isCloseTo(mean - halfWidth, within(halfWidth * 0.15));
    assertThat(estimate.high()).isCloseTo(mean + halfWidth, within(halfWidth * 0.15));
  }

  @Test
  void pairedDifferencesAreTakenOnTheSameResamplesAgainstTheBestBaseline() {
    List<SeriesScores> subject = new ArrayList<>();
    List<SeriesScores> good = new ArrayList<>();
    List<SeriesScores> bad = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double f1 = 0.2 + 0.02 * i;
      subject.add(tcpd(f1 + 0.05));
      good.add(tcpd(f1));
      bad.add(tcpd(f1 - 0.1));
    }
    Map<String, List<SeriesScores>> scores = new LinkedHashMap<>();
    scores.put("isowatch", subject);
    scores.put("good", good);
    scores.put("bad", bad);

    Bootstrap.Result result = new Bootstrap(500, 3).run(scores, "isowatch", List.of("bad", "good"));

    Comparison f1 = result.paired().get("tcpd_f1");
    assertThat(f1.baseline()).isEqualTo("good");
    // the subject is the baseline plus 0.05 on every series: every resample differs by 0.05
    assertThat(f1.difference().value()).isCloseTo(0.05, within(1e-12));
    assertThat(f1.difference().low()).isCloseTo(0.05, within(1e-12));
    assertThat(f1.difference().high()).isCloseTo(0.05, within(1e-12));
    // while each one's own interval is wide
    Estimate own = result.estimates().get("isowatch").get("tcpd_f1");
    assertThat(own.high() - own.low()).isGreaterThan(0.1);
  }

  @Test
  void resamplingKeepsEachDatasetsSize() {
    // two datasets with constant values: any draw within each keeps the pooled mean of AUROCs
    // at (10 * 0.2 + 30 * 0.8) / 40 exactly; a draw across datasets would not
    List<SeriesScores> series = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      series.add(auroc("nab", 0.2));
    }
    for (int i = 0; i < 30; i++) {
      series.add(auroc("csv", 0.8));
    }

    Estimate estimate =
        new Bootstrap(300, 5)
            .run(Map.of("d", series), "d", List.of())
            .estimates()
            .get("d")
            .get("auroc:last_value");

    assertThat(estimate.low()).isCloseTo(0.65, within(1e-12));
    assertThat(estimate.high()).isCloseTo(0.65, within(1e-12));
  }
}
