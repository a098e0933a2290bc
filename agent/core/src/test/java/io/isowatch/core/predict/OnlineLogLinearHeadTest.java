package io.isowatch.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Window;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnlineLogLinearHeadTest {
  private static final int WIDTH = 16;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** A window spanning exactly [0, 1], so that scaled targets equal the raw values. */
  private static final Window UNIT_WINDOW =
      new Window("f", 0, T0, T0.plusSeconds(1), new double[] {0, 1});

  private static Embedding embedding(float[] pooled) {
    return new Embedding(pooled, new float[][] {pooled}, Optional.empty());
  }

  private static float[] direction(int axis) {
    float[] v = new float[WIDTH];
    v[axis] = 3f; // not unit length: the head normalizes
    v[(axis + 5) % WIDTH] = 1f;
    return v;
  }

  private static int draw(double[] p, SplittableRandom random) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (int k = 0; k < p.length; k++) {
      cumulative += p[k];
      if (u < cumulative) {
        return k;
      }
    }
    return p.length - 1;
  }

  @Test
  void learnsTheCategoricalDistributionOfItsTargets() {
    HeadSettings settings = new HeadSettings(8, HeadSettings.Binning.UNIFORM, 0, 1, 0, 0.3, 0);
    OnlineLogLinearHead head = OnlineLogLinearHead.create(settings, WIDTH);
    double[] truth = {0.02, 0.05, 0.10, 0.30, 0.25, 0.15, 0.08, 0.05};
    SplittableRandom random = new SplittableRandom(7);
    Embedding context = embedding(direction(2));
    for (int i = 0; i < 20_000; i++) {
      Prediction prediction = head.predict(UNIT_WINDOW, context).orElseThrow();
      int k = draw(truth, random);
      head.learn(prediction, head.bins().center(k));
    }

    double[] learned = head.predict(UNIT_WINDOW, context).orElseThrow().probabilities();
    // Constant-step Adagrad keeps some noise around the MLE: a few points per bin, and KL small.
    double kl = 0;
    for (int k = 0; k < truth.length; k++) {
      assertThat(learned[k]).as("p(bin %d)", k).isCloseTo(truth[k], within(0.03));
      kl += truth[k] * Math.log(truth[k] / learned[k]);
    }
    assertThat(kl).isLessThan(0.01);
  }

  @Test
  void learnsADifferentDistributionForEachContextWithQuantileBins() {
    HeadSettings settings = new HeadSettings(4, HeadSettings.Binning.QUANTILE, 0, 1, 200, 0.3, 0);
    OnlineLogLinearHead head = OnlineLogLinearHead.create(settings, WIDTH);
    // Context A puts its next value low, context B high; values uniform inside [0, 1) / [1, 2).
    Embedding a = embedding(direction(0));
    Embedding b = embedding(direction(8));
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 30_000; i++) {
      boolean isA = random.nextBoolean();
      Embedding context = isA ? a : b;
      Prediction prediction = head.predict(UNIT_WINDOW, context).orElseThrow();
      double value = (isA ? 0 : 1) + random.nextDouble();
      head.learn(prediction, value);
    }
    assertThat(head.ready()).isTrue();
    // Quantile bins of U(0, 2): edges near 0, 0.5, 1, 1.5, 2 (outer ones widened).
    assertThat(head.bins().count()).isEqualTo(4);
    assertThat(head.bins().edge(2)).isCloseTo(1.0, within(0.15));

    double medianA = head.predict(UNIT_WINDOW, a).orElseThrow().median();
    double medianB = head.predict(UNIT_WINDOW, b).orElseThrow().median();
    assertThat(medianA).isCloseTo(0.5, within(0.15));
    assertThat(medianB).isCloseTo(1.5, within(0.15));
    double[] pA = head.predict(UNIT_WINDOW, a).orElseThrow().probabilities();
    assertThat(pA[0] + pA[1]).isGreaterThan(0.85);
  }

  @Test
  void isNotReadyUntilWarmedUpAndThenCutsBinsFromTheWarmupTargets() {
    OnlineLogLinearHead head = quantileHeadWarmingUpOn8();
    Embedding context = embedding(direction(1));
    double[] targets = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    for (int i = 0; i < targets.length; i++) {
      assertThat(head.ready()).isFalse();
      head.learn(head.predict(UNIT_WINDOW, context).orElseThrow(), targets[i]);
    }
    assertThat(head.ready()).isTrue();
    assertThat(head.bins()).isEqualTo(ValueBins.quantiles(targets, 4));
  }

  /** Four quantile bins cut after a warm-up of 8 targets. */
  private static OnlineLogLinearHead quantileHeadWarmingUpOn8() {
    return OnlineLogLinearHead.create(
        new HeadSettings(4, HeadSettings.Binning.QUANTILE, -0.5, 1.5, 8, 0.3, 0), WIDTH);
  }

  /** A feed that starts flat has no quantiles to cut: the head warms up on, it does not fail. */
  @Test
  void aFlatStartKeepsTheHeadWarmingUpUntilItsLastTargetsDiffer() {
    OnlineLogLinearHead head = quantileHeadWarmingUpOn8();
    Embedding context = embedding(direction(1));
    for (int i = 0; i < 50; i++) {
      head.learn(head.predict(UNIT_WINDOW, context).orElseThrow(), 0.5);
      assertThat(head.ready()).as("after %d flat targets", i + 1).isFalse();
    }
    head.learn(head.predict(UNIT_WINDOW, context).orElseThrow(), 0.1);

    assertThat(head.ready()).as("ready at the first target that differs").isTrue();
    // cut from the last 8 targets: seven flat ones and the one that differs
    assertThat(head.bins())
        .isEqualTo(ValueBins.quantiles(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1}, 4));
  }

  @Test
  void restoredHeadContinuesExactlyLikeTheOriginal() {
    HeadSettings settings = new HeadSettings(6, HeadSettings.Binning.QUANTILE, 0, 1, 12, 0.3, 1e-4);
    OnlineLogLinearHead original = OnlineLogLinearHead.create(settings, WIDTH);
    SplittableRandom random = new SplittableRandom(3);
    Embedding context = embedding(direction(4));
    for (int i = 0; i < 40; i++) {
      original.learn(original.predict(UNIT_WINDOW, context).orElseThrow(), random.nextDouble());
    }
    OnlineLogLinearHead copy = OnlineLogLinearHead.restore(original.snapshot(), settings);
    for (int i = 0; i < 40; i++) {
      double value = random.nextDouble();
      original.learn(original.predict(UNIT_WINDOW, context).orElseThrow(), value);
      copy.learn(copy.predict(UNIT_WINDOW, context).orElseThrow(), value);
    }
    assertThat(copy.predict(UNIT_WINDOW, context).orElseThrow().logits())
        .containsExactly(original.predict(UNIT_WINDOW, context).orElseThrow().logits());
  }

  @Test
  void framesTargetsInTheWindowsMinMaxUnits() {
    OnlineLogLinearHead head = OnlineLogLinearHead.create(HeadSettings.defaults(), WIDTH);
    Window window = new Window("f", 0, T0, T0.plusSeconds(2), new double[] {10, 30, 20});
    Prediction prediction = head.predict(window, embedding(direction(0))).orElseThrow();
    assertThat(prediction.offset()).isEqualTo(10);
    assertThat(prediction.scale()).isEqualTo(20);
    assertThat(prediction.toScaled(40)).isEqualTo(1.5);
  }
}
