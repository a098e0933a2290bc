package io.isowatch.model.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberFormatTest {

  @Test
  void levelsRoundTheUnitIntervalOntoNineHundredNinetyNineSteps() {
    assertThat(NumberFormat.level(0)).isZero();
    assertThat(NumberFormat.level(1)).isEqualTo(999);
    assertThat(NumberFormat.level(0.5)).isEqualTo(500); // 499.5 rounds half up
    assertThat(NumberFormat.level(0.25)).isEqualTo(250); // 249.75
    assertThat(NumberFormat.level(0.001)).isEqualTo(1); // 0.999
    assertThat(NumberFormat.level(-3)).isZero();
    assertThat(NumberFormat.level(7)).isEqualTo(999);
  }

  @Test
  void eachFormatWritesTheSameLevelItsOwnWay() {
    assertThat(NumberFormat.INTEGER.write(512)).isEqualTo("512");
    assertThat(NumberFormat.INTEGER.write(17)).isEqualTo("17");
    assertThat(NumberFormat.INTEGER.write(0)).isEqualTo("0");
    assertThat(NumberFormat.DECIMAL.write(512)).isEqualTo("0.512");
    assertThat(NumberFormat.DECIMAL.write(17)).isEqualTo("0.017");
    assertThat(NumberFormat.DECIMAL.write(999)).isEqualTo("0.999");
    assertThat(NumberFormat.DECIMAL.write(0)).isEqualTo("0.000");
    assertThat(NumberFormat.DIGITS.write(512)).isEqualTo("5 1 2");
    assertThat(NumberFormat.DIGITS.write(17)).isEqualTo("0 1 7");
    assertThat(NumberFormat.DIGITS.write(0)).isEqualTo("0 0 0");
  }

  @Test
  void everyLevelReadsBackAsItself() {
    for (int level = 0; level <= NumberFormat.MAX_LEVEL; level++) {
      assertThat(Integer.parseInt(NumberFormat.INTEGER.write(level))).isEqualTo(level);
      assertThat(Math.round(Double.parseDouble(NumberFormat.DECIMAL.write(level)) * 1000))
          .isEqualTo(level);
      assertThat(Integer.parseInt(NumberFormat.DIGITS.write(level).replace(" ", "")))
          .isEqualTo(level);
    }
  }

  @Test
  void levelsOutsideTheRangeAndNaNAreRejected() {
    assertThatThrownBy(() -> NumberFormat.INTEGER.write(1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level must be in [0, 999], got 1000");
    assertThatThrownBy(() -> NumberFormat.level(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unit value must not be NaN");
  }
}
