package io.isowatch.core.realized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.ReleasedValue;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.PredictionSnapshots;
import io.isowatch.core.predict.ValueBins;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealizedErrorTrackerCodecTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final TrackerLimits LIMITS = new TrackerLimits(3, 8, 8, 64, 8, 16);
  private static final ValueBins BINS = ValueBins.uniform(0, 20, 5);

  /** Minutes in the seeded state: a gap at 9; at 24 forecasts of every kind (one unscored) pend. */
  private static final int SEEDED = 24;

  private static Instant t(int minute) {
    return T0.plus(Duration.ofMinutes(minute));
  }

  /**
   * Minute {@code m}: its value is released; the agent's window ending at m is expected and its
   * prediction arrives a minute late (every fifth is withdrawn); a production forecast of m + 2
   * every third minute; outcomes up to m - 1 are settled.
   */
  private static List<ForecastOutcome> minute(
      RealizedErrorTracker tracker, SplittableRandom random, int m) {
    double value = 10 + 3 * Math.sin(m / 4.0) + random.nextGaussian();
    tracker.onReleased(new ReleasedValue(t(m), value, m == 9));
    tracker.expectAgentForecast(t(m));
    if (m > 0 && (m - 1) % 5 == 4) {
      tracker.withdrawAgentForecast(t(m - 1));
    } else if (m > 0) {
      double[] logits = new double[BINS.count()];
      for (int k = 0; k < logits.length; k++) {
        logits[k] = random.nextGaussian();
      }
      Prediction prediction = new Prediction(logits, BINS, 1, new float[0]);
      tracker.addAgentForecast(t(m - 1), prediction, value - 2, value + 2, m % 4 != 3);
    }
    if (m % 3 == 0) {
      double point = value + random.nextGaussian();
      tracker.addProductionForecast(t(m), new Forecast(t(m + 2), point, point - 1, point + 1));
    }
    return tracker.settleUntil(t(m - 1));
  }

  private static RealizedErrorTracker seeded() {
    RealizedErrorTracker tracker = RealizedErrorTracker.create(LIMITS);
    SplittableRandom random = new SplittableRandom(71);
    for (int m = 0; m < SEEDED; m++) {
      minute(tracker, random, m);
    }
    return tracker;
  }

  /** Outcomes and realized errors of the next 20 minutes, the same input for every tracker. */
  private static List<Object> continuation(RealizedErrorTracker tracker) {
    SplittableRandom random = new SplittableRandom(73);
    List<Object> seen = new ArrayList<>();
    for (int m = SEEDED; m < SEEDED + 20; m++) {
      seen.addAll(minute(tracker, random, m));
      seen.add(tracker.current(ForecastOrigin.AGENT));
      seen.add(tracker.current(ForecastOrigin.PRODUCTION));
      seen.add(tracker.pendingCount());
    }
    return seen;
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        RealizedErrorTrackerCodec.KIND,
        RealizedErrorTrackerCodec.VERSION,
        RealizedErrorTrackerCodec.write(seeded()));
  }

  /** The field in which a prediction keeps its log Z once computed (a cache, not state). */
  private static final String LOG_PARTITION_CACHE = ".*\\.logPartition";

  @Test
  void version3ContinuesLikeAFreshTrackerFedTheSameInput() {
    Continued continued = Continued.from(3);
    // predictions have no equals: compare field by field, arrays included; a prediction's cached
    // log Z is there only once something asked for it, and is the same double when it is
    assertThat(continued.restored())
        .usingRecursiveComparison()
        .ignoringFieldsMatchingRegexes(LOG_PARTITION_CACHE)
        .isEqualTo(continued.fresh());
  }

  /**
   * Version 2 held every prediction's logits as doubles, and the medians computed from them; read,
   * the logits are rounded to the floats a prediction holds today, so it continues like a fresh
   * tracker to that rounding: the same outcomes, every number within 1e-6.
   */
  @Test
  void version2ContinuesLikeAFreshTrackerToTheRoundingOfItsLogits() {
    Continued continued = Continued.from(2);
    Comparator<Double> rounding =
        (a, b) -> Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)) ? 0 : Double.compare(a, b);
    assertThat(continued.restored())
        .usingRecursiveComparison()
        .ignoringFieldsMatchingRegexes(LOG_PARTITION_CACHE)
        .withComparatorForType(rounding, Double.class)
        .isEqualTo(continued.fresh());
  }

  /** The continuations of a tracker restored from a stored version and of a fresh one. */
  private record Continued(List<Object> restored, List<Object> fresh) {
    static Continued from(int version) {
      RealizedErrorTracker restored =
          RealizedErrorTrackerCodec.read(SnapshotFixtures.load("realized-error", version));
      RealizedErrorTracker fresh = seeded();
      assertThat(restored.pendingCount()).isPositive().isEqualTo(fresh.pendingCount());
      List<Object> expected = continuation(fresh);
      assertThat(expected).hasAtLeastOneElementOfType(ForecastOutcome.class);
      return new Continued(continuation(restored), expected);
    }
  }

  /** Predictions restored from either version share one set of bins, as a source's do. */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void restoredPredictionsShareTheirBins(int version) {
    RealizedErrorTracker restored =
        RealizedErrorTrackerCodec.read(SnapshotFixtures.load("realized-error", version));
    List<ValueBins> bins =
        Stream.of(restored.agentWaiting, restored.settled)
            .flatMap(List::stream)
            .filter(forecast -> forecast.prediction != null)
            .map(forecast -> forecast.prediction.bins())
            .toList();
    assertThat(bins).as("restored predictions").hasSizeGreaterThan(1).allMatch(b -> b.equals(BINS));
    assertThat(bins).allSatisfy(b -> assertThat(b).isSameAs(bins.get(0)));
  }

  /**
   * Version 3 writes each set of bins once: a snapshot grows by the logits alone per prediction.
   */
  @Test
  void version3WritesTheBinsOnceAndTheLogitsAsFloats() {
    RealizedErrorTracker tracker = seeded();
    long predictions =
        Stream.of(tracker.agentWaiting, tracker.settled)
            .flatMap(List::stream)
            .filter(forecast -> forecast.prediction != null)
            .count();
    byte[] version3 = RealizedErrorTrackerCodec.write(tracker);
    byte[] version2 = SnapshotFixtures.load("realized-error", 2);
    // per prediction, version 2 wrote 8 bytes a logit and 8 an edge (K + 1 edges) and version 3
    // writes 4 a logit and a 4-byte bins index; version 3 adds the edges once
    int classes = BINS.count();
    long saved =
        predictions * (8L * classes + 8L * (classes + 1) + 4 - 4L * classes - 4)
            - (8L * (classes + 1) + 4);
    assertThat(predictions).isGreaterThan(1);
    assertThat((long) version2.length - version3.length).isEqualTo(saved);
  }

  @Test
  void aPredictionReferringToBinsNotWrittenIsRefused() {
    SnapshotWriter out = SnapshotWriter.start("k", 1);
    out.writeFloats(new float[] {0, 1, 2, 3, 4}).writeInt(0); // bins 0, but none written yet
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "k", 1);

    assertThatThrownBy(() -> PredictionSnapshots.reader(PredictionSnapshots.LAYOUT).read(in))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage("a prediction refers to bins 0 of the 0 written");
  }

  /** Format 1 is refused from its header alone, before any field is read. */
  @Test
  void format1IsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> RealizedErrorTrackerCodec.read(SnapshotFixtures.header("realized-error", 1)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "realized-error snapshot of format 1 was written by an older isowatch that reconciled"
                + " by arrival, not event time; start this feed's state afresh");
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 7})
  void aNewerVersionIsRefusedWithAdvice(int version) {
    assertThatThrownBy(
            () ->
                RealizedErrorTrackerCodec.read(SnapshotFixtures.header("realized-error", version)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'realized-error' snapshot has format version "
                + version
                + ", this build reads versions 1 to 3: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> RealizedErrorTrackerCodec.read(SnapshotFixtures.header("shift-drift", 1)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'shift-drift' state, expected 'realized-error': "
                + SnapshotAdvice.MISMATCH);
  }
}
