package io.isowatch.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.math.LogSumExp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A prediction holds its logits as floats, so probabilities from logits such as log(1/4) are exact
 * to about 1e-7, the tolerance below.
 */
class PredictionTest {
  private static final float[] NONE = new float[0];
  private static final double FLOAT_DIGITS = 1e-7;

  /** Bins [0, 1), [1, 3), [3, 4] holding 1/4, 1/2, 1/4 of the mass. */
  private static Prediction quarterHalfQuarter(double scale) {
    double[] logits = {Math.log(0.25), Math.log(0.5), Math.log(0.25)};
    return new Prediction(logits, ValueBins.ofEdges(new double[] {0, 1, 3, 4}), scale, NONE);
  }

  /**
   * A prediction keeps its log Z once computed; whichever computes it first, the softmax or a
   * direct call, every later answer is the double a fresh log-sum-exp of the logits gives.
   */
  @Test
  void theLogPartitionIsTheSameDoubleWhicheverComputesItFirst() {
    Random random = new Random(5);
    float[] logits = new float[257];
    for (int k = 0; k < logits.length; k++) {
      logits[k] = (float) (3 * random.nextGaussian());
    }
    ValueBins bins = ValueBins.uniform(-4, 4, logits.length);
    double expected = LogSumExp.of(logits);
    Prediction softmaxFirst = new Prediction(logits, bins, 2.5, new float[0]);
    assertThat(softmaxFirst.distribution().logPartition()).isEqualTo(expected);
    assertThat(softmaxFirst.logPartition()).isEqualTo(expected);
    Prediction directFirst = new Prediction(logits, bins, 2.5, new float[0]);
    assertThat(directFirst.logPartition()).isEqualTo(expected);
    assertThat(directFirst.realized(1.0)).isEqualTo(softmaxFirst.realized(1.0));
    assertThat(directFirst.entropy()).isEqualTo(softmaxFirst.entropy());
  }

  /**
   * The levels of one call are found in one walk up the bins; each must be the double its own walk
   * gives, whatever the order of the levels, repeated levels and the ends included.
   */
  @Test
  void quantilesOfManyLevelsAreTheQuantilesOfEachLevel() {
    Random random = new Random(9);
    float[] logits = new float[300];
    for (int k = 0; k < logits.length; k++) {
      // some bins far below the others, so that several carry no mass a double can hold
      logits[k] = (float) (k % 37 == 0 ? -800 : 2 * random.nextGaussian());
    }
    Prediction prediction =
        new Prediction(logits, ValueBins.uniform(-3, 5, 300), 1.5, 0.7, new float[0]);
    double[] levels = {0.95, 0.05, 0.5, 0.5, 1, 0, 0.3};
    double[] together = prediction.quantiles(levels);
    for (int i = 0; i < levels.length; i++) {
      assertThat(together[i]).as("level %s", levels[i]).isEqualTo(prediction.quantile(levels[i]));
    }
  }

  @Test
  void quantilesOfAPiecewiseUniformDistributionInterpolateWithinTheirBin() {
    Prediction prediction = quarterHalfQuarter(1);

    // CDF: 0 at 0, 1/4 at 1, 3/4 at 3, 1 at 4, linear in between
    assertThat(prediction.quantile(0.1)).isCloseTo(0.4, within(FLOAT_DIGITS));
    assertThat(prediction.quantile(0.25)).isCloseTo(1, within(FLOAT_DIGITS));
    assertThat(prediction.median()).isCloseTo(2, within(FLOAT_DIGITS));
    assertThat(prediction.quantile(0.9)).isCloseTo(3.6, within(FLOAT_DIGITS));
    assertThat(prediction.quantile(0)).isEqualTo(0);
    assertThat(prediction.quantile(1)).isCloseTo(4, within(FLOAT_DIGITS));
  }

