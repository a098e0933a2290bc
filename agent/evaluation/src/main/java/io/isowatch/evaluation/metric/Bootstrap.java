package io.isowatch.evaluation.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bootstrap intervals over series: each resample draws, within each dataset, as many series as it
 * has, with replacement (so a corpus of 21 NAB files and 11 TCPD series stays one), and recomputes
 * every detector's {@link CorpusMetrics} on it. The interval is the 5% to 95% quantile of the
 * resampled values (a 90% interval). A paired comparison takes the subject's and a baseline's
 * metrics on the same resamples. Seeded: the same seed gives the same intervals.
 */
public final class Bootstrap {
  public static final int DEFAULT_RESAMPLES = 1000;
  static final double LOW = 0.05;
  static final double HIGH = 0.95;

  private final int resamples;
  private final long seed;

  public Bootstrap(int resamples, long seed) {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
    }
    this.resamples = resamples;
    this.seed = seed;
  }

  /** What a bootstrap run gives: every detector's estimates, and the paired comparisons. */
  public record Result(
      Map<String, Map<String, Estimate>> estimates, Map<String, Comparison> paired) {}

  /**
   * Estimates every metric of every detector, and compares {@code subject} with the best of {@code
   * baselines} on each metric where a larger value is better.
   *
   * @param scores detector to its scores, one per series, in the same series order for all
   * @param subject the detector compared (absent: no comparison)
   */
  public Result run(
      Map<String, List<SeriesScores>> scores, String subject, List<String> baselines) {
    Map<String, Map<String, Double>> points = new LinkedHashMap<>();
    scores.forEach((name, series) -> points.put(name, CorpusMetrics.of(series)));
    Map<String, Map<String, double[]>> draws = new LinkedHashMap<>();
    scores.keySet().forEach(name -> draws.put(name, new HashMap<>()));
    List<int[]> strata = strata(scores.values().iterator().next());
    SplittableRandom random = new SplittableRandom(seed);
    for (int b = 0; b < resamples; b++) {
      int[] picked = resample(strata, random);
      for (Map.Entry<String, List<SeriesScores>> entry : scores.entrySet()) {
        List<SeriesScores> sample = new ArrayList<>(picked.length);
        for (int index : picked) {
          sample.add(entry.getValue().get(index));
        }
        Map<String, double[]> byMetric = draws.get(entry.getKey());
        int round = b;
        CorpusMetrics.of(sample)
            .forEach(
                (metric, value) ->
                    byMetric.computeIfAbsent(metric, m -> nanArray(resamples))[round] = value);
      }
    }
    Map<String, Map<String, Estimate>> estimates = new LinkedHashMap<>();
    points.forEach(
        (name, metrics) -> {
          Map<String, Estimate> row = new LinkedHashMap<>();
          metrics.forEach(
              (metric, value) -> row.put(metric, estimate(value, draws.get(name).get(metric))));
          estimates.put(name, row);
        });
    return new Result(estimates, paired(points, draws, subject, baselines));
  }

  private Map<String, Comparison> paired(
      Map<String, Map<String, Double>> points,
      Map<String, Map<String, double[]>> draws,
      String subject,
      List<String> baselines) {
    Map<String, Comparison> paired = new LinkedHashMap<>();
    if (!points.containsKey(subject)) {
      return paired;
    }
    for (Map.Entry<String, Double> entry : points.get(subject).entrySet()) {
      String metric = entry.getKey();
      if (!CorpusMetrics.higherIsBetter(metric)) {
        continue;
      }
      String best = null;
      for (String baseline : baselines) {
        Double value = points.getOrDefault(baseline, Map.of()).get(metric);
        if (value != null
            && Double.isFinite(value)
            && (best == null || value > points.get(best).get(metric))) {
          best = baseline;
        }
      }
      if (best == null) {
        continue;
      }
      double[] mine = draws.get(subject).get(metric);
      double[] theirs = draws.get(best).get(metric);
      double[] differences = new double[resamples];
      for (int b = 0; b < resamples; b++) {
        differences[b] = mine[b] - theirs[b];
      }
      paired.put(
          metric,
          new Comparison(
              best, estimate(entry.getValue() - points.get(best).get(metric), differences)));
    }
    return paired;
  }

  /** The indices of the series of each dataset, in order of first appearance. */
  private static List<int[]> strata(List<SeriesScores> series) {
    Map<String, List<Integer>> byDataset = new LinkedHashMap<>();
    for (int i = 0; i < series.size(); i++) {
      byDataset.computeIfAbsent(series.get(i).dataset(), d -> new ArrayList<>()).add(i);
    }
    return byDataset.values().stream()
        .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
        .toList();
  }

  private static int[] resample(List<int[]> strata, SplittableRandom random) {
    int total = strata.stream().mapToInt(s -> s.length).sum();
    int[] picked = new int[total];
    int next = 0;
    for (int[] stratum : strata) {
      for (int k = 0; k < stratum.length; k++) {
        picked[next++] = stratum[random.nextInt(stratum.length)];
      }
    }
    return picked;
  }

  private static Estimate estimate(double value, double[] draws) {
    if (draws == null) {
      return Estimate.point(value);
    }
    double[] finite = Arrays.stream(draws).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0) {
      return Estimate.point(value);
    }
    return new Estimate(value, quantile(finite, LOW), quantile(finite, HIGH));
  }

  /** Linear interpolation between order statistics of a sorted array. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  private static double[] nanArray(int length) {
    double[] array = new double[length];
    Arrays.fill(array, Double.NaN);
    return array;
  }
}
