package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class CloudEigenTest {

  @Test
  void theOuterGramIsBitForBitEjmlsMultOuter() {
    Random random = new Random(3);
    for (int rows : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 33, 88}) {
      for (int cols : new int[] {1, 3, 128, 384}) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < x.data.length; k++) {
          x.data[k] = random.nextGaussian() * (1 + k % 7) + (k % 3 == 0 ? 5 : 0);
        }
        DMatrixRMaj expected = new DMatrixRMaj(rows, rows);
        CommonOps_DDRM.multOuter(x, expected);

        assertThat(CloudEigen.outer(x).data).as(rows + " x " + cols).containsExactly(expected.data);
      }
    }
  }
}
