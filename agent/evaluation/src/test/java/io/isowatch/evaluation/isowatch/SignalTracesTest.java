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
}
