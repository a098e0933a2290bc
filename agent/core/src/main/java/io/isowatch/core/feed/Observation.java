package io.isowatch.core.feed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One value of one feed at one event time: what every source produces and every engine keys by
 * {@code feedId}. The value is carried as read, NaN and infinities included, so that the windowing
 * step can reject it with a reason instead of a parser dropping it silently.
 *
 * @param feedId the feed, e.g. {@code "ec2_cpu_utilization_24ae8d"}; never blank
 * @param eventTime when the value was observed (not when it arrived)
 * @param value the observed value
 * @param forecast a production forecast the record carries for a later time, if any
 */
public record Observation(
    String feedId, Instant eventTime, double value, Optional<Forecast> forecast) {
  public Observation {
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(forecast, "forecast");
    if (feedId.isBlank()) {
      throw new IllegalArgumentException("feedId must not be blank");
    }
    forecast.ifPresent(
        f -> {
          if (!f.target().isAfter(eventTime)) {
            throw new IllegalArgumentException(
                "a forecast must be for a later time than its record: target "
                    + f.target()
                    + " is not after "
                    + eventTime);
          }
        });
  }

  /** An observation without a forecast. */
  public Observation(String feedId, Instant eventTime, double value) {
    this(feedId, eventTime, value, Optional.empty());
  }

  /**
   * The observation as one {@code key=value} line, e.g. {@code feed=cpu time=2024-01-01T00:05:00Z
   * value=NaN}: how a rejected observation is shown in dead letters.
   */
  public String asText() {
    String text = "feed=" + feedId + " time=" + eventTime + " value=" + value;
    return forecast
        .map(
            f ->
                text
                    + " forecast_time="
                    + f.target()
                    + " forecast="
                    + f.point()
                    + (f.hasInterval() ? " lower=" + f.lower() + " upper=" + f.upper() : ""))
        .orElse(text);
  }
}
