package io.isowatch.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxTest {
  @Test
  void knownLogitsGiveTheirDistribution() {
    float[] logits = {0, (float) Math.log(2), (float) Math.log(3)};
    assertThat(Softmax.of(logits))
        .containsExactly(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, within(1e-7));
  }

  /** The one-exponential form against exp(z - log Z), the definition, on 4,093 random logits. */
  @Test
  void agreesWithExpOfLogitMinusLogPartitionAndSumsToOne() {
    SplittableRandom random = new SplittableRandom(3);
    float[] logits = new float[4093];
    for (int k = 0; k < logits.length; k++) {
      logits[k] = (float) (random.nextGaussian() * 4 + 200);
    }
    double logZ = LogSumExp.of(logits);
    double[] p = Softmax.of(logits);
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      double expected = Math.exp(logits[k] - logZ);
      assertThat(p[k]).as("p(%d)", k).isCloseTo(expected, within(1e-12 + 1e-12 * expected));
      sum += p[k];
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
  }

  /** The distribution's log-partition is LogSumExp's to the bit, its softmax Softmax.of's. */
  @Test
  void theDistributionCarriesTheLogPartitionOfLogSumExp() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 20; trial++) {
      float[] logits = new float[1 + random.nextInt(5000)];
      for (int k = 0; k < logits.length; k++) {
        logits[k] = (float) (random.nextGaussian() * 6 - 30 + trial);
      }
      Softmax.Distribution distribution = Softmax.distribution(logits);
      assertThat(distribution.logPartition()).isEqualTo(LogSumExp.of(logits));
      assertThat(distribution.probabilities()).containsExactly(Softmax.of(logits));
    }
  }

  @Test
  void hugeLogitsDoNotOverflow() {
    assertThat(Softmax.of(new float[] {1e30f, 1e30f})).containsExactly(0.5, 0.5);
  }
}
