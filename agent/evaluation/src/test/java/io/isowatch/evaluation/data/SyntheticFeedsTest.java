package io.isowatch.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticFeedsTest {

  @Test
  void eachChangeOpensAWindowOfItsShareSortedAndMergedWhenTheyOverlap() {
    // 3 changes on 3000 values: 10% of 3000 split three ways is 100 values each
    Truth.AnomalyWindows truth = SyntheticFeeds.changeWindows(new int[] {2500, 900, 950}, 3000);

    assertThat(truth.windows())
        .containsExactly(new IndexRange(900, 1049), new IndexRange(2500, 2599));
    assertThat(truth.probation()).isEqualTo(450);
  }

  @Test
  void aWindowNeverRunsPastTheFeed() {
    Truth.AnomalyWindows truth = SyntheticFeeds.changeWindows(new int[] {1190}, 1200);

    assertThat(truth.windows()).containsExactly(new IndexRange(1190, 1199));
  }

  @Test
  void everyFeedIsScoredAfterItsProbationOnAtMostItsWindowShare() {
    List<LabelledSeries> feeds = SyntheticFeeds.generate(32, 7);

    for (LabelledSeries feed : feeds) {
      Truth.AnomalyWindows truth = (Truth.AnomalyWindows) feed.truth();
      int covered = truth.windows().stream().mapToInt(IndexRange::length).sum();
      assertThat(truth.windows()).as(feed.name()).isNotEmpty();
      assertThat(truth.windows().get(0).first()).as(feed.name()).isGreaterThan(truth.probation());
      assertThat(covered).as(feed.name()).isLessThanOrEqualTo(feed.length() / 10);
    }
  }

  /** Without a density the feeds are the dense ruler's, value for value. */
  @Test
  void theRulerIsTheDenseFeeds() {
    List<LabelledSeries> plain = SyntheticFeeds.generate(24, 3);
    List<LabelledSeries> dense =
        SyntheticFeeds.generate(24, 3, SyntheticFeeds.Density.DENSE, SyntheticFeeds.Noise.LIGHT);

    assertThat(plain).hasSameSizeAs(dense);
    for (int i = 0; i < plain.size(); i++) {
      assertThat(plain.get(i).name()).isEqualTo(dense.get(i).name());
      assertThat(plain.get(i).values()).containsExactly(dense.get(i).values());
      assertThat(plain.get(i).truth()).isEqualTo(dense.get(i).truth());
    }
    assertThat(
            SyntheticFeeds.describe(
                24, 3, SyntheticFeeds.Density.DENSE, SyntheticFeeds.Noise.LIGHT))
        .isEqualTo("synthetic:24:seed-3");
  }

  /**
   * Sparse feeds are 4,000 to 16,000 values long with one or two changes: one or two windows, each
   * a tenth of the feed split between the changes, after the probation.
   */
  @Test
  void sparseFeedsAreLongWithOneOrTwoChanges() {
    List<LabelledSeries> feeds =
        SyntheticFeeds.generate(32, 5, SyntheticFeeds.Density.SPARSE, SyntheticFeeds.Noise.LIGHT);

    assertThat(feeds.stream().mapToInt(LabelledSeries::length).distinct().sorted().toArray())
        .containsExactly(4000, 8000, 12000, 16000);
    int twoWindows = 0;
    for (LabelledSeries feed : feeds) {
      Truth.AnomalyWindows truth = (Truth.AnomalyWindows) feed.truth();
      assertThat(truth.windows()).as(feed.name()).hasSizeBetween(1, 2);
      assertThat(truth.windows().get(0).first()).as(feed.name()).isGreaterThan(truth.probation());
      int covered = truth.windows().stream().mapToInt(IndexRange::length).sum();
      assertThat(covered).as(feed.name()).isBetween(1, feed.length() / 10);
      twoWindows += truth.windows().size() == 2 ? 1 : 0;
    }
    assertThat(twoWindows).as("feeds with two separate changes").isPositive();
    assertThat(
            SyntheticFeeds.describe(
                32, 5, SyntheticFeeds.Density.SPARSE, SyntheticFeeds.Noise.LIGHT))
        .isEqualTo("synthetic-sparse:32:seed-5");
  }

  /**
   * Heavy noise keeps a feed's structure (its name, changes and windows); only the noise differs.
   */
  @Test
  void heavyNoiseKeepsTheFeedsStructure() {
    List<LabelledSeries> light = dense(SyntheticFeeds.Noise.LIGHT);
    List<LabelledSeries> heavy = dense(SyntheticFeeds.Noise.HEAVY);

    assertSameStructure(light, heavy);
    for (int i = 0; i < light.size(); i++) {
      assertThat(heavy.get(i).values()).isNotEqualTo(light.get(i).values());
    }
    assertThat(
            SyntheticFeeds.describe(
                16, 9, SyntheticFeeds.Density.SPARSE, SyntheticFeeds.Noise.HEAVY))
        .isEqualTo("synthetic-sparse-heavy:16:seed-9");
  }

  /** 16 dense feeds of seed 9 with the given noise. */
  private static List<LabelledSeries> dense(SyntheticFeeds.Noise noise) {
    return SyntheticFeeds.generate(16, 9, SyntheticFeeds.Density.DENSE, noise);
  }

  /** The feeds have the same names, changes and windows, one by one. */
  private static void assertSameStructure(List<LabelledSeries> a, List<LabelledSeries> b) {
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).name()).isEqualTo(a.get(i).name());
      assertThat(b.get(i).truth()).isEqualTo(a.get(i).truth());
    }
  }

  /**
   * The heavy noise has heavy tails: over the values before any change, the steps' excess kurtosis
   * (a normal's is 0, the light noise's uniform innovations give less) is large on most feeds.
   */
  @Test
  void heavyNoiseHasHeavyTails() {
    double light = medianStepKurtosis(SyntheticFeeds.Noise.LIGHT);
    double heavy = medianStepKurtosis(SyntheticFeeds.Noise.HEAVY);

    assertThat(light).as("light, median excess kurtosis of the steps").isLessThan(1);
    assertThat(heavy).as("heavy, median excess kurtosis of the steps").isGreaterThan(3);
  }

  /**
   * The spiky feed is the heavy feed of the same seed plus spikes at about 1% of the values (each
   * drawn on its own, so two may touch by chance); no window marks them.
   */
  @Test
  void spikyNoiseIsTheHeavyFeedPlusSpikes() {
    List<LabelledSeries> heavy = dense(SyntheticFeeds.Noise.HEAVY);
    List<LabelledSeries> spiky = dense(SyntheticFeeds.Noise.SPIKY);

    assertSameStructure(heavy, spiky);
    int values = 0;
    int spikes = 0;
    for (int i = 0; i < heavy.size(); i++) {
      double[] h = heavy.get(i).values();
      double[] s = spiky.get(i).values();
      for (int t = 0; t < h.length; t++) {
        if (s[t] != h[t]) {
          spikes++;
        }
      }
      values += h.length;
    }
    // binomial(values, 0.01) within 4.5 standard deviations (a few fall on flat lines, skipped)
    double expected = values * SyntheticFeeds.SPIKE_RATE;
    double sd = Math.sqrt(expected * (1 - SyntheticFeeds.SPIKE_RATE));
    assertThat((double) spikes).isBetween(expected - 4.5 * sd, expected + 4.5 * sd);
    assertThat(
            SyntheticFeeds.describe(
                16, 9, SyntheticFeeds.Density.DENSE, SyntheticFeeds.Noise.SPIKY))
        .isEqualTo("synthetic-spiky:16:seed-9");
  }

  /**
   * What the spiky noise is for: values far from the median of the 64 before them (more than 6
   * robust sigma, 1.4826 times the median absolute deviation) are several times as common as in the
   * heavy noise, before any change.
   */
  @Test
  void spikyNoiseHasFarMoreExcursionsThanHeavy() {
    double heavy = excursionsPerThousand(SyntheticFeeds.Noise.HEAVY);
    double spiky = excursionsPerThousand(SyntheticFeeds.Noise.SPIKY);

    assertThat(spiky).as("spiky, per 1,000 values").isGreaterThan(2.5 * heavy).isGreaterThan(8);
  }

  private static double excursionsPerThousand(SyntheticFeeds.Noise noise) {
    int judged = 0;
    int far = 0;
    for (LabelledSeries feed :
        SyntheticFeeds.generate(48, 13, SyntheticFeeds.Density.DENSE, noise)) {
      double[] v = feed.values();
      int before = (int) (0.3 * v.length); // every change comes after 30% of the feed
      for (int t = 64; t < before; t++) {
        double[] history = Arrays.copyOfRange(v, t - 64, t);
        double median = median(history);
        double[] deviations = Arrays.stream(history).map(x -> Math.abs(x - median)).toArray();
        double robustSigma = 1.4826 * median(deviations);
        judged++;
        if (Math.abs(v[t] - median) > 6 * robustSigma) {
          far++;
        }
      }
    }
    return 1000.0 * far / judged;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  private static double medianStepKurtosis(SyntheticFeeds.Noise noise) {
    List<LabelledSeries> feeds =
        SyntheticFeeds.generate(48, 13, SyntheticFeeds.Density.DENSE, noise);
    double[] kurtosis = new double[feeds.size()];
    for (int f = 0; f < feeds.size(); f++) {
      double[] v = feeds.get(f).values();
      int before = (int) (0.3 * v.length); // every change comes after 30% of the feed
      double[] steps = new double[before - 1];
      for (int i = 1; i < before; i++) {
        steps[i - 1] = v[i] - v[i - 1];
      }
      double mean = Arrays.stream(steps).average().orElseThrow();
      double m2 =
          java.util.Arrays.stream(steps).map(x -> Math.pow(x - mean, 2)).average().orElseThrow();
      double m4 =
          java.util.Arrays.stream(steps).map(x -> Math.pow(x - mean, 4)).average().orElseThrow();
      kurtosis[f] = m4 / (m2 * m2) - 3;
    }
    Arrays.sort(kurtosis);
    return kurtosis[kurtosis.length / 2];
  }

  @Test
  void aLevelShiftStartsWhereItsWindowDoes() {
    // one change of each kind per feed; find a level feed with a single window and check that
    // the values move at its first position, not before
    for (LabelledSeries feed : SyntheticFeeds.generate(64, 11)) {
      Truth.AnomalyWindows truth = (Truth.AnomalyWindows) feed.truth();
      if (!feed.name().startsWith("level-") || truth.windows().size() != 1) {
        continue;
      }
      int at = truth.windows().get(0).first();
      double[] v = feed.values();
      double jump = Math.abs(mean(v, at, at + 20) - mean(v, at - 20, at));
      double before = Math.abs(mean(v, at - 20, at) - mean(v, at - 40, at - 20));
      assertThat(jump).as(feed.name()).isGreaterThan(before);
    }
  }

  private static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }
}
