package io.isowatch.connectors.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.RejectionReason;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationJsonTest {
  private static final ObservationJson CODEC = ObservationJson.defaults();
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  private static Observation valid(String text) {
    ObservationJson.Decoded decoded = CODEC.decode(text);
    assertThat(decoded).isInstanceOf(ObservationJson.Decoded.Valid.class);
    return ((ObservationJson.Decoded.Valid) decoded).observation();
  }

  @Test
  void integerTimesAreMillisecondsAndEpochSecondsAreRefusedNotMisread() {
    long seconds = T.getEpochSecond();

    ObservationJson.Decoded asSeconds =
        CODEC.decode("{\"feed\": \"f\", \"time\": " + seconds + ", \"value\": 1}");

    assertThat(asSeconds)
        .isInstanceOfSatisfying(
            ObservationJson.Decoded.Invalid.class,
            invalid -> {
              assertThat(invalid.reason()).isEqualTo(RejectionReason.UNPARSABLE);
              assertThat(invalid.detail())
                  .startsWith("field time: " + seconds + " looks like epoch seconds (" + T + ")")
                  .contains("integer times are epoch milliseconds");
            });
    assertThat(valid("{\"feed\": \"f\", \"time\": " + seconds * 1000 + ", \"value\": 1}"))
        .isEqualTo(new Observation("f", T, 1));
    assertThat(valid("{\"feed\": \"f\", \"time\": \"" + seconds + "\", \"value\": 1}"))
        .as("a string follows the threshold rule of TimestampParser")
        .isEqualTo(new Observation("f", T, 1));
    assertThat(valid("{\"feed\": \"f\", \"time\": 60000, \"value\": 1}").eventTime())
        .as("small integers stay milliseconds")
        .isEqualTo(Instant.ofEpochMilli(60_000));
  }

  @Test
  void readsAProductionForecastWithItsIntervalAndWritesItBack() {
    Observation observation =
        valid(
            "{\"feed\": \"load\", \"time\": \"2024-05-01T10:00:00Z\", \"value\": 71.5,"
                + " \"forecast\": {\"time\": \"2024-05-01T11:00:00Z\", \"value\": 70,"
                + " \"lower\": 65, \"upper\": 75}}");

    assertThat(observation.forecast()).contains(new Forecast(T.plusSeconds(3600), 70, 65, 75));
    assertThat(valid(CODEC.encode(observation))).isEqualTo(observation);
  }

  @Test
  void aTransportNamesTheFeedWhenTheRecordDoesNot() {
    ObservationJson.Decoded decoded =
        CODEC.decode("{\"time\": 1714557600000, \"value\": 3}", Optional.of("sensor/7"));
    assertThat(((ObservationJson.Decoded.Valid) decoded).observation())
        .isEqualTo(new Observation("sensor/7", T, 3));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"feed\":\"f\",\"time\":1,\"value\":1,\"forecast\":5}"
            + "|field forecast must be an object, got number",
        "{\"feed\":\"f\",\"time\":1,\"value\":1,\"forecast\":{\"value\":2}}"
            + "|field forecast.time is missing",
        "{\"feed\":\"f\",\"time\":1000,\"value\":1,\"forecast\":{\"time\":1000,\"value\":2}}"
            + "|field forecast.time 1970-01-01T00:00:01Z must be after the record's time"
            + " 1970-01-01T00:00:01Z",
        "{\"feed\":\"f\",\"time\":1,\"value\":1,\"forecast\":{\"time\":5,\"value\":\"x\"}}"
            + "|field forecast.value must be a finite number, got \"x\"",
        "{\"feed\":\"f\",\"time\":1,\"value\":1,\"forecast\":{\"time\":5,\"value\":2,\"lower\":1}}"
            + "|field forecast: lower and upper go together",
        "{\"feed\":\"f\",\"time\":1,\"value\":1,"
            + "\"forecast\":{\"time\":5,\"value\":2,\"lower\":3,\"upper\":1}}"
            + "|field forecast: forecast interval must have lower <= upper, got 3.0 > 1.0",
        "{\"time\":1,\"value\":1}|field feed is missing",
      })
  void aBadForecastIsUnparsableAndNamesItsField(String text, String detail) {
    ObservationJson.Decoded decoded = CODEC.decode(text);
    assertThat(decoded).isInstanceOf(ObservationJson.Decoded.Invalid.class);
    ObservationJson.Decoded.Invalid invalid = (ObservationJson.Decoded.Invalid) decoded;
    assertThat(invalid.detail()).isEqualTo(detail);
    assertThat(invalid.reason())
        .isEqualTo(
            detail.contains("feed is missing")
                ? RejectionReason.MISSING_FIELD
                : RejectionReason.UNPARSABLE);
  }
}
