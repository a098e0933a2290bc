package io.isowatch.evaluation.metric;

import io.isowatch.evaluation.score.ForecastScore;
import io.isowatch.evaluation.score.NabScore;
import io.isowatch.evaluation.score.TcpdScore;
import io.isowatch.evaluation.score.WindowedF1;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One detector's scores over a set of series, turned into corpus metrics: NAB's normalized score
 * over the NAB files; TCPD F1 and covering averaged over series; SKAB's windowed F1 over the pooled
 * counts; and per forecast-error label set L, {@code auroc:L} and {@code precision:L} averaged over
 * the series where they are defined, {@code lead:L} the median of all lead times and {@code
 * caught:L} the share of onsets caught.
 */
public final class CorpusMetrics {
  public static final String NAB_SCORE = "nab_score";
  public static final String TCPD_F1 = "tcpd_f1";
  public static final String TCPD_COVER = "tcpd_cover";
  public static final String SKAB_F1 = "skab_f1";
  public static final String AUROC = "auroc:";
  public static final String PRECISION = "precision:";
  public static final String LEAD = "lead:";
  public static final String CAUGHT = "caught:";

  private CorpusMetrics() {}

  /** The metrics of {@code series}, for the kinds of truth they have. */
  public static Map<String, Double> of(List<SeriesScores> series) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    List<NabScore> nab = collect(series, SeriesScores::nab);
    if (!nab.isEmpty()) {
      metrics.put(NAB_SCORE, NabScore.normalized(nab));
    }
    List<TcpdScore> tcpd = collect(series, SeriesScores::tcpd);
    if (!tcpd.isEmpty()) {
      metrics.put(TCPD_F1, mean(tcpd.stream().mapToDouble(TcpdScore::f1).toArray()));
      metrics.put(TCPD_COVER, mean(tcpd.stream().mapToDouble(TcpdScore::covering).toArray()));
    }
    List<WindowedF1> skab = collect(series, SeriesScores::skab);
    if (!skab.isEmpty()) {
      metrics.put(SKAB_F1, skab.stream().reduce(WindowedF1::plus).orElseThrow().f1());
    }
    TreeSet<String> labelSets = new TreeSet<>();
    series.forEach(s -> labelSets.addAll(s.forecast().keySet()));
    for (String label : labelSets) {
      List<ForecastScore> scores = collect(series, s -> s.forecast().get(label));
      metrics.put(AUROC + label, mean(scores.stream().mapToDouble(ForecastScore::auroc).toArray()));
      metrics.put(
          PRECISION + label,
          mean(
              scores.stream()
                  .filter(f -> Double.isFinite(f.auroc()))
                  .mapToDouble(ForecastScore::precisionAtFar)
                  .toArray()));
      int[] leads = scores.stream().flatMapToInt(f -> Arrays.stream(f.leadTimes())).toArray();
      int onsets = scores.stream().mapToInt(ForecastScore::onsets).sum();
      metrics.put(LEAD + label, ForecastScore.median(leads));
      metrics.put(CAUGHT + label, onsets == 0 ? Double.NaN : leads.length / (double) onsets);
    }
    return metrics;
  }

  /** Whether a larger value of {@code metric} is better (false for descriptive ones). */
  public static boolean higherIsBetter(String metric) {
    return metric.equals(NAB_SCORE)
        || metric.equals(TCPD_F1)
        || metric.equals(TCPD_COVER)
        || metric.equals(SKAB_F1)
        || metric.startsWith(AUROC)
        || metric.startsWith(PRECISION);
  }

  private static <T> List<T> collect(
      List<SeriesScores> series, java.util.function.Function<SeriesScores, T> part) {
    List<T> parts = new ArrayList<>();
    for (SeriesScores s : series) {
      T value = part.apply(s);
      if (Objects.nonNull(value)) {
        parts.add(value);
      }
    }
    return parts;
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
}
