package io.isowatch.evaluation.metric;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Marks the metrics a useless score can win. A metric is <b>broken</b> when a sanity detector's
 * AUROC leaves [{@value #CHANCE_LOW}, {@value #CHANCE_HIGH}] (a label that follows time, or a
 * warm-up schedule that does), or when a sanity detector ties or beats the best real detector on a
 * metric where larger is better. Lead times are descriptive (always alarming leads every onset) and
 * are not checked.
 */
public final class RulerCheck {
  public static final double CHANCE_LOW = 0.45;
  public static final double CHANCE_HIGH = 0.55;

  private RulerCheck() {}

  /**
   * Metric name to the reason it is broken, for the metrics that are.
   *
   * @param metrics detector to metric to value
   * @param sanity the names of the sanity detectors among them
   */
  public static Map<String, String> broken(
      Map<String, Map<String, Double>> metrics, Collection<String> sanity) {
    Map<String, String> broken = new LinkedHashMap<>();
    Set<String> names = new java.util.TreeSet<>();
    metrics.values().forEach(m -> names.addAll(m.keySet()));
    for (String metric : names) {
      if (!CorpusMetrics.higherIsBetter(metric)) {
        continue;
      }
      String bestSanity = null;
      String bestReal = null;
      for (Map.Entry<String, Map<String, Double>> entry : metrics.entrySet()) {
        Double value = entry.getValue().get(metric);
        if (value == null || !Double.isFinite(value)) {
          continue;
        }
        boolean isSanity = sanity.contains(entry.getKey());
        if (isSanity
            && metric.startsWith(CorpusMetrics.AUROC)
            && (value < CHANCE_LOW || value > CHANCE_HIGH)) {
          broken.putIfAbsent(
              metric,
              String.format(
                  java.util.Locale.ROOT,
                  "%s scores %.3f, outside [%.2f, %.2f]",
                  entry.getKey(),
                  value,
                  CHANCE_LOW,
                  CHANCE_HIGH));
        }
        if (isSanity) {
          bestSanity = better(metrics, metric, bestSanity, entry.getKey());
        } else {
          bestReal = better(metrics, metric, bestReal, entry.getKey());
        }
      }
      if (bestSanity != null && bestReal != null) {
        double sanityValue = metrics.get(bestSanity).get(metric);
        double realValue = metrics.get(bestReal).get(metric);
        if (sanityValue >= realValue) {
          broken.putIfAbsent(
              metric,
              String.format(
                  java.util.Locale.ROOT,
                  "%s (%.3f) ties or beats the best real detector, %s (%.3f)",
                  bestSanity,
                  sanityValue,
                  bestReal,
                  realValue));
        }
      }
    }
    return broken;
  }

  private static String better(
      Map<String, Map<String, Double>> metrics, String metric, String current, String candidate) {
    return current == null || metrics.get(candidate).get(metric) > metrics.get(current).get(metric)
        ? candidate
        : current;
  }
}
