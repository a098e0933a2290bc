package io.isowatch.core.realized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.math.CounterUniform;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SurpriseMartingaleTest {

  /**
   * The Simple Jumper recomputed here from its definition, on p-values ranked here: the class must
   * give the same log10 wealth and growth at every step.
   */
  @Test
  void itsWealthIsTheSimpleJumperOnTheConformalPValues() {
    SplittableRandom random = new SplittableRandom(3);
    SurpriseMartingale martingale = new SurpriseMartingale();
    List<Double> past = new ArrayList<>();
    double[] capital = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    double lowest = 0;
    for (int t = 0; t < 600; t++) {
      // a change half way: surprisals twice as large and rounded, so that ties occur too
      double surprisal = Math.round((t < 300 ? 1 : 2) * 4 * random.nextDouble()) / 4.0;
      int from = Math.max(0, past.size() - SurpriseMartingale.HISTORY);
      List<Double> held = past.subList(from, past.size());
      long larger = held.stream().filter(s -> s > surprisal).count();
      long equal = held.stream().filter(s -> s == surprisal).count();
      double u = CounterUniform.of(-1L - t);
      double p = (larger + u * (equal + 1)) / (held.size() + 1.0);
      double before = capital[0] + capital[1] + capital[2];
      double after = 0;
      for (int e = -1; e <= 1; e++) {
        double kept = (1 - SurpriseMartingale.JUMP) * capital[e + 1];
        capital[e + 1] = (kept + SurpriseMartingale.JUMP * before / 3) * (1 + e * (p - 0.5));
        after += capital[e + 1];
      }
      past.add(surprisal);
      martingale.observe(surprisal);
      double log10Wealth = Math.log10(after);
      lowest = Math.min(lowest, log10Wealth);
      assertThat(martingale.log10Wealth).as("step %d", t).isCloseTo(log10Wealth, within(1e-9));
      assertThat(martingale.growth()).isCloseTo(log10Wealth - lowest, within(1e-9));
    }
    assertThat(martingale.observed()).isEqualTo(600);
  }

  /**
   * On exchangeable surprisals the time to a first growth of log10 c is c or more on average (the
   * growth is below the Shiryaev-Roberts statistic, whose mean rises by 1 a value). Runs are cut at
   * 3,000 values, which can only lower the mean measured here.
   */
  @Test
  void onExchangeableSurprisalsAGrowthOfCTakesAtLeastCValuesOnAverage() {
    double c = 20;
    int runs = 200;
    int cut = 3000;
    SplittableRandom random = new SplittableRandom(11);
    long total = 0;
    for (int run = 0; run < runs; run++) {
      SurpriseMartingale martingale = new SurpriseMartingale();
      // start each run at another draw, so that runs do not share their tie-breaking numbers
      martingale.draws = 1_000_000L * run;
      int t = 0;
      while (t < cut && martingale.growth() < Math.log10(c)) {
        martingale.observe(random.nextGaussian());
        t++;
      }
      total += t;
    }
    assertThat(total / (double) runs).isGreaterThanOrEqualTo(c);
  }

  /** Surprisals that jump by three of their spreads give 100-fold evidence within 40 values. */
  @Test
  void aJumpInTheSurprisalsGrowsItPastTwoWithinFortyValues() {
    SplittableRandom random = new SplittableRandom(5);
    int caught = 0;
    int runs = 100;
    for (int run = 0; run < runs; run++) {
      SurpriseMartingale martingale = new SurpriseMartingale();
      martingale.draws = 1_000_000L * run;
      for (int t = 0; t < 400; t++) {
        martingale.observe(random.nextGaussian());
      }
      double before = martingale.growth();
      for (int t = 0; t < 40 && martingale.growth() < 2; t++) {
        martingale.observe(3 + random.nextGaussian());
      }
      if (before < 2 && martingale.growth() >= 2) {
        caught++;
      }
    }
    assertThat(caught).isGreaterThanOrEqualTo(90);
  }

  @Test
  void aSurprisalThatIsNotFiniteIsLeftOut() {
    SurpriseMartingale martingale = new SurpriseMartingale();
    martingale.observe(1.0);
    martingale.observe(Double.NaN);
    martingale.observe(Double.POSITIVE_INFINITY);
    assertThat(martingale.observed()).isEqualTo(1);
    assertThat(martingale.history.count()).isEqualTo(1);
  }

  /** Written and read back mid-stream (ring full, after a change), it continues to the bit. */
  @Test
  void aRestoredMartingaleContinuesExactly() {
    SplittableRandom random = new SplittableRandom(8);
    SurpriseMartingale original = new SurpriseMartingale();
    for (int t = 0; t < 700; t++) {
      original.observe((t < 500 ? 1 : 3) * random.nextDouble());
    }
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    SurpriseMartingaleCodec.write(out, original);
    SurpriseMartingale restored = new SurpriseMartingale();
    SurpriseMartingaleCodec.read(SnapshotReader.open(out.toByteArray(), "test", 1), restored);
    assertThat(restored.toString()).isEqualTo(original.toString());
    for (int t = 0; t < 300; t++) {
      double surprisal = 2 * random.nextDouble();
      original.observe(surprisal);
      restored.observe(surprisal);
      assertThat(restored.growth()).isEqualTo(original.growth());
    }
  }

  @Test
  void aRingThatDoesNotFitItsDrawsIsRefused() {
    SurpriseMartingale written = new SurpriseMartingale();
    for (int t = 0; t < 10; t++) {
      written.observe(t);
    }
    written.draws = 5;
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    SurpriseMartingaleCodec.write(out, written);
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "test", 1);
    assertThatThrownBy(() -> SurpriseMartingaleCodec.read(in, new SurpriseMartingale()))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("holds 10 surprisals after 5 draws");
  }
}
