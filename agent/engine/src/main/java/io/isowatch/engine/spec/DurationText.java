package io.isowatch.engine.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration as a person writes it in a configuration file: a whole number and a unit ({@code
 * 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}), {@code 0}, or ISO-8601 ({@code PT5M},
 * {@code P1D}).
 *
 * <pre>{@code
 * DurationText.parse("90s"); // PT1M30S
 * DurationText.parse("PT5M"); // PT5M
 * }</pre>
 */
public final class DurationText {
  /** What a valid duration looks like, for error messages. */
  public static final String EXPECTED = "a duration such as 500ms, 30s, 5m, 2h, 1d or PT5M";

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)");

  private DurationText() {}

  /**
   * @throws IllegalArgumentException if {@code text} is none of the accepted forms
   */
  public static Duration parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equals("0")) {
      return Duration.ZERO;
    }
    Matcher simple = SIMPLE.matcher(trimmed);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")
        || trimmed.toUpperCase(Locale.ROOT).startsWith("-P")) {
      try {
        return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // falls through to the common message
      }
    }
    throw new IllegalArgumentException("expected " + EXPECTED + ", got \"" + text + "\"");
  }

  /** The shortest form {@link #parse} reads back exactly: {@code 0}, {@code 1500ms}, {@code 5m}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0";
    }
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }
}
