package io.isowatch.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.model.embed.BundledModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The premise of the exactly-once tests: with the FP32 model a window's embedding is the same alone
 * and in any batch, so a restarted engine, whose batches differ from an uninterrupted run's, must
 * produce the same alerts. The INT8 model's difference is printed, not asserted.
 */
class EmbeddingBatchInvarianceTest {
  private static final int WINDOWS = 12;

  @Test
  void fp32EmbeddingsDoNotDependOnTheBatch() {
    assertThat(largestDifference(BundledModels.FP32)).isZero();
    System.out.printf(
        Locale.ROOT,
        "INT8: largest |alone - in a batch of %d| over pooled and token states = %.4f%n",
        WINDOWS,
        largestDifference(BundledModels.INT8));
  }

  private static double largestDifference(BundledModels model) {
    WindowEncoder encoder = BundledModel.encoder();
    // Windows of four feeds, of different token counts, so that each batch pads them differently.
    List<Observation> observations = Feeds.observations(4, 400, 7);
    List<EncodedWindow> windows = new ArrayList<>();
    for (int w = 0; w < WINDOWS; w++) {
      String feed = "synthetic-" + (w % 4);
      List<Observation> ofFeed =
          observations.stream().filter(o -> o.feedId().equals(feed)).toList();
      double[] values = new double[Feeds.WINDOW.length()];
      int start = (w * 29) % (ofFeed.size() - values.length);
      for (int i = 0; i < values.length; i++) {
        values[i] = ofFeed.get(start + i).value();
      }
      windows.add(encoder.encode(values));
    }
    System.out.println("token counts: " + windows.stream().map(EncodedWindow::length).toList());
    try (Embedder embedder = BundledModel.embedder(model)) {
      List<Embedding> batch = embedder.embed(windows);
      List<Embedding> half = embedder.embed(windows.subList(WINDOWS / 2, WINDOWS));
      double largest = 0;
      for (int w = 0; w < WINDOWS; w++) {
        Embedding single = embedder.embed(List.of(windows.get(w))).get(0);
        float[][] aloneTokens = single.tokenStates();
        float[][] togetherTokens = batch.get(w).tokenStates();
        if (aloneTokens.length != togetherTokens.length) {
          return Double.POSITIVE_INFINITY; // the batch changed which token states a window has
        }
        for (int t = 0; t < aloneTokens.length; t++) {
          for (int d = 0; d < aloneTokens[t].length; d++) {
            largest = Math.max(largest, Math.abs(aloneTokens[t][d] - togetherTokens[t][d]));
          }
        }
        float[] alone = single.pooled();
        float[] together = batch.get(w).pooled();
        for (int d = 0; d < alone.length; d++) {
          largest = Math.max(largest, Math.abs(alone[d] - together[d]));
          if (w >= WINDOWS / 2) {
            largest =
                Math.max(largest, Math.abs(half.get(w - WINDOWS / 2).pooled()[d] - together[d]));
          }
        }
      }
      return largest;
    }
  }
}
