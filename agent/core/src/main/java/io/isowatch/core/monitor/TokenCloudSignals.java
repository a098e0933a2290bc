package io.isowatch.core.monitor;

import io.isowatch.core.geometry.AverageCosine;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.core.geometry.MeanNormRatio;

/**
 * The per-window signals of a window's token cloud: only the O(tokens x width) measures, so that
 * geometry stays a small share of the embedding cost. The spectral measures come from the cloud of
 * window vectors instead, recomputed every few windows.
 *
 * @param rawAverageCosine raw average cosine of the token states
 * @param centeredAverageCosine centered average cosine of the token states
 * @param meanNormRatio |mean token| / mean token norm
 */
record TokenCloudSignals(
    double rawAverageCosine, double centeredAverageCosine, double meanNormRatio) {

  static TokenCloudSignals of(float[][] tokenStates) {
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
}
