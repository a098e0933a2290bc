package io.isowatch.evaluation.label;

import java.util.ArrayList;
import java.util.List;

/**
 * The forecasters whose errors label a series, each over its own horizon:
 *
 * <ul>
 *   <li>{@code last_value}: the last value held for {@value #NAIVE_HORIZON} steps;
 *   <li>{@code seasonal_naive}: the value one period back, over {@value #NAIVE_HORIZON} steps, on
 *       series where {@link SeasonalPeriod} finds a period;
 *   <li>{@code agent}: the agent's own point forecasts, where the monitor ran, over its horizon;
 *   <li>{@code production}: forecasts the data carries, where it carries them.
 * </ul>
 *
 * {@value #NAIVE_HORIZON} steps is the agent's default stride: a warning at one evaluation covers
 * the values until the next.
 */
public final class LabelSets {
  public static final int NAIVE_HORIZON = 8;
  public static final String LAST_VALUE = "last_value";
  public static final String SEASONAL_NAIVE = "seasonal_naive";
  public static final String AGENT = "agent";
  public static final String PRODUCTION = "production";

  private LabelSets() {}

  /** Every label set name, in table order. */
  public static List<String> names() {
    return List.of(LAST_VALUE, SEASONAL_NAIVE, AGENT, PRODUCTION);
  }

  /**
   * The forecasts of every forecaster that applies to a series.
   *
   * @param agent the agent's point forecasts per position (NaN where none), or null
   * @param agentHorizon how far ahead they reach
   * @param agentSpacing the stride of the agent's windows
   * @param production forecasts the data carries, one per position for the next value (NaN where
   *     none), or null
   */
  public static List<Forecasts> of(
      double[] values, double[] agent, int agentHorizon, int agentSpacing, double[] production) {
    List<Forecasts> sets = new ArrayList<>();
    sets.add(Forecasts.lastValue(values, NAIVE_HORIZON));
    int period = SeasonalPeriod.of(values);
    if (period >= 2) {
      sets.add(Forecasts.seasonalNaive(values, period, NAIVE_HORIZON));
    }
    if (agent != null) {
      sets.add(Forecasts.pointsAhead(AGENT, agent, agentHorizon, agentSpacing));
    }
    if (production != null) {
      sets.add(Forecasts.pointsAhead(PRODUCTION, production, 1, 1));
    }
    return sets;
  }
}
