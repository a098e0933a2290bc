package io.isowatch.evaluation;

import java.util.Map;

/**
 * One detector's metrics on one series.
 *
 * @param metrics metric name to value; NaN where undefined
 * @param alarms how many alarms it raised
 */
public record DetectorResult(Map<String, Double> metrics, int alarms) {
  public DetectorResult {
    metrics = Map.copyOf(metrics);
  }
}
