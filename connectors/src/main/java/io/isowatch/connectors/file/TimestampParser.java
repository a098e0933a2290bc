package io.isowatch.connectors.file;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;

/**
 * Reads the timestamps found in public time-series files, recognizing the form from the text:
 *
 * <ul>
 *   <li>ISO-8601 date-times with or without an offset or zone, with {@code T} or a space between
 *       date and time, seconds and fractions optional: {@code 2016-07-01T00:00:00Z}, {@code
 *       2016-07-01 00:00:00}, {@code 2016-07-01T02:00+02:00}, {@code 2016-07-01 00:00};
 *   <li>dates {@code 2016-07-01} (start of the day) and year-months {@code 2016-07} (start of the
 *       month);
 *   <li>epoch numbers, optionally signed and with a fraction: seconds when their magnitude is below
 *       {@link #EPOCH_MILLIS_THRESHOLD}, milliseconds from it on.
 * </ul>
 *
 * Times without an offset are taken in the parser's zone (UTC unless told otherwise). Digits-only
 * text is always an epoch number, never a basic-format date such as {@code 20160701}.
 *
 * <pre>{@code
 * Instant t = TimestampParser.utc().parse("2016-07-01 00:00:00"); // 2016-07-01T00:00:00Z
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TimestampParser {
  /** Zone of times written without an offset, unless told otherwise. */
  public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

  /**
   * Epoch numbers of this magnitude or more are milliseconds: 1e11 seconds is in the year 5138,
   * while 1e11 milliseconds is March 1973, before most digital feeds began.
   */
  public static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

  private static final TimestampParser UTC = new TimestampParser(DEFAULT_ZONE);
  private static final BigDecimal THRESHOLD = BigDecimal.valueOf(EPOCH_MILLIS_THRESHOLD);

  private final ZoneId zone;

  private TimestampParser(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Reads times without an offset as UTC. */
  public static TimestampParser utc() {
    return UTC;
  }

  /** Reads times without an offset in {@code zone}. */
  public static TimestampParser inZone(ZoneId zone) {
    return new TimestampParser(zone);
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * @throws DateTimeException if the text is none of the recognized forms; its message quotes the
   *     text
   */
  public Instant parse(String text) {
    String s = text.strip();
    if (isEpochNumber(s)) {
      return epoch(s);
    }
    try {
      if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
        return LocalDate.parse(s).atStartOfDay(zone).toInstant();
      }
      if (s.length() == 7 && s.charAt(4) == '-') {
        return YearMonth.parse(s).atDay(1).atStartOfDay(zone).toInstant();
      }
      if (s.length() > 10 && s.charAt(10) == ' ') {
        s = s.substring(0, 10) + 'T' + s.substring(11);
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(s);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return Instant.from(parsed);
      }
      return LocalDateTime.from(parsed).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new DateTimeException(
          "'" + text + "' is not an ISO-8601 date-time, a date or an epoch number", e);
    }
  }

  private static boolean isEpochNumber(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
    boolean digits = false;
    boolean point = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return false;
      }
    }
    return digits;
  }

  private static Instant epoch(String s) {
    try {
      BigDecimal number = new BigDecimal(s);
      BigDecimal seconds =
          number.abs().compareTo(THRESHOLD) >= 0 ? number.movePointLeft(3) : number;
      BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
      long nanos =
          seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.DOWN).longValue();
      return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    } catch (ArithmeticException | DateTimeException e) {
      throw new DateTimeException("'" + s + "' is out of the range of epoch times", e);
    }
  }
}
