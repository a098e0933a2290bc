package io.isowatch.core.feed;

import java.time.Duration;
import java.util.StringJoiner;

/** Durations as people write them in messages: {@code "3 h 5 min"}, {@code "0 s"}. */
final class HumanDuration {
  private HumanDuration() {}

  /**
   * Every non-zero unit from days down to nanoseconds, largest first, e.g. {@code "1 d 2 h"},
   * {@code "1 min 30 s"}, {@code "250 ms"}; {@code "0 s"} for zero. Negative durations get a
   * leading minus sign.
   */
  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0 s";
    }
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    StringJoiner parts = new StringJoiner(" ");
    add(parts, duration.toDaysPart(), "d");
    add(parts, duration.toHoursPart(), "h");
    add(parts, duration.toMinutesPart(), "min");
    add(parts, duration.toSecondsPart(), "s");
    int nanos = duration.toNanosPart();
    add(parts, nanos / 1_000_000, "ms");
    add(parts, nanos / 1_000 % 1_000, "\u00b5s");
    add(parts, nanos % 1_000, "ns");
    return parts.toString();
  }

  private static void add(StringJoiner parts, long amount, String unit) {
    if (amount != 0) {
      parts.add(amount + " " + unit);
    }
  }
}