  @Test
  void theCdfIsTheInverseOfTheQuantileAndSaturatesOutsideTheBins() {
    Prediction prediction = quarterHalfQuarter(10);

    // in feed units the edges are 0, 10, 30, 40; CDF 0, 1/4, 3/4, 1, linear in between
    assertThat(prediction.cdf(5)).isCloseTo(0.125, within(FLOAT_DIGITS));
    assertThat(prediction.cdf(20)).isCloseTo(0.5, within(FLOAT_DIGITS));
    assertThat(prediction.cdf(36)).isCloseTo(0.9, within(FLOAT_DIGITS));
    for (double q : new double[] {0.05, 0.3, 0.5, 0.77, 0.99}) {
      assertThat(prediction.cdf(prediction.quantile(q))).isCloseTo(q, within(FLOAT_DIGITS));
    }
    assertThat(prediction.cdf(-1)).isZero();
    assertThat(prediction.cdf(41)).isEqualTo(1);
  }

  @Test
  void surprisalIsMinusTheLogDensityPerScaledUnit() {
    Prediction prediction = quarterHalfQuarter(10);

    // densities per scaled unit: 1/4 on [0, 1), 1/4 on [1, 3), 1/4 on [3, 4]
    assertThat(prediction.surprisal(5)).isCloseTo(Math.log(4), within(FLOAT_DIGITS));
    assertThat(prediction.surprisal(20)).isCloseTo(Math.log(4), within(FLOAT_DIGITS));
    Prediction narrow =
        new Prediction(
            new double[] {Math.log(0.1), Math.log(0.8), Math.log(0.1)},
            ValueBins.ofEdges(new double[] {0, 1, 2, 3}),
            1,
            NONE);
    assertThat(narrow.surprisal(1.5)).isCloseTo(-Math.log(0.8), within(FLOAT_DIGITS));
    assertThat(narrow.surprisal(0.5)).isCloseTo(-Math.log(0.1), within(FLOAT_DIGITS));
    // outside the bins: the outer bin's density
    assertThat(narrow.surprisal(-7)).isCloseTo(-Math.log(0.1), within(FLOAT_DIGITS));
    assertThat(narrow.surprisal(1e9)).isCloseTo(-Math.log(0.1), within(FLOAT_DIGITS));
  }

  @Test
  void aValueWhereTheModelPutNoMassHasALargeButFiniteSurprisal() {
    Prediction prediction =
        new Prediction(
            new double[] {0, -1000, 0}, ValueBins.ofEdges(new double[] {0, 1, 2, 3}), 1, NONE);

    assertThat(prediction.surprisal(1.5)).isCloseTo(-Math.log(1e-12), within(1e-9));
  }

  @Test
  void theScaleTurnsScaledUnitsIntoTheFeedsUnits() {
    Prediction prediction = quarterHalfQuarter(10);

    // a quantile in feed units: the rounding of a probability, times the bins' span and the scale
    assertThat(prediction.median()).isCloseTo(20, within(10 * 4 * FLOAT_DIGITS));
    assertThat(prediction.quantile(0.9)).isCloseTo(36, within(10 * 4 * FLOAT_DIGITS));
    // centers 0.5, 2, 3.5 weighted 1/4, 1/2, 1/4 = 2, times 10
    assertThat(prediction.mean()).isCloseTo(20, within(10 * 4 * FLOAT_DIGITS));
  }

  @Test
  void anOffsetShiftsEveryValueBackToTheFeedsLevel() {
    double[] logits = {Math.log(0.25), Math.log(0.5), Math.log(0.25)};
    Prediction prediction =
        new Prediction(logits, ValueBins.ofEdges(new double[] {0, 1, 3, 4}), 100, 10, NONE);

    assertThat(prediction.median()).isCloseTo(120, within(10 * 4 * FLOAT_DIGITS));
    assertThat(prediction.quantile(0.1)).isCloseTo(104, within(10 * 4 * FLOAT_DIGITS));
    assertThat(prediction.mean()).isCloseTo(120, within(10 * 4 * FLOAT_DIGITS));
    assertThat(prediction.toScaled(120)).isEqualTo(2);
    assertThat(quarterHalfQuarter(10).offset()).isZero();
    assertThatThrownBy(() -> new Prediction(logits, prediction.bins(), Double.NaN, 1, NONE))
        .hasMessage("offset must be finite, got NaN");
  }

