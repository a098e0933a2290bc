package io.isowatch.engine.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * The range of a duration option and its default, e.g. a timeout between 1 s and 1 h.
 *
 * @param min the shortest allowed
 * @param max the longest allowed
 * @param fallback the value when the option is absent
 */
public record DurationRange(Duration min, Duration max, Duration fallback) {
  /** What is wrong with {@code value}, or empty when it is in range. */
  public Optional<String> problem(Duration value) {
    if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "must be between "
            + DurationText.format(min)
            + " and "
            + DurationText.format(max)
            + ", got "
            + DurationText.format(value));
  }
}
