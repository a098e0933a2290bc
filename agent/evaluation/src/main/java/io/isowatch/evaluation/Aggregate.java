package io.isowatch.evaluation;

import io.isowatch.evaluation.score.ForecastScore;
import io.isowatch.evaluation.score.NabScore;
import io.isowatch.evaluation.score.TcpdScore;
import io.isowatch.evaluation.score.WindowedF1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One detector's scores over every series of a run, turned into the corpus metrics: NAB's
 * normalized score over all NAB files; TCPD F1 and covering averaged over series; SKAB's windowed
 * F1 over the pooled counts; for forecast-error series, AUROC and precision at the false-alarm rate
 * averaged over the series where they are defined, and the median of all lead times.
 */
final class Aggregate {
  private final List<NabScore> nab = new ArrayList<>();
  private final List<TcpdScore> tcpd = new ArrayList<>();
  private WindowedF1 skab;
  private final List<ForecastScore> forecast = new ArrayList<>();

  void add(NabScore score) {
    nab.add(score);
  }

  void add(TcpdScore score) {
    tcpd.add(score);
  }

  void add(WindowedF1 score) {
    skab = skab == null ? score : skab.plus(score);
  }

  void add(ForecastScore score) {
    forecast.add(score);
  }

  /** The corpus metrics, for the dataset kinds this detector has seen. */
  Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (!nab.isEmpty()) {
      metrics.put("nab_score", NabScore.normalized(nab));
      metrics.put("nab_tp", (double) nab.stream().mapToInt(NabScore::truePositives).sum());
      metrics.put("nab_fp", (double) nab.stream().mapToInt(NabScore::falsePositives).sum());
      metrics.put("nab_fn", (double) nab.stream().mapToInt(NabScore::falseNegatives).sum());
    }
    if (!tcpd.isEmpty()) {
      metrics.put("tcpd_f1", mean(tcpd.stream().mapToDouble(TcpdScore::f1).toArray()));
      metrics.put("tcpd_cover", mean(tcpd.stream().mapToDouble(TcpdScore::covering).toArray()));
    }
    if (skab != null) {
      metrics.put("skab_f1", skab.f1());
      metrics.put("skab_precision", skab.precision());
      metrics.put("skab_recall", skab.recall());
    }
    if (!forecast.isEmpty()) {
      metrics.put("csv_auroc", mean(forecast.stream().mapToDouble(ForecastScore::auroc).toArray()));
      metrics.put(
          "csv_precision_at_far",
          mean(forecast.stream().mapToDouble(ForecastScore::precisionAtFar).toArray()));
      int[] leads =
          forecast.stream().flatMapToInt(f -> java.util.Arrays.stream(f.leadTimes())).toArray();
      int onsets = forecast.stream().mapToInt(ForecastScore::onsets).sum();
      metrics.put("csv_median_lead", medianOf(leads));
      metrics.put("csv_onsets_caught", onsets == 0 ? Double.NaN : leads.length / (double) onsets);
    }
    return metrics;
  }

  /** The mean of the finite values; NaN if there is none. */
  static double mean(double[] values) {
    double sum = 0;
    int count = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static double medianOf(int[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    int[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
  }
}
