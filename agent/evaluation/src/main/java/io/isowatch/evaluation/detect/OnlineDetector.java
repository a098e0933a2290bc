package io.isowatch.evaluation.detect;

/**
 * A detector fed a series one value at a time. Each call returns the score of that step (higher =
 * more anomalous) and whether an alarm event starts there. Implementations keep bounded state.
 */
public interface OnlineDetector {
  /** Consumes the next value. */
  Step update(double value);

  /**
   * The outcome of one step.
   *
   * @param score how anomalous this step looks; 0 while the detector is still learning
   * @param alarm whether an alarm event starts at this step
   */
  record Step(double score, boolean alarm) {
    public static final Step QUIET = new Step(0, false);
  }
}
