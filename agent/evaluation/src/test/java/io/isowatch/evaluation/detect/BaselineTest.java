package io.isowatch.evaluation.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BaselineTest {
  private static final int CHANGE = 600;
  private static final int WARM_UP = 200;

  /** Gaussian noise, then a mean shift of {@code shift} standard deviations at {@link #CHANGE}. */
  private static LabelledSeries meanShift(long seed, double shift) {
    Random random = new Random(seed);
    double[] values = new double[1000];
    Instant[] times = new Instant[values.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = 50 + 2 * (random.nextGaussian() + (i >= CHANGE ? shift : 0));
      times[i] = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i);
    }
    return new LabelledSeries("test", "shift-" + seed, values, times, new Truth.ForecastError(), 0);
  }

  @ParameterizedTest
  @EnumSource(Baseline.class)
  void detectsAFiveSigmaMeanShiftWithinFiftySteps(Baseline baseline) {
    // five, not three: the rolling z-score alarms at |z| >= 4 on single values
    for (long seed = 1; seed <= 3; seed++) {
      Trace trace = baseline.run(meanShift(seed, 5), WARM_UP);

      int[] after = Arrays.stream(trace.alarms()).filter(a -> a >= CHANGE).toArray();
      assertThat(after).as("%s, seed %d: alarms after the change", baseline, seed).isNotEmpty();
      assertThat(after[0] - CHANGE).as("%s, seed %d: delay", baseline, seed).isLessThan(50);
    }
  }

  @ParameterizedTest
  @EnumSource(Baseline.class)
  void staysQuietAndHasNoScoreDuringItsWarmUp(Baseline baseline) {
    Trace trace = baseline.run(meanShift(5, 3), WARM_UP);

    assertThat(Arrays.stream(trace.alarms()).min().orElse(Integer.MAX_VALUE))
        .isGreaterThanOrEqualTo(WARM_UP);
    assertThat(Arrays.stream(trace.scores(), 0, WARM_UP).allMatch(Double::isNaN)).isTrue();
    assertThat(Arrays.stream(trace.scores(), WARM_UP, trace.length()).allMatch(Double::isFinite))
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = Baseline.class,
      names = {"PAGE_HINKLEY", "ADWIN", "CUSUM"})
  void scoresTheShiftedStretchAboveTheQuietOne(Baseline baseline) {
    Trace trace = baseline.run(meanShift(9, 3), WARM_UP);
    double[] scores = trace.scores();

    double quiet = Arrays.stream(scores, WARM_UP, CHANGE).max().orElseThrow();
    double shifted = Arrays.stream(scores, CHANGE, CHANGE + 50).max().orElseThrow();
    assertThat(shifted).isGreaterThan(quiet);
  }
}
