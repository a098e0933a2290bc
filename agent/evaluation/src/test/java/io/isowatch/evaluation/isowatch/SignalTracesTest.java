package io.isowatch.evaluation.isowatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.sanity.SanityDetectors;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignalTracesTest {
  private static final EvaluationProfile PROFILE = EvaluationProfile.large(8);
  private static final int LENGTH = 6000;

  static Stream<MonitorSignal> judgedSignals() {
    return Arrays.stream(MonitorSignal.values()).filter(MonitorSignal::judged);
  }

  /**
   * Evaluations every 8 values in which only {@code signal} has values: NaN for the first 150
   * evaluations (a head still collecting targets), then noise, then a shift of 20 deviations from
   * evaluation 500 on.
   */
  private static MonitorRecording recording(MonitorSignal signal) {
    int count = (LENGTH - 64) / 8 + 1;
    Random random = new Random(signal.ordinal());
    int[] first = new int[count];
    int[] last = new int[count];
    double[][] signals = new double[count][MonitorSignal.values().length];
    for (int k = 0; k < count; k++) {
      first[k] = 8 * k;
      last[k] = first[k] + 63;
      Arrays.fill(signals[k], Double.NaN);
      if (k >= 150) {
        signals[k][signal.ordinal()] = random.nextGaussian() + (k >= 500 ? 20 : 0);
      }
    }
    double[] forecasts = new double[LENGTH];
    Arrays.fill(forecasts, Double.NaN);
    return new MonitorRecording(
        first, last, signals, new boolean[count], new boolean[count], forecasts, 1);
  }

  private static LabelledSeries series() {
    double[] values = new double[LENGTH];
    Instant[] times = new Instant[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      times[i] = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i);
    }
    return new LabelledSeries("test", "late", values, times, new Truth.ForecastError(), 0);
  }

  @ParameterizedTest
  @MethodSource("judgedSignals")
  void aSignalThatStartsLateWarmsUpFromItsFirstValueAndIsJudged(MonitorSignal signal) {
    LabelledSeries series = series();
    Map<String, Trace> traces = SignalTraces.of(series, PROFILE, recording(signal));
    Trace trace = traces.get(SignalTraces.SIGNAL_PREFIX + signal.label());
    Trace never = SanityDetectors.of(series, PROFILE, null, 1).get(SanityDetectors.NEVER_ALARMS);

    // warm-up: evaluations 150..213 (64 of them); judged from evaluation 214, at 63 + 8 * 214
    int judgedAt = 63 + 8 * (150 + PROFILE.warmUpEvaluations());
    assertThat(Arrays.stream(trace.scores(), 0, judgedAt).allMatch(Double::isNaN)).isTrue();
    assertThat(Arrays.stream(trace.scores(), judgedAt, LENGTH).allMatch(Double::isFinite)).isTrue();
    // the shift at evaluation 500 (position 4063) raises an alarm there, a few evaluations on
    assertThat(trace.alarms()).isNotEmpty();
    assertThat(trace.alarms()[0]).isBetween(63 + 8 * 500, 63 + 8 * 510);
    assertThat(trace.alarms()).isNotEqualTo(never.alarms());
  }

  /**
   * The martingale's row alarms each time its growth reaches 2 from below, not while it stays
   * there, and scores the growth itself.
   */
  @Test
  void theMartingaleAlarmsEachTimeItsGrowthReachesTwo() {
    MonitorSignal martingale = MonitorSignal.REALIZED_SURPRISE_MARTINGALE;
    MonitorRecording recording = recording(martingale);
    double[] growth = {0.5, 2.5, 3.1, 1.9, 2.0, Double.NaN, 2.2, 0, 2};
    int start = 700;
    for (int i = 0; i < growth.length; i++) {
      recording.signals()[start + i][martingale.ordinal()] = growth[i];
    }
    for (int k = 0; k < recording.evaluations(); k++) {
      if (k < start || k >= start + growth.length) {
        recording.signals()[k][martingale.ordinal()] = k % 2 == 0 ? 0.3 : Double.NaN;
      }
    }
    Trace trace =
        SignalTraces.of(series(), PROFILE, recording)
            .get(SignalTraces.SIGNAL_PREFIX + martingale.label());

    // reached at the 2nd, 5th, 7th and 9th of these evaluations: after 0.5, 1.9, NaN and 0
    assertThat(trace.alarms())
        .containsExactly(
            63 + 8 * (start + 1), 63 + 8 * (start + 4), 63 + 8 * (start + 6), 63 + 8 * (start + 8));
    assertThat(trace.scores()[63 + 8 * (start + 2)]).isEqualTo(3.1);
  }
}
