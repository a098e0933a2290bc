package io.isowatch.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimestampParserTest {
  private static final TimestampParser UTC = TimestampParser.utc();

  /** 2016-07-01T00:00:00Z, counted by hand: 46 years of days since 1970 plus leap days. */
  private static final long JULY_2016_SECONDS =
      (46L * 365 + 11 /* leap days 1972..2012 */ + 182 /* Jan..Jun 2016, Feb 29 included */)
          * 86_400;

  @Test
  void theEpochConstantOfTheTestIsRight() {
    assertThat(Instant.ofEpochSecond(JULY_2016_SECONDS))
        .isEqualTo(ZonedDateTime.of(2016, 7, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant());
  }

  @Test
  void readsIsoDateTimesWithAndWithoutZone() {
    Instant july = Instant.ofEpochSecond(JULY_2016_SECONDS);
    assertThat(UTC.parse("2016-07-01T00:00:00Z")).isEqualTo(july);
    assertThat(UTC.parse("2016-07-01T00:00:00")).isEqualTo(july);
    assertThat(UTC.parse("2016-07-01T02:00:00+02:00")).isEqualTo(july);
    assertThat(UTC.parse("2016-07-01T00:00")).isEqualTo(july);
    assertThat(UTC.parse("2016-07-01T00:00:00.250Z")).isEqualTo(july.plusMillis(250));
    assertThat(UTC.parse("2016-07-01T02:00:00+02:00[Europe/Paris]")).isEqualTo(july);
  }

  @Test
  void readsSpaceSeparatedDateTimesDatesAndYearMonths() {
    Instant july = Instant.ofEpochSecond(JULY_2016_SECONDS);
    assertThat(UTC.parse("2016-07-01 00:00:00")).isEqualTo(july);
    assertThat(UTC.parse("2016-07-01 13:45:10"))
        .isEqualTo(july.plusSeconds(13 * 3600 + 45 * 60 + 10));
    assertThat(UTC.parse(" 2016-07-01 ")).isEqualTo(july);
    assertThat(UTC.parse("2016-07")).isEqualTo(july);
  }

  @Test
  void readsEpochSecondsAndMillisByMagnitude() {
    Instant july = Instant.ofEpochSecond(JULY_2016_SECONDS);
    assertThat(UTC.parse(Long.toString(JULY_2016_SECONDS))).isEqualTo(july);
    assertThat(UTC.parse(Long.toString(JULY_2016_SECONDS * 1000))).isEqualTo(july);
    assertThat(UTC.parse(JULY_2016_SECONDS + ".5")).isEqualTo(july.plusMillis(500));
    assertThat(UTC.parse(JULY_2016_SECONDS * 1000 + 7 + "")).isEqualTo(july.plusMillis(7));
    assertThat(UTC.parse("0")).isEqualTo(Instant.EPOCH);
    assertThat(UTC.parse("-1.5")).isEqualTo(Instant.EPOCH.minusMillis(1500));
    // the threshold itself is milliseconds: 1e11 ms
    assertThat(UTC.parse("100000000000")).isEqualTo(Instant.ofEpochMilli(100_000_000_000L));
    assertThat(UTC.parse("99999999999")).isEqualTo(Instant.ofEpochSecond(99_999_999_999L));
  }

  @Test
  void zonelessTimesUseTheParsersZone() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertThat(TimestampParser.inZone(paris).parse("2016-07-01 00:00:00"))
        .isEqualTo(LocalDateTime.of(2016, 7, 1, 0, 0).atZone(paris).toInstant());
    assertThat(TimestampParser.inZone(paris).parse("2016-07-01T00:00:00Z"))
        .isEqualTo(Instant.ofEpochSecond(JULY_2016_SECONDS));
  }

  @Test
  void rejectsOtherTextWithTheTextInTheMessage() {
    assertThatThrownBy(() -> UTC.parse("yesterday"))
        .isInstanceOf(DateTimeException.class)
        .hasMessage("'yesterday' is not an ISO-8601 date-time, a date or an epoch number");
    assertThatThrownBy(() -> UTC.parse("2016-13-01")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> UTC.parse("2016-07-01 25:00:00"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> UTC.parse("")).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> UTC.parse("1e9")).isInstanceOf(DateTimeException.class);
  }
}
