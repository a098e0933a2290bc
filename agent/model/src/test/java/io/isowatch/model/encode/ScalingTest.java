package io.isowatch.model.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScalingTest {

  @Test
  void minMaxMapsTheWindowOntoTheUnitInterval() {
    assertThat(Scaling.minMax().toUnit(new double[] {10, 20, 15, 30}))
        .containsExactly(0, 0.5, 0.25, 1);
    assertThat(Scaling.minMax().toUnit(new double[] {-4, -2, 0})).containsExactly(0, 0.5, 1);
  }

  @Test
  void aConstantWindowSitsInTheMiddleInsteadOfDividingByZero() {
    assertThat(Scaling.minMax().toUnit(new double[] {7, 7, 7})).containsExactly(0.5, 0.5, 0.5);
    assertThat(Scaling.minMax().toUnit(new double[] {-1e300})).containsExactly(0.5);
  }

  @Test
  void theWidestFiniteRangeDoesNotOverflow() {
    double max = Double.MAX_VALUE;

    // max - (-max) is infinite in doubles; the scaled values are still exact
    assertThat(Scaling.minMax().toUnit(new double[] {-max, 0, max})).containsExactly(0, 0.5, 1);
  }

  @Test
  void fixedScalingIsOneAffineMapAndClampsOutsideIt() {
    assertThat(Scaling.fixed(0, 100).toUnit(new double[] {-5, 0, 25, 100, 250}))
        .containsExactly(0, 0, 0.25, 1, 1);
    assertThat(Scaling.fixed(-2, 2).toUnit(new double[] {1})).containsExactly(0.75);
  }

  @Test
  void fixedScalingNamesTheBadBound() {
    assertThatThrownBy(() -> Scaling.fixed(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("low must be finite, got NaN");
    assertThatThrownBy(() -> Scaling.fixed(0, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("high must be finite, got Infinity");
    assertThatThrownBy(() -> Scaling.fixed(3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "high must be greater than low (with a finite difference), got low 3.0, high 3.0");
  }

  @Test
  void describesItself() {
    assertThat(Scaling.minMax().describe()).isEqualTo("min-max");
    assertThat(Scaling.fixed(0, 100).describe()).isEqualTo("fixed[0.0, 100.0]");
  }
}
