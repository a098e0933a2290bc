package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpectrumTest {

  @Test
  void isoScoreOfAFlatSpectrumIsOne() {
    double[] flat = new double[384];
    Arrays.fill(flat, 2.5);

    assertThat(Spectrum.of(flat).isoScore()).isCloseTo(1, within(1e-12));
  }

  @Test
  void isoScoreOfRankOneIsZero() {
    double[] rankOne = new double[50];
    rankOne[0] = 7;

    assertThat(Spectrum.of(rankOne).isoScore()).isCloseTo(0, within(1e-12));
  }

  /**
   * With m equal eigenvalues out of n: |L - 1|^2 = 2n - 2 sqrt(nm), so delta^2 = (n - sqrt(nm)) /
   * (n - sqrt(n)), k = m and IsoScore = (m - 1) / (n - 1): the share of dimensions in use.
   */
  @ParameterizedTest(name = "m = {0} of 20")
  @ValueSource(ints = {1, 2, 5, 10, 19, 20})
  void isoScoreCountsEquallyUsedDimensions(int m) {
    double[] spectrum = new double[20];
    Arrays.fill(spectrum, 0, m, 3.0);

    assertThat(Spectrum.of(spectrum).isoScore()).isCloseTo((m - 1) / 19.0, within(1e-12));
  }

  /**
   * Expanding IsoScore's definition: |L - 1|^2 = 2n - 2 sqrt(n) S / sqrt(Q) with S = sum lambda and
   * Q = sum lambda^2, so n - delta^2 (n - sqrt(n)) = sqrt(n) S / sqrt(Q) and k = S^2 / Q, the
   * participation ratio: IsoScore is (PR - 1) / (n - 1), the same information on another scale.
   * (This is why the evaluation's window_isoscore and window_participation_ratio rows agree.)
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void isoScoreIsTheParticipationRatioRescaled(long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    int n = 2 + random.nextInt(60);
    double[] spectrum = new double[n];
    for (int i = 0; i < n; i++) {
      spectrum[i] = random.nextDouble() < 0.3 ? 0 : Math.exp(3 * random.nextGaussian());
    }
    spectrum[0] += 1e-3;
    Spectrum of = Spectrum.of(spectrum);
    assertThat(of.isoScore()).isCloseTo((of.participationRatio() - 1) / (n - 1), within(1e-9));
  }

  @Test
  void isoScoreOfClouds() {
    // The cross with equal arms has covariance proportional to I; points on a line have rank one.
    assertThat(Spectrum.ofCovariance(Cloud.of(Clouds.cross(2, 2, 2, 2, 2))).isoScore())
        .isCloseTo(1, within(1e-12));
    double[][] line = new double[30][];
    for (int i = 0; i < line.length; i++) {
      line[i] = new double[] {i * 0.3, -i * 0.6, i * 0.9, 1e-3 * i};
    }
    assertThat(Spectrum.ofCovariance(Cloud.of(line)).isoScore()).isCloseTo(0, within(1e-9));
  }

  @Test
  void sanityValuesOfSampledClouds() {
    // SCIENCE.md: 2000 x 32 standard Gaussian ~ 0.98; axis-scaled and shifted ~ 0.18.
    assertThat(Spectrum.ofCovariance(Cloud.of(Clouds.gaussian(2000, 32, 5))).isoScore())
        .isCloseTo(0.98, within(0.01));
    assertThat(Spectrum.ofCovariance(Cloud.of(Clouds.scaledAndShifted(2000, 32, 5))).isoScore())
        .isCloseTo(0.18, within(0.03));
  }

  @Test
  void covarianceIsTheUnbiasedSampleCovariance() {
    double[][] rows = Clouds.scaledAndShifted(40, 6, 3);
    double[][] reference = Clouds.covariance(rows);
    double trace = 0;
    double frobenius = 0;
    for (int r = 0; r < 6; r++) {
      trace += reference[r][r];
      for (int c = 0; c < 6; c++) {
        frobenius += reference[r][c] * reference[r][c];
      }
    }
    double[] eigenvalues = Spectrum.ofCovariance(Cloud.of(rows)).eigenvalues();

    // trace = sum lambda and |C|_F^2 = sum lambda^2 for a symmetric matrix.
    assertThat(Arrays.stream(eigenvalues).sum()).isCloseTo(trace, within(1e-9 * trace));
    assertThat(Arrays.stream(eigenvalues).map(v -> v * v).sum())
        .isCloseTo(frobenius, within(1e-9 * frobenius));
  }

  @Test
  void crossSpectrumIsKnown() {
    double[] a = {0.5, 3, 1, 2};
    double[] eigenvalues = Spectrum.ofCovariance(Cloud.of(Clouds.cross(a))).eigenvalues();

    // mean 0, each axis holds two points at +-a_k among 2d = 8: variance 2 a_k^2 / 7.
    assertThat(eigenvalues)
        .containsExactly(
            new double[] {2 * 9 / 7.0, 2 * 4 / 7.0, 2 * 1 / 7.0, 2 * 0.25 / 7.0}, within(1e-12));
  }

  @Test
  void participationRatioAndEffectiveDimensionOfAKnownSpectrum() {
    Spectrum spectrum = Spectrum.of(1, 4, 2, 3); // total 10

    assertThat(spectrum.participationRatio()).isCloseTo(100.0 / 30, within(1e-12));
    assertThat(spectrum.effectiveDimension(0.8)).isEqualTo(3); // 4 + 3 = 7 < 8 <= 9
    assertThat(spectrum.effectiveDimension(0.7)).isEqualTo(2); // exactly 70% counts
    assertThat(spectrum.effectiveDimension(1.0)).isEqualTo(4);
  }

  @Test
  void exactEightyPercentIsNotMissedByRoundOff() {
    double[] tenths = new double[10];
    Arrays.fill(tenths, 0.1);

    assertThat(Spectrum.of(tenths).effectiveDimension(0.8)).isEqualTo(8);
  }

  @Test
  void degenerateSpectraAreUndefinedNotWrong() {
    assertThat(Spectrum.of(0, 0, 0).isoScore()).isNaN();
    assertThat(Spectrum.of(0, 0, 0).participationRatio()).isNaN();
    assertThat(Spectrum.of(0, 0, 0).effectiveDimension(0.8)).isZero();
    assertThat(Spectrum.of(4).isoScore()).isNaN();
  }

  @Test
  void roundOffNegativesAreClampedRealNegativesRejected() {
    assertThat(Spectrum.of(1, -1e-14).eigenvalues()).containsExactly(1, 0);
    assertThatThrownBy(() -> Spectrum.of(1, -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eigenvalue -0.5 is negative: a covariance spectrum is never negative");
    assertThatThrownBy(() -> Spectrum.ofCovariance(Cloud.of(new double[][] {{1, 2}})))
        .hasMessage("a covariance needs at least 2 vectors, the cloud has 1");
  }
}
