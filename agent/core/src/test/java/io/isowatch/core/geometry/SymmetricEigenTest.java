package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  /** The order the eigenvalues were once sorted in: a stable stream sort, largest first. */
  private static int[] streamSorted(double[] values) {
    return IntStream.range(0, values.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> values[i]).reversed())
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @Test
  void descendingIsTheStableStreamSortIncludingTiesAndSignedZeros() {
    Random random = new Random(7);
    for (int length : new int[] {0, 1, 2, 5, 32, 100}) {
      for (int trial = 0; trial < 20; trial++) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
          // few distinct values, so ties are common; round-off negatives and both zeros too
          values[i] =
              switch (random.nextInt(5)) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> -1e-15 * random.nextInt(3);
                default -> random.nextInt(6) * 0.5;
              };
        }
        assertThat(SymmetricEigen.descending(values)).containsExactly(streamSorted(values));
      }
    }
  }
}
