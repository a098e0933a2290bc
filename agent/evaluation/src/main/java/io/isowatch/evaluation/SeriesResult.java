package io.isowatch.evaluation;

import java.util.Map;

/**
 * What every detector scored on one series.
 *
 * @param dataset the dataset kind
 * @param name the series
 * @param length its values
 * @param repaired positions filled in because their record was unreadable
 * @param profile the windowing it was run with
 * @param labels label set name to how much of the series it labels
 * @param detectors detector name to its result, in the run's order
 */
public record SeriesResult(
    String dataset,
    String name,
    int length,
    int repaired,
    EvaluationProfile profile,
    Map<String, LabelSummary> labels,
    Map<String, DetectorResult> detectors) {

  /**
   * How a label set covers a series.
   *
   * @param horizon its forecaster's horizon
   * @param judged forecasts with a verdict
   * @param events of them, error events
   * @param scored whether the series has enough labelled forecasts to be scored on this set
   */
  public record LabelSummary(int horizon, int judged, int events, boolean scored) {}
}
