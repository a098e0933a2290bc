package io.isowatch.core.predict;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.predict.HeadSettings.Binning;
import org.junit.jupiter.api.Test;

/** The head's cross-field rules; configuration readers put the key paths in front. */
class HeadSettingsTest {
  @Test
  void theRangeMustRunUpward() {
    assertThatThrownBy(() -> new HeadSettings(8, Binning.UNIFORM, 2, 1, 0, 0.3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("head high must be finite and greater than low (2.0), got 1.0");
    assertThatThrownBy(() -> new HeadSettings(8, Binning.UNIFORM, Double.NaN, 1, 0, 0.3, 0))
        .hasMessage("head low must be finite, got NaN");
  }

  @Test
  void quantileBinsNeedTwoWarmUpTargetsABin() {
    assertThatThrownBy(() -> new HeadSettings(16, Binning.QUANTILE, 0, 1, 31, 0.3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("head warmup must be at least 2 x bins (32) for quantile binning, got 31");
    // uniform bins are fixed up front: any warm-up from 0 will do
    new HeadSettings(16, Binning.UNIFORM, 0, 1, 0, 0.3, 0);
    assertThatThrownBy(() -> new HeadSettings(16, Binning.UNIFORM, 0, 1, -1, 0.3, 0))
        .hasMessage("head warmup must be at least 0, got -1");
  }
}
