package io.isowatch.evaluation.label;

/**
 * How "the forecasts are unreliable" is decided from a forecaster's realized errors, the same for
 * every series and every forecaster (nothing here is fitted to a dataset):
 *
 * <pre>
 *   scale(t)  = mean |y(i) - y(i-1)| over the scaleWindow one-step changes ending at t
 *   error(t)  = mean over the forecast's steps j of |forecast(t)[j] - y(t + j)| / scale(t)
 *   event(t)  = error(t) > the quantile-th order statistic of the last `history` errors already
 *               realized at t (forecasts made at s <= t - horizon)
 * </pre>
 *
 * The error is scale-free (never divided by y), and the threshold comes from a trailing history of
 * fixed length, full before the first label: on a stationary series every labelled step has the
 * same chance of being an event, so no score can win by following time.
 *
 * @param scaleWindow one-step changes that make the scale (at least 2)
 * @param history realized errors the threshold is taken from (at least 10)
 * @param quantile the order statistic of the history that an event exceeds, in (0, 1)
 */
public record LabelRule(int scaleWindow, int history, double quantile) {
  /** 64 changes of scale, a 200-error history, the 95% order statistic. */
  public static final LabelRule DEFAULT = new LabelRule(64, 200, 0.95);

  /** A scale below this fraction of the level (or of 1 at level 0) counts as flat. */
  static final double FLAT_SCALE = 1e-12;

  public LabelRule {
    if (scaleWindow < 2) {
      throw new IllegalArgumentException("scaleWindow must be at least 2, got " + scaleWindow);
    }
    if (history < 10) {
      throw new IllegalArgumentException("history must be at least 10, got " + history);
    }
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1), got " + quantile);
    }
  }

  /**
   * Labelled forecasts a series needs before it is scored on a label set: as many as the
   * threshold's history. With fewer, the whole labelled stretch is judged against nearly one
   * threshold, and an AUROC over a few dozen steps with one or two events says where those events
   * fell, not how well a score warns of them.
   */
  public int minLabelled() {
    return history;
  }

  /** 0-based rank, in the ascending history, of the order statistic an event must exceed. */
  int thresholdRank() {
    return Math.min(history - 1, (int) Math.ceil(quantile * history) - 1);
  }
}
