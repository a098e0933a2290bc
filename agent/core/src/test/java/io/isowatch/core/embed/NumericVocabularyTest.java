package io.isowatch.core.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumericVocabularyTest {

  @Test
  void aRangeStandsForEvenlySpacedValuesFromLowToHigh() {
    NumericVocabulary.Range range = new NumericVocabulary.Range(3, 5, -1, 1);

    assertThat(range.tokenIds()).containsExactly(3, 4, 5, 6, 7);
    assertThat(range.values()).containsExactly(-1, -0.5, 0, 0.5, 1);
    assertThat(range.step()).isEqualTo(0.5);
    assertThat(range.size()).isEqualTo(5);
    assertThat(range.maxTokenId()).isEqualTo(7);
    assertThat(range.describe()).isEqualTo("5 tokens [3, 8) for -1.0 .. 1.0");
  }

  @Test
  void chronosRangeEndsExactlyOnItsLimits() {
    NumericVocabulary.Range chronos = new NumericVocabulary.Range(3, 4093, -15, 15);

    assertThat(chronos.value(0)).isEqualTo(-15);
    assertThat(chronos.value(2046)).isEqualTo(0);
    assertThat(chronos.value(4092)).isEqualTo(15);
    assertThat(chronos.maxTokenId()).isEqualTo(4095);
  }

  @Test
  void listedTokensAreOrderedByTheirValue() {
    Map<Integer, Double> digits = new LinkedHashMap<>();
    digits.put(17, 2.0);
    digits.put(15, 0.0);
    digits.put(40, -1.0);
    digits.put(16, 1.0);
    NumericVocabulary.Listed listed = NumericVocabulary.listed(digits);

    assertThat(listed.tokenIds()).containsExactly(40, 15, 16, 17);
    assertThat(listed.values()).containsExactly(-1, 0, 1, 2);
    assertThat(listed.maxTokenId()).isEqualTo(40);
    assertThat(listed.describe()).isEqualTo("4 listed tokens for -1.0 .. 2.0");
    assertThat(listed)
        .isEqualTo(NumericVocabulary.listed(Map.of(15, 0.0, 16, 1.0, 17, 2.0, 40, -1.0)));
  }

  @Test
  void validationNamesTheField() {
    assertThatThrownBy(() -> new NumericVocabulary.Range(-1, 4, 0, 1))
        .hasMessage("numericVocabulary firstTokenId must be at least 0, got -1");
    assertThatThrownBy(() -> new NumericVocabulary.Range(0, 1, 0, 1))
        .hasMessage("numericVocabulary count must be at least 2, got 1");
    assertThatThrownBy(() -> new NumericVocabulary.Range(0, 4, 1, 1))
        .hasMessage("numericVocabulary needs finite low < high, got low 1.0, high 1.0");
    assertThatThrownBy(() -> NumericVocabulary.listed(Map.of(1, 0.0)))
        .hasMessage("numericVocabulary needs at least 2 tokens, got 1");
    assertThatThrownBy(() -> NumericVocabulary.listed(Map.of(1, 0.0, -2, 1.0)))
        .hasMessage("numericVocabulary token ids must be at least 0, got -2");
    assertThatThrownBy(() -> NumericVocabulary.listed(Map.of(1, 0.0, 2, Double.NaN)))
        .hasMessage("numericVocabulary token 2 must stand for a finite value, got NaN");
    Map<Integer, Double> twice = new LinkedHashMap<>();
    twice.put(1, 5.0);
    twice.put(2, 5.0);
    assertThatThrownBy(() -> NumericVocabulary.listed(twice))
        .hasMessage(
            "numericVocabulary tokens 1 and 2 both stand for 5.0; each value needs one token");
  }
}
