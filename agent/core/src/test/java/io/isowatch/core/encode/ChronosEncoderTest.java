package io.isowatch.core.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Token ids derived by hand from Chronos's quantization rules. */
class ChronosEncoderTest {

  /** 9 centers -2, -1.5, .., 2 (step 0.5), ids 3..11, EOS 1. */
  private static ChronosEncoder.Builder small() {
    return ChronosEncoder.builder().bins(9).low(-2).high(2).firstTokenId(3);
  }

  @Test
  void valuesAreMeanScaledAndQuantizedToTheNearestCenterThenClosedByEos() {
    // mean |x| = (2 + 1 + 0 + 3) / 4 = 1.5; scaled 1.33, -0.67, 0, 2
    // nearest centers 1.5 (index 7), -0.5 (3), 0 (4), 2 (8); ids = index + 3
    EncodedWindow window = small().build().encode(new double[] {2, -1, 0, 3});

    assertThat(window.inputIds()).containsExactly(10, 6, 7, 11, 1);
    assertThat(window.attentionMask()).containsExactly(1, 1, 1, 1, 1);
    assertThat(window.tokenTypeIds()).containsExactly(0, 0, 0, 0, 0);
  }

  @Test
  void chronosDefaultsPlaceValuesOn4093CentersFromMinus15To15() {
    ChronosEncoder chronos = ChronosEncoder.builder().build();
    // a constant window scales to 1; centers are 30 / 4092 apart, so 1 is 16 * 4092 / 30 = 2182.4
    // steps above -15: the nearest center is 2182, id 2185
    assertThat(chronos.encode(new double[] {7, 7, 7}).inputIds())
        .containsExactly(2185, 2185, 2185, 1);
    // 0 is the middle center, 2046 (id 2049); the extremes clamp to ids 3 and 4095
    assertThat(chronos.tokenId(0)).isEqualTo(2049);
    assertThat(chronos.tokenId(-1e9)).isEqualTo(3);
    assertThat(chronos.tokenId(1e9)).isEqualTo(4095);
    assertThat(chronos.maxTokens()).isEqualTo(513);
    assertThat(chronos.contextLength()).isEqualTo(512);
    assertThat(chronos.describe())
        .isEqualTo("chronos(4093 bins over [-15.0, 15.0] from id 3, eos 1, max 513 tokens)");
  }

  @Test
  void aValueMidwayBetweenTwoCentersTakesTheUpperOneAndOuterValuesClamp() {
    ChronosEncoder encoder = small().build();

    assertThat(encoder.tokenId(0.25)).isEqualTo(8); // midway between 0 (id 7) and 0.5 (id 8)
    assertThat(encoder.tokenId(0.2499)).isEqualTo(7);
    assertThat(encoder.tokenId(-0.25)).isEqualTo(7); // midway between -0.5 (id 6) and 0 (id 7)
    assertThat(encoder.tokenId(-2.2)).isEqualTo(3);
    assertThat(encoder.tokenId(5)).isEqualTo(11);
  }

  @Test
  void onlyTheNewestValuesThatFitAreEncodedAndScaledOn() {
    ChronosEncoder encoder = small().maxTokens(4).build(); // 3 values and EOS
    // the context is {1, -2, 3}: mean |x| = 2, scaled 0.5, -1, 1.5 -> ids 8, 5, 10
    EncodedWindow window = encoder.encode(new double[] {1000, 1, -2, 3});

    assertThat(window.inputIds()).containsExactly(8, 5, 10, 1);
    assertThat(encoder.scaling()).isEqualTo(new MeanScaling(3));
  }

  @Test
  void withoutEosAWindowIsItsValuesAlone() {
    // mean |x| = 2: scaled 0.5, -1.5 -> ids 8, 4
    EncodedWindow window = small().appendEos(false).build().encode(new double[] {1, -3});

    assertThat(window.inputIds()).containsExactly(8, 4);
    assertThat(small().appendEos(false).maxTokens(5).build().contextLength()).isEqualTo(5);
  }

  @Test
  void anAllZeroWindowKeepsScaleOneAndMapsToTheZeroCenter() {
    assertThat(small().build().encode(new double[] {0, 0}).inputIds()).containsExactly(7, 7, 1);
  }

  @Test
  void aValueThatIsNotFiniteIsRejectedByIndex() {
    ChronosEncoder encoder = small().build();

    assertThatThrownBy(() -> encoder.encode(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "values[1] is NaN; the encoder quantizes finite numbers only (drop or fill missing"
                + " values first)");
    assertThatThrownBy(() -> encoder.encode(new double[0])).hasMessage("values must not be empty");
  }

  @Test
  void validationNamesTheOption() {
    assertThatThrownBy(() -> small().bins(1).build()).hasMessage("bins must be at least 2, got 1");
    assertThatThrownBy(() -> small().low(Double.NaN).build())
        .hasMessage("low must be finite, got NaN");
    assertThatThrownBy(() -> small().high(-2).build())
        .hasMessage("high must be finite and greater than low (-2.0), got -2.0");
    assertThatThrownBy(() -> small().firstTokenId(-1).build())
        .hasMessage("firstTokenId must be at least 0 and leave room for 9 ids, got -1");
    assertThatThrownBy(() -> small().eosTokenId(5).build())
        .hasMessage("eosTokenId 5 is one of the value tokens [3, 12)");
    assertThatThrownBy(() -> small().maxTokens(1).build())
        .hasMessage("maxTokens must be at least 2 (one value and EOS), got 1");
    assertThatThrownBy(() -> small().appendEos(false).maxTokens(0).build())
        .hasMessage("maxTokens must be at least 1, got 0");
  }
}