  @Test
  void aBinWithoutMassIsSkipped() {
    double[] logits = {0, -1000, 0}; // exp(-1000) underflows to 0
    Prediction prediction =
        new Prediction(logits, ValueBins.ofEdges(new double[] {0, 1, 2, 3}), 1, NONE);

    assertThat(prediction.probabilities()).containsExactly(0.5, 0, 0.5);
    assertThat(prediction.quantile(0.5)).isEqualTo(1);
    assertThat(prediction.quantile(0.75)).isCloseTo(2.5, within(FLOAT_DIGITS));
  }

  @Test
  void theEntropyOfAUniformDistributionIsLogK() {
    double[] logits = {7.3, 7.3, 7.3, 7.3, 7.3};
    Prediction uniform = new Prediction(logits, ValueBins.uniform(0, 1, 5), 1, NONE);

    assertThat(uniform.entropy()).isCloseTo(Math.log(5), within(FLOAT_DIGITS));
    Prediction certain =
        new Prediction(new double[] {0, -800, -800}, ValueBins.uniform(0, 1, 3), 1, NONE);
    assertThat(certain.entropy()).isCloseTo(0, within(FLOAT_DIGITS));
  }

  @Test
  void logZAndProbabilitiesOfKnownLogits() {
    double[] logits = {0, Math.log(2), Math.log(3)};
    Prediction prediction = new Prediction(logits, ValueBins.uniform(0, 3, 3), 1, NONE);

    assertThat(prediction.logPartition()).isCloseTo(Math.log(6), within(FLOAT_DIGITS));
    assertThat(prediction.probabilities())
        .containsExactly(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, within(FLOAT_DIGITS));
    Prediction huge =
        new Prediction(new double[] {1000, 1000}, ValueBins.uniform(0, 1, 2), 1, NONE);
    assertThat(huge.logPartition()).isCloseTo(1000 + Math.log(2), within(1e-9));
    assertThat(huge.probabilities()).containsExactly(new double[] {0.5, 0.5}, within(FLOAT_DIGITS));
  }

  @Test
  void severalQuantilesAtOnceAreThoseOfSeparateCalls() {
    double[] logits = new double[64];
    for (int k = 0; k < logits.length; k++) {
      logits[k] = Math.sin(k * 0.7) * 3 - k * 0.05;
    }
    Prediction prediction =
        new Prediction(logits, ValueBins.uniform(-2, 5, logits.length), 0.5, 1.7, NONE);
    double[] levels = {0.95, 0.05, 0.5, 0, 1, 0.5};

    double[] together = prediction.quantiles(levels);

    assertThat(together).hasSize(levels.length);
    for (int i = 0; i < levels.length; i++) {
      assertThat(together[i]).isEqualTo(prediction.quantile(levels[i]));
    }
    assertThat(together[2]).isEqualTo(prediction.median());
    assertThat(prediction.quantilesFrom(prediction.probabilities(), levels))
        .containsExactly(together);
    assertThatThrownBy(() -> prediction.quantiles(0.5, -0.1))
        .hasMessage("q must be in [0, 1], got -0.1");
    assertThatThrownBy(() -> prediction.quantilesFrom(new double[3], 0.5))
        .hasMessage("3 probabilities for 64 bins");
  }

  @Test
  void validationNamesWhatIsWrong() {
    ValueBins bins = ValueBins.uniform(0, 1, 2);

    assertThatThrownBy(() -> new Prediction(new double[] {0}, bins, 1, NONE))
        .hasMessage("1 logits for 2 bins");
    assertThatThrownBy(() -> new Prediction(new double[] {0, Double.NaN}, bins, 1, NONE))
        .hasMessage("logits must be finite, got NaN");
    assertThatThrownBy(() -> new Prediction(new double[] {0, 0}, bins, 0, NONE))
        .hasMessage("scale must be positive and finite, got 0.0");
    Prediction prediction = new Prediction(new double[] {0, 0}, bins, 1, NONE);
    assertThatThrownBy(() -> prediction.quantile(1.5)).hasMessage("q must be in [0, 1], got 1.5");
  }
}
