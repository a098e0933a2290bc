package io.isowatch.core.realized;

import io.isowatch.core.predict.Prediction;
import java.time.Instant;
import java.util.Optional;

/**
 * A forecast reconciled with its actual.
 *
 * @param origin who made it
 * @param issuedAt event time it was made at (the end of its window, or its record's time)
 * @param actualTime event time of the actual it was judged against
 * @param point the point forecast
 * @param lower lower end of its interval, NaN if none
 * @param upper upper end of its interval, NaN if none
 * @param actual the realized value
 * @param scaledError |point - actual| over the feed's recent mean absolute step (a MASE term)
 * @param prediction the agent's distribution, for its head to learn from; empty for production
 * @param scored whether it counts in the realized error (not while the agent's head warms up)
 */
public record ForecastOutcome(
    ForecastOrigin origin,
    Instant issuedAt,
    Instant actualTime,
    double point,
    double lower,
    double upper,
    double actual,
    double scaledError,
    Optional<Prediction> prediction,
    boolean scored) {

  public double error() {
    return point - actual;
  }

  /** Whether the actual fell inside the interval; empty without one. */
  public Optional<Boolean> covered() {
    return Double.isNaN(lower) ? Optional.empty() : Optional.of(actual >= lower && actual <= upper);
  }
}
