package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AverageCosineTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void identityMatchesTheMeanOverAllPairs(long seed) {
    double[][] rows = Clouds.scaledAndShifted(60, 7, seed);

    assertThat(AverageCosine.raw(Cloud.of(rows)))
        .isCloseTo(Clouds.bruteForceAverageCosine(rows), within(1e-12));
    assertThat(AverageCosine.centered(Cloud.of(rows)))
        .isCloseTo(Clouds.bruteForceAverageCosine(Clouds.centered(rows)), within(1e-12));
  }

  @Test
  void orthogonalVectorsAverageZeroAndParallelOnesAverageOne() {
    assertThat(AverageCosine.raw(Cloud.of(new double[][] {{3, 0, 0}, {0, 2, 0}, {0, 0, 5}})))
        .isCloseTo(0, within(1e-15));
    assertThat(AverageCosine.raw(Cloud.of(new double[][] {{1, 2}, {2, 4}, {0.5, 1}})))
        .isCloseTo(1, within(1e-15));
    assertThat(AverageCosine.raw(Cloud.of(new double[][] {{1, 2}, {-2, -4}})))
        .isCloseTo(-1, within(1e-15));
  }

  @Test
  void zeroVectorsHaveNoDirectionAndAreLeftOut() {
    double[][] withZero = {{1, 0}, {0, 0}, {1, 1}};
    double[][] withoutZero = {{1, 0}, {1, 1}};

    assertThat(AverageCosine.raw(Cloud.of(withZero)))
        .isEqualTo(AverageCosine.raw(Cloud.of(withoutZero)))
        .isCloseTo(Math.sqrt(0.5), within(1e-15));
    assertThat(AverageCosine.raw(Cloud.of(new double[][] {{0, 0}, {2, 1}}))).isNaN();
  }

  @Test
  void centeringRemovesTheSharedOffsetOfTheSanityCloud() {
    Cloud cloud = Cloud.of(Clouds.scaledAndShifted(2000, 32, 11));

    // SCIENCE.md sanity values: raw ~ 0.68, centered ~ 0.
    assertThat(AverageCosine.raw(cloud)).isBetween(0.6, 0.75);
    assertThat(AverageCosine.centered(cloud)).isCloseTo(0, within(0.01));
  }
}
