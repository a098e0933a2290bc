package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.geometry.AverageCosine;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.core.geometry.MeanNormRatio;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TokenCloudSignals computes its measures itself, in two passes; they must be exactly, bit for bit,
 * what the geometry classes give on a cloud of the same token states.
 */
class TokenCloudSignalsTest {

  /** The measures the way the geometry classes compute them. */
  private static TokenCloudSignals reference(float[][] tokenStates) {
    if (tokenStates.length < 2) {
      return new TokenCloudSignals(Double.NaN, Double.NaN, Double.NaN);
    }
    int width = tokenStates[0].length;
    double[] rowMajor = new double[tokenStates.length * width];
    for (int t = 0; t < tokenStates.length; t++) {
      for (int j = 0; j < width; j++) {
        rowMajor[t * width + j] = tokenStates[t][j];
      }
    }
    Cloud cloud = Cloud.ofRowMajor(tokenStates.length, width, rowMajor);
    return new TokenCloudSignals(
        AverageCosine.raw(cloud), AverageCosine.centered(cloud), MeanNormRatio.of(cloud));
  }

  private static float[][] tokens(Random random, int size, int width, double offset) {
    float[][] tokens = new float[size][width];
    for (float[] token : tokens) {
      for (int j = 0; j < width; j++) {
        token[j] = (float) (random.nextGaussian() * (1 + j % 3) + (j % 5 == 0 ? offset : 0));
      }
    }
    return tokens;
  }

  private static void assertSame(float[][] tokens) {
    // A record compares its doubles with Double.compare: bit for bit, NaN equal to NaN.
    assertThat(TokenCloudSignals.of(tokens)).isEqualTo(reference(tokens));
  }

  @Test
  void equalsTheGeometryClassesExactly() {
    Random random = new Random(11);
    for (int size : new int[] {2, 3, 17, 166}) {
      for (int width : new int[] {1, 5, 384}) {
        for (double offset : new double[] {0, 0.3, 40}) {
          assertSame(tokens(random, size, width, offset));
        }
      }
    }
  }

  @Test
  void zeroTokensAndTokensAtTheMeanAreLeftOutAlike() {
    Random random = new Random(5);
    float[][] withZeros = tokens(random, 12, 16, 1.0);
    withZeros[3] = new float[16];
    withZeros[7] = new float[16];
    assertSame(withZeros);

    float[][] identical = new float[4][];
    float[] token = tokens(random, 1, 16, 2.0)[0];
    for (int i = 0; i < identical.length; i++) {
      identical[i] = token.clone();
    }
    assertSame(identical); // centered: every token is the mean, no direction left
    assertSame(new float[3][8]); // all zero
    assertSame(new float[][] {{1f, -2f}, {0f, 0f}}); // one direction only
  }

  @Test
  void fewerThanTwoTokensGiveNaN() {
    assertSame(new float[0][]);
    assertSame(new float[][] {{1f, 2f, 3f}});
    assertSame(new float[][] {{Float.NaN}}); // not even checked, as before
  }

  @Test
  void refusesWhatTheCloudRefusesWithTheSameMessage() {
    float[][] notFinite = tokens(new Random(2), 5, 6, 0);
    notFinite[2][4] = Float.NaN;
    notFinite[3][1] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(() -> reference(notFinite))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 2, column 4 is not finite: NaN");
    assertThatThrownBy(() -> TokenCloudSignals.of(notFinite))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 2, column 4 is not finite: NaN");

    float[][] noWidth = new float[3][0];
    assertThatThrownBy(() -> reference(noWidth))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size and dim must be positive, got size=3 dim=0");
    assertThatThrownBy(() -> TokenCloudSignals.of(noWidth))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size and dim must be positive, got size=3 dim=0");

    float[][] ragged = tokens(new Random(3), 4, 6, 0);
    ragged[1][0] = Float.NaN; // the short row is met first, as before
    ragged[2] = new float[4];
    assertThatThrownBy(() -> reference(ragged))
        .isInstanceOf(ArrayIndexOutOfBoundsException.class)
        .hasMessage("Index 4 out of bounds for length 4");
    assertThatThrownBy(() -> TokenCloudSignals.of(ragged))
        .isInstanceOf(ArrayIndexOutOfBoundsException.class)
        .hasMessage("Index 4 out of bounds for length 4");
  }
}
