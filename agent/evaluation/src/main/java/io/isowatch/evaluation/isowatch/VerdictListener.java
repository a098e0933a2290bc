package io.isowatch.evaluation.isowatch;

import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.evaluation.data.LabelledSeries;

/**
 * Sees what the monitor made of every embedded window while {@link IsowatchDetector} runs a series,
 * so that a caller can draw or log a run without the evaluation knowing how. Called on the
 * evaluating thread, in window order, one series after the other.
 */
@FunctionalInterface
public interface VerdictListener {
  VerdictListener NONE = verdict -> {};

  /**
   * A series starts; its verdicts carry {@code feedId} ({@link IsowatchDetector#feedId}), so that
   * series of the same name in different datasets stay apart.
   */
  default void series(LabelledSeries series, String feedId) {}

  /** The monitor's verdict on one embedded window, evaluated or not, with its alerts. */
  void verdict(WindowVerdict verdict);
}
