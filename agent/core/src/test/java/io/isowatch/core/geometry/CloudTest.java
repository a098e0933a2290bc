package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CloudTest {

  @Test
  void copiesItsInputSoCallersCannotChangeIt() {
    double[][] rows = {{1, 2}, {3, 4}};
    Cloud cloud = Cloud.of(rows);
    rows[0][0] = 99;
    cloud.row(1)[0] = 99;

    assertThat(cloud.get(0, 0)).isEqualTo(1);
    assertThat(cloud.row(1)).containsExactly(3, 4);
    assertThat(cloud.mean()).containsExactly(2, 3);
  }

  @Test
  void rejectsBadShapesAndValuesNamingTheirPlace() {
    assertThatThrownBy(() -> Cloud.of(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1 has 1 values, expected 2");
    assertThatThrownBy(() -> Cloud.of(new double[][] {{1, 2}, {3, Double.NaN}}))
        .hasMessage("row 1, column 1 is not finite: NaN");
    assertThatThrownBy(() -> Cloud.ofRowMajor(2, 2, new double[] {1, 2, 3}))
        .hasMessage("expected size*dim = 4 values, got 3");
    assertThatThrownBy(() -> Cloud.of(new double[0][]))
        .hasMessage("a cloud needs at least one vector, got none");
  }
}
