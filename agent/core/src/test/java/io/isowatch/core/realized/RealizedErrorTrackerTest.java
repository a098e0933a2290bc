package io.isowatch.core.realized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.Forecast;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.ReleasedValue;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.ValueBins;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RealizedErrorTrackerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static Instant t(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static ReleasedValue value(int minute, double value) {
    return new ReleasedValue(t(minute), value, false);
  }

  /** A prediction whose median is exactly {@code median}: all mass in one bin centred on it. */
  private static Prediction pointAt(double median) {
    ValueBins bins =
        ValueBins.ofEdges(new double[] {median - 1, median - 0.5, median + 0.5, median + 1});
    return new Prediction(new double[] {-50, 50, -50}, bins, 1, new float[0]);
  }

  @Test
  void anAgentForecastIsJudgedAgainstTheHorizonthValueAfterItsWindowEvenIfRegisteredLate() {
    RealizedErrorTracker early = RealizedErrorTracker.create(new TrackerLimits(2, 8, 8, 64, 8, 16));
    RealizedErrorTracker late = RealizedErrorTracker.create(new TrackerLimits(2, 8, 8, 64, 8, 16));
    List<ReleasedValue> values = List.of(value(0, 10), value(1, 12), value(2, 15), value(3, 11));

    // early: registered when the window ending at minute 1 is embedded, before minutes 2 and 3
    early.onReleased(values.get(0));
    early.onReleased(values.get(1));
    early.addAgentForecast(t(1), pointAt(14), Double.NaN, Double.NaN);
    early.onReleased(values.get(2));
    assertThat(early.settleUntil(t(2))).isEmpty();
    early.onReleased(values.get(3));
    List<ForecastOutcome> outcomes = early.settleUntil(t(3));

    // late: the embedding came back after every value was released, and one more
    values.forEach(late::onReleased);
    late.onReleased(value(4, 30));
    late.addAgentForecast(t(1), pointAt(14), Double.NaN, Double.NaN);
    assertThat(late.current(ForecastOrigin.AGENT))
        .as("reconciled, but not counted before its actual's time is asked for")
        .isEmpty();
    Optional<ForecastOutcome> immediate = late.settleUntil(t(3)).stream().findFirst();

    assertThat(outcomes).hasSize(1);
    ForecastOutcome outcome = outcomes.get(0);
    assertThat(outcome.actualTime()).isEqualTo(t(3));
    assertThat(outcome.actual()).isEqualTo(11);
    assertThat(outcome.point()).isCloseTo(14, within(1e-9));
    // naive scale when the actual was released = mean |step| of 10, 12, 15, 11 = (2 + 3 + 4) / 3;
    // the later value 30 does not change it
    assertThat(outcome.scaledError()).isCloseTo(3 / 3.0, within(1e-9));
    assertThat(immediate).hasValueSatisfying(o -> assertThat(o.actual()).isEqualTo(11));
    assertThat(immediate.get().scaledError()).isCloseTo(outcome.scaledError(), within(1e-12));
  }

  /**
   * A forecast expected when its window completed catches its actual as it is released, although
   * the prediction (the embedding) comes back after the ring of recent actuals has moved on; it is
   * handed out with its window's successor, exactly as a forecast made on time.
   */
  @Test
  void anExpectedForecastCatchesItsActualBeforeItsPredictionArrives() {
    RealizedErrorTracker onTime =
        RealizedErrorTracker.create(new TrackerLimits(1, 8, 8, 64, 4, 16));
    RealizedErrorTracker late = RealizedErrorTracker.create(new TrackerLimits(1, 8, 8, 64, 4, 16));
    double[] values = {10, 12, 15, 11, 9, 14, 13, 20, 18, 17};

    Prediction prediction = pointAt(14);
    onTime.expectAgentForecast(t(1));
    late.expectAgentForecast(t(1));
    List<ForecastOutcome> fromOnTime = new ArrayList<>();
    for (int minute = 0; minute < values.length; minute++) {
      onTime.onReleased(value(minute, values[minute]));
      late.onReleased(value(minute, values[minute]));
      if (minute == 1) {
        onTime.addAgentForecast(t(1), prediction, 13, 15);
      }
      fromOnTime.addAll(onTime.settleUntil(t(minute)));
    }
    // the ring holds minutes 6..9 only when the late prediction arrives
    assertThat(late.settleUntil(t(9))).as("nothing before its prediction").isEmpty();
    late.addAgentForecast(t(1), prediction, 13, 15);
    List<ForecastOutcome> fromLate = late.settleUntil(t(9));

    assertThat(fromOnTime).hasSize(1);
    assertThat(fromLate).containsExactlyElementsOf(fromOnTime);
    ForecastOutcome outcome = fromLate.get(0);
    assertThat(outcome.actualTime()).isEqualTo(t(2));
    assertThat(outcome.actual()).isEqualTo(15);
    // the scale of its own moment: mean |step| of the 4 values held then, 10 12 15 (ring of 4)
    assertThat(outcome.scaledError()).isCloseTo(Math.abs(14 - 15) / 2.5, within(1e-9));
    assertThat(late.current(ForecastOrigin.AGENT)).isEqualTo(onTime.current(ForecastOrigin.AGENT));
  }

  @Test
  void aLateActualIsMatchedWithItsOwnForecastThroughTheWindowersOrdering() {
    FeedWindower windower =
        FeedWindower.create(
            "f",
            WindowSpec.builder()
                .length(2)
                .stride(1)
                .allowedLateness(Duration.ofMinutes(5))
                .build());
    RealizedErrorTracker tracker =
        RealizedErrorTracker.create(new TrackerLimits(1, 8, 8, 64, 8, 16));
    tracker.addProductionForecast(t(0), Forecast.point(t(2), 20));
    List<ForecastOutcome> outcomes = new ArrayList<>();
    // minute 2 arrives after minute 3: out of order, within the lateness
    for (Observation o :
        List.of(
            new Observation("f", t(1), 10),
            new Observation("f", t(3), 30),
            new Observation("f", t(2), 21),
            new Observation("f", t(9), 90))) {
      windower.accept(o).released().forEach(tracker::onReleased);
      outcomes.addAll(tracker.settleUntil(t(9)));
    }
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).actualTime()).isEqualTo(t(2));
    assertThat(outcomes.get(0).actual()).isEqualTo(21);
    assertThat(outcomes.get(0).origin()).isEqualTo(ForecastOrigin.PRODUCTION);
  }

  @Test
  void aGapMakesPendingForecastsMissingAndEvictionCountsToo() {
    RealizedErrorTracker tracker =
        RealizedErrorTracker.create(new TrackerLimits(1, 2, 8, 64, 4, 16));
    tracker.onReleased(value(0, 1));
    tracker.addProductionForecast(t(0), Forecast.point(t(5), 1));
    tracker.addProductionForecast(t(0), Forecast.point(t(6), 1));
    tracker.addProductionForecast(t(0), Forecast.point(t(7), 1)); // evicts the first
    assertThat(tracker.pendingCount()).isEqualTo(2);
    tracker.onReleased(new ReleasedValue(t(60), 3, true));
    assertThat(tracker.settleUntil(t(60))).isEmpty();
    assertThat(tracker.pendingCount()).isZero();
    tracker.addProductionForecast(t(60), Forecast.point(t(61), 4));
    tracker.onReleased(value(61, 5));
    assertThat(tracker.settleUntil(t(61))).hasSize(1);
    RealizedError error = tracker.current(ForecastOrigin.PRODUCTION).orElseThrow();
    assertThat(error.missing()).isEqualTo(3);
    assertThat(error.reconciled()).isEqualTo(1);
  }

  @Test
  void rollingErrorsMatchAnIndependentComputation() {
    RealizedErrorTracker tracker =
        RealizedErrorTracker.create(new TrackerLimits(1, 8, 8, 64, 8, 3));
    double[] actuals = {10, 12, 9, 14, 13};
    double[] points = {11, 10, 12, 13};
    double[][] intervals = {{9, 12}, {9, 11}, {13, 15}, {12, 14}};
    tracker.onReleased(value(0, actuals[0]));
    List<ForecastOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < points.length; i++) {
      tracker.addProductionForecast(
          t(i), new Forecast(t(i + 1), points[i], intervals[i][0], intervals[i][1]));
      tracker.onReleased(value(i + 1, actuals[i + 1]));
      outcomes.addAll(tracker.settleUntil(t(i + 1)));
    }
    assertThat(outcomes).hasSize(4);
    // history holds the last 3 outcomes: forecasts for minutes 2, 3, 4
    double squaredErrors = 0;
    double squaredActuals = 0;
    double scaled = 0;
    int covered = 0;
    for (int i = 1; i < 4; i++) {
      double actual = actuals[i + 1];
      double error = points[i] - actual;
      squaredErrors += error * error;
      squaredActuals += actual * actual;
      scaled += outcomes.get(i).scaledError();
      covered += actual >= intervals[i][0] && actual <= intervals[i][1] ? 1 : 0;
    }
    RealizedError error = tracker.primary().orElseThrow();
    assertThat(error.origin()).isEqualTo(ForecastOrigin.PRODUCTION);
    assertThat(error.outcomes()).isEqualTo(3);
    assertThat(error.nmse()).isCloseTo(squaredErrors / squaredActuals, within(1e-12));
    assertThat(error.mase()).isCloseTo(scaled / 3, within(1e-12));
    assertThat(error.coverage()).isCloseTo(covered / 3.0, within(1e-12));
    // the last outcome's scale: mean |step| of 10, 12, 9, 14, 13 = (2 + 3 + 5 + 1) / 4
    assertThat(outcomes.get(3).scaledError()).isCloseTo(Math.abs(13 - 13) / 2.75, within(1e-12));
    assertThat(outcomes.get(2).scaledError())
        .isCloseTo(Math.abs(12 - 14) / (10 / 3.0), within(1e-12));
  }

  @Test
  void restoredTrackerReconcilesWhatTheOriginalHadPending() {
    RealizedErrorTracker tracker =
        RealizedErrorTracker.create(new TrackerLimits(2, 8, 8, 64, 8, 16));
    tracker.onReleased(value(0, 5));
    tracker.addAgentForecast(t(0), pointAt(7), 6, 8);
    tracker.onReleased(value(1, 6));
    RealizedErrorTracker copy = RealizedErrorTracker.restore(tracker.snapshot());
    tracker.onReleased(value(2, 7.5));
    copy.onReleased(value(2, 7.5));
    RealizedErrorTracker settledCopy = RealizedErrorTracker.restore(copy.snapshot());
    List<ForecastOutcome> original = tracker.settleUntil(t(2));
    List<ForecastOutcome> restored = settledCopy.settleUntil(t(2));
    assertThat(restored).hasSize(1);
    assertThat(restored.get(0).scaledError()).isEqualTo(original.get(0).scaledError());
    assertThat(restored.get(0).prediction().orElseThrow().logits())
        .containsExactly(original.get(0).prediction().orElseThrow().logits());
    assertThat(settledCopy.current(ForecastOrigin.AGENT))
        .isEqualTo(tracker.current(ForecastOrigin.AGENT));
  }
}
