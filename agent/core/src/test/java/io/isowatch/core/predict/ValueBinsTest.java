package io.isowatch.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValueBinsTest {

  @Test
  void uniformBinsSplitTheRangeEvenly() {
    ValueBins bins = ValueBins.uniform(0, 10, 5);

    assertThat(bins.count()).isEqualTo(5);
    assertThat(bins.edges()).containsExactly(0, 2, 4, 6, 8, 10);
    assertThat(bins.center(0)).isEqualTo(1);
    assertThat(bins.center(4)).isEqualTo(9);
    assertThat(bins.low()).isEqualTo(0);
    assertThat(bins.high()).isEqualTo(10);
    assertThat(bins).isEqualTo(ValueBins.ofEdges(new double[] {0, 2, 4, 6, 8, 10}));
    assertThat(bins).hasSameHashCodeAs(ValueBins.ofEdges(new double[] {0, 2, 4, 6, 8, 10}));
    assertThat(bins.toString()).isEqualTo("5 bins over [0.0, 10.0]");
  }

  @Test
  void anEdgeBelongsToTheBinAboveItAndOuterValuesToTheOuterBins() {
    ValueBins bins = ValueBins.uniform(0, 10, 5);

    assertThat(bins.binOf(0)).isZero();
    assertThat(bins.binOf(1.999)).isZero();
    assertThat(bins.binOf(2)).isEqualTo(1);
    assertThat(bins.binOf(8)).isEqualTo(4);
    assertThat(bins.binOf(10)).isEqualTo(4);
    assertThat(bins.binOf(-5)).isZero();
    assertThat(bins.binOf(50)).isEqualTo(4);
  }

  @Test
  void quantileBinsOfAKnownSampleSitAtItsQuartilesWidenedByHalfTheOuterBins() {
    double[] sample = IntStream.rangeClosed(0, 100).asDoubleStream().toArray();

    // quartiles 0, 25, 50, 75, 100; outer edges moved out by 25 / 2
    assertThat(ValueBins.quantiles(sample, 4).edges()).containsExactly(-12.5, 25, 50, 75, 112.5);
  }

  @Test
  void tiedQuantilesMergeAndNonFiniteValuesAreIgnored() {
    double[] sample = {1, 1, 1, Double.NaN, 1, 2, 3};

    // quantiles at positions 0, 1.25, 2.5, 3.75, 5 of {1, 1, 1, 1, 2, 3}: 1, 1, 1, 1.75, 3
    // -> edges 1, 1.75, 3, widened by 0.375 below and 0.625 above
    assertThat(ValueBins.quantiles(sample, 4).edges()).containsExactly(0.625, 1.75, 3.625);
  }

  @Test
  void validationNamesWhatIsWrong() {
    assertThatThrownBy(() -> ValueBins.uniform(0, 1, 1))
        .hasMessage("count must be at least 2, got 1");
    assertThatThrownBy(() -> ValueBins.uniform(1, 1, 2))
        .hasMessage("need finite low < high, got low 1.0, high 1.0");
    assertThatThrownBy(() -> ValueBins.ofEdges(new double[] {0, 1}))
        .hasMessage("need at least 3 edges (2 bins), got 2");
    assertThatThrownBy(() -> ValueBins.ofEdges(new double[] {0, 2, 2}))
        .hasMessage("edges must strictly increase, edge 2 is 2.0 after 2.0");
    assertThatThrownBy(() -> ValueBins.ofEdges(new double[] {0, 1, Double.POSITIVE_INFINITY}))
        .hasMessage("edge 2 is not finite: Infinity");
    assertThatThrownBy(() -> ValueBins.quantiles(new double[] {4, 4, 4}, 3))
        .hasMessage("need at least 2 distinct finite values for quantile bins");
  }
}
