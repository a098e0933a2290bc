package io.isowatch.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecentMedianTest {

  /** The definition, by sorting: the last `capacity` values, their median and MAD. */
  private static double[] reference(double[] history, int end, int capacity, double value) {
    double[] recent = Arrays.copyOfRange(history, Math.max(0, end - capacity), end);
    double median = median(recent.clone());
    double[] deviations = new double[recent.length];
    for (int i = 0; i < recent.length; i++) {
      deviations[i] = Math.abs(recent[i] - median);
    }
    double spread =
        Math.max(
            RecentMedian.MAD_TO_SIGMA * median(deviations),
            Math.max(RecentMedian.RELATIVE_FLOOR * Math.abs(median), RecentMedian.ABSOLUTE_FLOOR));
    return new double[] {median, (value - median) / spread};
  }

  private static double median(double[] sample) {
    Arrays.sort(sample);
    int n = sample.length;
    return n % 2 == 1 ? sample[n / 2] : 0.5 * (sample[n / 2 - 1] + sample[n / 2]);
  }

  /**
   * Values with many ties, both zeros and wide ranges, through rings of odd and even capacity: the
   * median and z equal the sort-based definition's to the last bit after every value.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 48, 49})
  void theMedianAndZAreThoseOfSortingToTheLastBit(int capacity) {
    SplittableRandom random = new SplittableRandom(capacity);
    double[] history = new double[600];
    RecentMedian median = new RecentMedian(capacity);
    for (int t = 0; t < history.length; t++) {
      double value =
          switch (random.nextInt(5)) {
            case 0 -> random.nextInt(4) - 2.0;
            case 1 -> random.nextBoolean() ? 0.0 : -0.0;
            case 2 -> Math.exp(10 * random.nextGaussian());
            default -> random.nextGaussian();
          };
      history[t] = value;
      median.add(value);
      double probe = random.nextGaussian() * 3;
      double[] expected = reference(history, t + 1, capacity, probe);
      assertThat(Double.doubleToRawLongBits(median.median()))
          .as("median after %d values", t + 1)
          .isEqualTo(Double.doubleToRawLongBits(expected[0]));
      assertThat(Double.doubleToRawLongBits(median.z(probe)))
          .as("z after %d values", t + 1)
          .isEqualTo(Double.doubleToRawLongBits(expected[1]));
    }
  }
}
