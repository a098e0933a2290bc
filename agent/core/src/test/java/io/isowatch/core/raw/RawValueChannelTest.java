package io.isowatch.core.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class RawValueChannelTest {

  private static List<RawFeatures> run(RawValueChannel channel, double[] values) {
    List<RawFeatures> features = new ArrayList<>();
    for (double v : values) {
      double z = channel.add(v);
      Optional<RawFeatures> f = channel.features();
      assertThat(f.map(RawFeatures::valueZ))
          .isEqualTo(Double.isNaN(z) ? Optional.empty() : Optional.of(z));
      features.add(f.orElse(null));
    }
    return features;
  }

  private static double[] noise(int n, long seed) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = 50 + random.nextGaussian();
    }
    return values;
  }

  @Test
  void featuresStartOnceTheHistoryIsFullAndMatchADirectRecomputation() {
    double[] values = noise(400, 1);
    List<RawFeatures> features = run(new RawValueChannel(16, 256), values);

    assertThat(features.subList(0, 257)).containsOnlyNulls();
    int t = 300;
    double[] history = Arrays.copyOfRange(values, t - 256, t);
    double mean = Arrays.stream(history).average().orElseThrow();
    double sd =
        Math.sqrt(Arrays.stream(history).map(v -> (v - mean) * (v - mean)).sum() / (256 - 1));
    double[] recent = Arrays.copyOfRange(values, t - 15, t + 1);
    double recentMean = Arrays.stream(recent).average().orElseThrow();
    double[] changes = new double[256];
    for (int k = 0; k < 256; k++) {
      changes[k] = values[t - 1 - k] - values[t - 2 - k];
    }
    double meanAbsoluteChange = Arrays.stream(changes).map(Math::abs).average().orElseThrow();

    RawFeatures f = features.get(t);
    assertThat(f.valueZ()).isCloseTo((values[t] - mean) / sd, within(1e-9));
    assertThat(f.levelShift()).isCloseTo((recentMean - mean) / sd, within(1e-9));
    assertThat(f.lastValueError())
        .isCloseTo(Math.abs(values[t] - values[t - 1]) / meanAbsoluteChange, within(1e-9));
  }

  @Test
  void aLevelShiftShowsInTheValueZTheLevelAndTheCusumForAsLongAsItLasts() {
    double[] values = noise(800, 2);
    for (int i = 500; i < values.length; i++) {
      values[i] += 10;
    }
    List<RawFeatures> features = run(new RawValueChannel(), values);

    assertThat(features.get(499).cusum()).isLessThan(10);
    assertThat(features.get(500).valueZ()).isGreaterThan(7);
    // 40 values after the shift a 32-value min-max window has forgotten it; this channel has not:
    // 40 of the 256 history values are shifted, so mean ~ 51.6 and deviation ~ sqrt(1 + 0.156 *
    // 0.844 * 100) ~ 3.8, and a shifted value sits ~ 2.2 deviations above
    assertThat(features.get(540).valueZ()).isGreaterThan(1.8);
    assertThat(features.get(540).levelShift()).isGreaterThan(1.8);
    assertThat(features.get(600).cusum()).isGreaterThan(100);
  }

  @Test
  void aVarianceChangeRaisesTheVolatilityAndRangeRatios() {
    double[] values = noise(800, 3);
    for (int i = 500; i < values.length; i++) {
      values[i] = 50 + 5 * (values[i] - 50);
    }
    List<RawFeatures> features = run(new RawValueChannel(), values);

    // 30 changes after the change: the short window's changes have deviation 5 sqrt(2) ~ 7.1, the
    // long history's sqrt((226 * 2 + 30 * 50) / 256) ~ 2.8, a ratio of ~ 2.6
    assertThat(features.get(480).volatilityRatio()).isBetween(0.5, 1.6);
    assertThat(features.get(530).volatilityRatio()).isGreaterThan(2);
    assertThat(features.get(530).rangeRatio()).isGreaterThan(0.8);
    assertThat(features.get(480).rangeRatio()).isLessThan(0.8);
  }

  @Test
  void aFlatFeedGivesFiniteFeaturesAndARealChangeStandsOut() {
    double[] values = new double[300];
    Arrays.fill(values, 7.0);
    values[299] = 7.5;
    List<RawFeatures> features = run(new RawValueChannel(), values);

    for (double x : features.get(298).toArray()) {
      assertThat(x).isFinite();
    }
    assertThat(features.get(298).valueZ()).isZero();
    assertThat(features.get(299).valueZ()).isGreaterThan(1e3).isFinite();
  }

  @Test
  void memoryIsBoundedByTheLongWindowAndBadInputIsRefused() {
    RawValueChannel channel = new RawValueChannel(16, 256);
    assertThat(channel.memoryBytes()).isEqualTo(24L * 257 + 128);
    assertThatThrownBy(() -> channel.add(Double.NaN)).hasMessageContaining("finite");
    assertThatThrownBy(() -> new RawValueChannel(16, 16)).hasMessageContaining("shortWindow");
    assertThat(RawFeatures.NAMES)
        .hasSize(new RawFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).toArray().length);
  }

  @Test
  void withAShorterMinimumFeaturesStartEarlyAgainstTheHistoryHeldSoFar() {
    double[] values = noise(200, 4);
    List<RawFeatures> features = run(new RawValueChannel(16, 256, 64), values);

    // 64 values of history and one change more before the judged one: first at position 65
    assertThat(features.subList(0, 65)).containsOnlyNulls();
    assertThat(features.get(65)).isNotNull();
    int t = 120; // 119 values before it, all held
    double[] history = Arrays.copyOfRange(values, 1, t);
    double mean = Arrays.stream(history).average().orElseThrow();
    double sd =
        Math.sqrt(
            Arrays.stream(history).map(v -> (v - mean) * (v - mean)).sum() / (history.length - 1));
    assertThat(features.get(t).valueZ()).isCloseTo((values[t] - mean) / sd, within(1e-9));
  }

  /** The ADWIN statistic recomputed by brute force over every cut of the newest values. */
  @Test
  void theAdwinStatisticIsTheLargestTwoSampleZOverEveryCut() {
    double[] values = noise(400, 5);
    for (int i = 350; i < 400; i++) {
      values[i] += 3;
    }
    List<RawFeatures> features = run(new RawValueChannel(16, 256), values);
    int t = 380;
    double[] history = Arrays.copyOfRange(values, t - 256, t);
    double mean = Arrays.stream(history).average().orElseThrow();
    double sd =
        Math.sqrt(Arrays.stream(history).map(v -> (v - mean) * (v - mean)).sum() / (256 - 1));
    double[] span = Arrays.copyOfRange(values, t - 256, t + 1); // history and the new value
    double best = 0;
    for (int c = 8; c <= span.length - 8; c++) {
      double newest = Arrays.stream(span, span.length - c, span.length).average().orElseThrow();
      double older = Arrays.stream(span, 0, span.length - c).average().orElseThrow();
      int rest = span.length - c;
      best = Math.max(best, Math.abs(newest - older) / (sd * Math.sqrt(1.0 / c + 1.0 / rest)));
    }
    assertThat(features.get(t).adwin()).isCloseTo(best, within(1e-9));
    assertThat(features.get(t).adwin()).isGreaterThan(features.get(340).adwin());
  }

  /** Before the history is full the cuts span fewer values; the same brute force holds. */
  @Test
  void theAdwinStatisticWhileTheHistoryFillsIsTheLargestTwoSampleZOverEveryCut() {
    double[] values = noise(200, 6);
    for (int i = 100; i < 200; i++) {
      values[i] += 2;
    }
    List<RawFeatures> features = run(new RawValueChannel(16, 256, 64), values);
    int t = 120; // 119 values of history before it
    double[] history = Arrays.copyOfRange(values, 1, t);
    double mean = Arrays.stream(history).average().orElseThrow();
    double sd =
        Math.sqrt(
            Arrays.stream(history).map(v -> (v - mean) * (v - mean)).sum() / (history.length - 1));
    double[] span = Arrays.copyOfRange(values, 1, t + 1);
    double best = 0;
    for (int c = 8; c <= span.length - 8; c++) {
      double newest = Arrays.stream(span, span.length - c, span.length).average().orElseThrow();
      double older = Arrays.stream(span, 0, span.length - c).average().orElseThrow();
      int rest = span.length - c;
      best = Math.max(best, Math.abs(newest - older) / (sd * Math.sqrt(1.0 / c + 1.0 / rest)));
    }
    assertThat(features.get(t).adwin()).isCloseTo(best, within(1e-9));
  }

  @Test
  void aRestoredChannelContinuesIdentically() {
    double[] values = noise(500, 6);
    RawValueChannel channel = new RawValueChannel(16, 256, 64);
    for (int i = 0; i < 300; i++) {
      channel.add(values[i]);
    }
    io.isowatch.core.state.SnapshotWriter out = io.isowatch.core.state.SnapshotWriter.start("t", 1);
    RawValueChannelCodec.write(out, channel);
    RawValueChannel copy = new RawValueChannel(16, 256, 64);
    io.isowatch.core.state.SnapshotReader in =
        io.isowatch.core.state.SnapshotReader.open(out.toByteArray(), "t", 1);
    RawValueChannelCodec.read(in, copy);
    in.finish();
    for (int i = 300; i < 500; i++) {
      assertThat(copy.add(values[i])).isEqualTo(channel.add(values[i]));
      assertThat(copy.features()).isEqualTo(channel.features());
    }
    assertThatThrownBy(() -> new RawValueChannel(16, 256, 10)).hasMessageContaining("minHistory");
  }

  /**
   * A monitor asks for the features once a window, not once a value: what it gets must not depend
   * on whether it asked before. Page-Hinkley and CUSUM accumulate every value's z in both runs.
   */
  @Test
  void theFeaturesDoNotDependOnWhenTheyWereAskedFor() {
    double[] values = noise(600, 8);
    for (int i = 400; i < 600; i++) {
      values[i] += 3;
    }
    RawValueChannel everyValue = new RawValueChannel(16, 256, 64);
    RawValueChannel everyEighth = new RawValueChannel(16, 256, 64);
    List<RawFeatures> asked = run(everyValue, values);
    for (int i = 0; i < values.length; i++) {
      everyEighth.add(values[i]);
      if (i % 8 == 7) {
        assertThat(everyEighth.features().orElse(null)).isEqualTo(asked.get(i));
      }
    }
    assertThat(asked.get(599).pageHinkley()).isGreaterThan(asked.get(399).pageHinkley());
  }

  /**
   * Steps that alternate +a, -a before and +b, -b among the newest 16 have sample variances (m a² -
   * a² / m) / (m - 1) (m = 241 steps before, an odd count: their sum is ±a) and b² 16 / 15: the
   * statistic is the log of their ratio over sqrt(2 / 15). A flat stretch is bounded at a log ratio
   * of -12.
   */
  @Test
  void theStepScaleZIsTheLogVarianceRatioOfTheNewestStepsOverItsSpread() {
    RawValueChannel channel = new RawValueChannel(16, 256);
    int length = 300;
    double a = 1;
    double b = 3;
    double value = 100;
    for (int k = 0; k < length; k++) {
      boolean newest = k >= length - 16;
      value += (k % 2 == 0 ? 1 : -1) * (newest ? b : a);
      channel.add(value);
    }
    int before = 256 + 1 - 16; // steps held before the newest 16
    double ratio = (b * b * 16 / 15) / ((before * a * a - a * a / before) / (before - 1));
    assertThat(channel.newestStepScaleZ())
        .isCloseTo(Math.log(ratio) / Math.sqrt(2.0 / 15), within(1e-9));

    for (int k = 0; k < 16; k++) {
      channel.add(value);
    }
    assertThat(channel.newestStepScaleZ()).isCloseTo(-12 / Math.sqrt(2.0 / 15), within(1e-9));
  }

  @Test
  void theStepScaleZIsNaNWhileTheHistoryFills() {
    RawValueChannel channel = new RawValueChannel(16, 256);
    int k = 0;
    while (channel.features().isEmpty()) {
      assertThat(channel.newestStepScaleZ()).as("after %d values", k).isNaN();
      channel.add(k++ % 3);
    }
    assertThat(k).isEqualTo(258);
    assertThat(channel.newestStepScaleZ()).isFinite();
  }

  /**
   * A sine of period {@code period} with Gaussian noise, its cycle {@code factor} times faster from
   * {@code at}.
   */
  private static double[] cycle(
      int n, double period, double noise, int at, double factor, long seed) {
    Random random = new Random(seed);
    double[] values = new double[n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      phase += 2 * Math.PI * (i >= at ? factor : 1) / period;
      values[i] = 100 + Math.sin(phase) + noise * random.nextGaussian();
    }
    return values;
  }

  @Test
  void theAutocorrelationZMatchesAPlainRecomputationAtEveryValue() {
    double[] values = cycle(700, 60, 0.3, 500, 2.5, 3);
    RawValueChannel channel = new RawValueChannel(16, 256, 64);
    int defined = 0;
    for (int k = 0; k < values.length; k++) {
      channel.add(values[k]);
      double expected = AutocorrelationReference.z(values, k, 256, 64);
      if (Double.isNaN(expected)) {
        assertThat(channel.newestAutocorrelationZ()).as("value %d", k).isNaN();
      } else {
        assertThat(channel.newestAutocorrelationZ())
            .as("value %d", k)
            .isCloseTo(expected, within(1e-9));
        defined++;
      }
    }
    // once the newest and the 95 values held before it fill 5 history blocks of 32 ending every 8
    // values and the newest block
    assertThat(defined).isEqualTo(values.length - 96);
  }

  /**
   * A cycle 2.5 times faster under noise that dominates the steps (a sine of amplitude 1 and period
   * 24 moves at most 0.26 a step, the noise's steps 0.71 on average): the steps' scale stays within
   * its usual range while the sine's part of the autocorrelation of values 8 apart turns from cos(2
   * pi 8 / 24) = -0.5 to cos(2 pi 8 / 9.6) = 0.5.
   */
  @Test
  void aFasterCycleMovesTheAutocorrelationZWhereTheStepScaleHardlyMoves() {
    double[] values = cycle(540, 24, 0.5, 500, 2.5, 5);
    RawValueChannel channel = new RawValueChannel(16, 256, 64);
    double before = 0;
    double after = 0;
    double scaleAfter = 0;
    for (int k = 0; k < values.length; k++) {
      channel.add(values[k]);
      if (k >= 300 && k < 500) {
        before = Math.max(before, Math.abs(channel.newestAutocorrelationZ()));
      } else if (k >= 500) {
        after = Math.max(after, channel.newestAutocorrelationZ());
        scaleAfter = Math.max(scaleAfter, Math.abs(channel.newestStepScaleZ()));
      }
    }
    assertThat(before).as("largest |z| over the 200 values before the change").isLessThan(3);
    assertThat(after).as("largest z over the 40 values after it").isGreaterThan(5);
    assertThat(scaleAfter).as("largest |step scale z| after it").isLessThan(3);
  }

  /**
   * On unchanged feeds of the synthetic ruler's base process (AR(1) noise, often with a sine) the
   * scaled statistic's tail is a normal's: |z| exceeds 3.09 about once in 500. Unscaled it would
   * exceed 3.9 that often.
   */
  @Test
  void onUnchangedFeedsTheAutocorrelationZHasANormalTail() {
    assertThat(nullTailQuantile(RawValueChannel::newestAutocorrelationZ))
        .as("99.8%% quantile of |z|, a normal's is 3.09")
        .isBetween(2.8, 3.4);
  }

  /**
   * The 99.8% quantile of a statistic's |z| on 300 unchanged feeds of the synthetic ruler's base
   * process (AR(1) noise, often with a sine), read every 8 values from the 400th to the 1,200th.
   */
  private static double nullTailQuantile(ToDoubleFunction<RawValueChannel> statistic) {
    Random random = new Random(11);
    List<Double> magnitudes = new ArrayList<>();
    for (int feed = 0; feed < 300; feed++) {
      double phi = 0.95 * random.nextDouble();
      int period = new int[] {12, 24, 48, 96}[random.nextInt(4)];
      double amplitude = random.nextDouble() < 0.6 ? 4 * random.nextDouble() : 0;
      double phase = 2 * Math.PI * random.nextDouble();
      RawValueChannel channel = new RawValueChannel(16, 256, 64);
      double noise = 0;
      for (int t = 0; t < 1200; t++) {
        noise = phi * noise + Math.sqrt(1 - phi * phi) * random.nextGaussian();
        channel.add(amplitude * Math.sin(2 * Math.PI * t / period + phase) + noise);
        if (t >= 400 && t % 8 == 0) {
          magnitudes.add(Math.abs(statistic.applyAsDouble(channel)));
        }
      }
    }
    double[] sorted = magnitudes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    assertThat(sorted.length).isEqualTo(300 * 100);
    return sorted[(int) (0.998 * sorted.length)];
  }

  @Test
  void theLevelShiftZMatchesAPlainRecomputationAtEveryValue() {
    double[] values = cycle(700, 60, 0.3, 500, 2.5, 3);
    for (int k = 400; k < 440; k++) {
      values[k] += 5; // a jump that lasts 40 values
    }
    RawValueChannel channel = new RawValueChannel(16, 256, 64);
    int defined = 0;
    for (int k = 0; k < values.length; k++) {
      channel.add(values[k]);
      double expected = LevelShiftReference.z(values, k, 256, 64);
      if (Double.isNaN(expected)) {
        assertThat(channel.newestLevelShiftZ()).as("value %d", k).isNaN();
      } else {
        assertThat(channel.newestLevelShiftZ())
            .as("value %d", k)
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        defined++;
      }
    }
    // defined from the 66th value on: 64 held before the newest, 32 of them older than the block
    assertThat(defined).isEqualTo(values.length - 65);
  }

  /**
   * Quantized values (many ties, as counters and percentages give) and a flat stretch: the medians
   * still match the plain recomputation, and a jump off a flat history is large but finite.
   */
  @Test
  void theLevelShiftZHandlesTiesAndAFlatHistory() {
    double[] values = cycle(600, 60, 2, 500, 1, 9);
    for (int k = 0; k < values.length; k++) {
      values[k] = k < 300 ? Math.rint(values[k]) : k < 500 ? 100 : 101;
    }
    RawValueChannel channel = new RawValueChannel(16, 256, 64);
    for (int k = 0; k < values.length; k++) {
      channel.add(values[k]);
      double expected = LevelShiftReference.z(values, k, 256, 64);
      if (!Double.isNaN(expected)) {
        assertThat(channel.newestLevelShiftZ()).as("value %d", k).isEqualTo(expected);
      }
    }
    assertThat(channel.newestLevelShiftZ()).isFinite().isGreaterThan(1e3);
  }

  /**
   * What the level-shift z is for: on a feed with a benign spike of 12 sigma every 25 values, the
   * values' own z (against the trailing mean and deviation) reads a sustained jump of 12 sigma no
   * larger than the spikes, while the level-shift z ignores the spikes and stands out at the jump.
   */
  @Test
  void theLevelShiftZSeesASustainedJumpAmongSpikesOfTheSameSize() {
    Random random = new Random(4);
    RawValueChannel channel = new RawValueChannel(16, 256, 64);
    double spikesValueZ = 0;
    double spikesLevelZ = 0;
    double jumpValueZ = 0;
    double jumpLevelZ = 0;
    for (int t = 0; t < 1000; t++) {
      boolean jump = t >= 800 && t < 840;
      double value = 50 + random.nextGaussian() + (t % 25 == 0 || jump ? 12 : 0);
      double valueZ = Math.abs(channel.add(value));
      double levelZ = Math.abs(channel.newestLevelShiftZ());
      if (t >= 400 && t < 800) {
        spikesValueZ = Math.max(spikesValueZ, valueZ);
        spikesLevelZ = Math.max(spikesLevelZ, levelZ);
      } else if (jump) {
        jumpValueZ = Math.max(jumpValueZ, valueZ);
        jumpLevelZ = Math.max(jumpLevelZ, levelZ);
      }
    }
    assertThat(jumpValueZ).as("largest value z in the jump").isLessThan(1.2 * spikesValueZ);
    assertThat(spikesLevelZ).as("largest level-shift z among the spikes").isLessThan(3);
    assertThat(jumpLevelZ).as("largest level-shift z in the jump").isGreaterThan(10);
  }

  /**
   * On unchanged feeds of the synthetic ruler's base process (as for the autocorrelation z above)
   * the scaled level-shift z's tail is a normal's: |z| exceeds 3.09 about once in 500.
   */
  @Test
  void onUnchangedFeedsTheLevelShiftZHasANormalTail() {
    assertThat(nullTailQuantile(RawValueChannel::newestLevelShiftZ))
        .as("99.8%% quantile of |z|, a normal's is 3.09")
        .isBetween(2.8, 3.4);
  }
}
