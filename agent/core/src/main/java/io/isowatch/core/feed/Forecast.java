package io.isowatch.core.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * A production forecast carried by a record: the value the user's own forecaster expects at a
 * future event time, and optionally its interval. isowatch reconciles it with the actual once that
 * arrives, which is how users monitor their own forecasters.
 *
 * @param target the event time the forecast is for
 * @param point the forecast value (e.g. the median)
 * @param lower lower end of its interval, NaN if none
 * @param upper upper end of its interval, NaN if none
 */
public record Forecast(Instant target, double point, double lower, double upper) {
  public Forecast {
    Objects.requireNonNull(target, "target");
    if (!Double.isFinite(point)) {
      throw new IllegalArgumentException("forecast value must be finite, got " + point);
    }
    boolean hasLower = !Double.isNaN(lower);
    boolean hasUpper = !Double.isNaN(upper);
    if (hasLower != hasUpper) {
      throw new IllegalArgumentException("a forecast interval needs both lower and upper");
    }
    if (hasLower && !(lower <= upper)) {
      throw new IllegalArgumentException(
          "forecast interval must have lower <= upper, got " + lower + " > " + upper);
    }
  }

  /** A point forecast without an interval. */
  public static Forecast point(Instant target, double point) {
    return new Forecast(target, point, Double.NaN, Double.NaN);
  }

  public boolean hasInterval() {
    return !Double.isNaN(lower);
  }
}
