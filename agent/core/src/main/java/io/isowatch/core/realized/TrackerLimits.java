package io.isowatch.core.realized;

/**
 * The bounds of a {@link RealizedErrorTracker}, which fix its memory.
 *
 * @param horizon which value after a window an agent forecast is for (1 = the next)
 * @param maxPending production forecasts waiting for their actual at most; the oldest is evicted as
 *     missing beyond
 * @param maxExpected windows complete but not yet embedded at most (the engine's lag): agent
 *     forecasts expected beyond it evict the oldest as missing
 * @param maxReleasedAhead values a feed may release while its oldest waiting window is still to be
 *     embedded: outcomes held for the monitor beyond it are counted at once, no longer in event
 *     time
 * @param recentActuals released values kept to scale errors and to reconcile forecasts that no
 *     window announced (at least {@code horizon + 1})
 * @param history outcomes the rolling error is computed over
 */
public record TrackerLimits(
    int horizon,
    int maxPending,
    int maxExpected,
    int maxReleasedAhead,
    int recentActuals,
    int history) {
  public TrackerLimits {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    if (maxPending < 1 || maxExpected < 1 || maxReleasedAhead < 1 || history < 1) {
      throw new IllegalArgumentException(
          "maxPending, maxExpected, maxReleasedAhead and history must be at least 1");
    }
    if (recentActuals < horizon + 1) {
      throw new IllegalArgumentException(
          "recentActuals must be at least horizon + 1 = "
              + (horizon + 1)
              + ", got "
              + recentActuals);
    }
  }

  /**
   * Agent forecasts held at most: expected ones, and those made but still short of their actual.
   */
  int maxAgentWaiting() {
    return maxExpected + horizon + 1;
  }

  /** Outcomes held for the monitor at most. */
  int maxSettled() {
    return maxPending + maxAgentWaiting() + maxReleasedAhead;
  }
}
