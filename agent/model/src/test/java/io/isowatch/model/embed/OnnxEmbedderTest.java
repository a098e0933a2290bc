package io.isowatch.model.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.model.encode.Series;
import io.isowatch.model.encode.TextSerializationEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real bundled model, both variants; sessions are started once for the class. */
class OnnxEmbedderTest {
  static TextSerializationEncoder encoder;
  static OnnxEmbedder fp32;
  static OnnxEmbedder int8;

  /** Windows of 8, 24 and 64 values (about 2 tokens a value, so 17 to ~130 tokens). */
  static List<EncodedWindow> windows;

  @BeforeAll
  static void start() {
    fp32 = OnnxEmbedder.builder().manifest(BundledModels.FP32.manifest()).intraOpThreads(2).build();
    int8 = OnnxEmbedder.builder().manifest(BundledModels.INT8.manifest()).intraOpThreads(2).build();
    encoder =
        TextSerializationEncoder.builder()
            .tokenizer(BundledModels.INT8.manifest().tokenizer())
            .maxTokens(BundledModels.MAX_TOKENS)
            .build();
    windows =
        List.of(
            encoder.encode(Series.wave(8, 1)),
            encoder.encode(Series.wave(24, 2)),
            encoder.encode(Series.wave(64, 3)));
  }

  @AfterAll
  static void stop() {
    fp32.close();
    int8.close();
    encoder.close();
  }

  @Test
  void everyWindowGetsAVectorOfTheModelWidthAndOneStatePerToken() {
    List<Embedding> embeddings = int8.embed(windows);

    assertThat(int8.dimension()).isEqualTo(384);
    assertThat(embeddings).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Embedding embedding = embeddings.get(i);
      assertThat(embedding.pooled()).hasSize(384);
      assertThat(embedding.tokenStates()).hasNumberOfRows(windows.get(i).length());
      assertThat(embedding.tokenStates()[0]).hasSize(384);
      assertThat(embedding.logits()).isEmpty();
    }
  }

  @Test
  void meanPoolingIsTheMeanOfTheReturnedTokenStates() {
    Embedding embedding = fp32.embed(windows).get(2);
    float[][] states = embedding.tokenStates();

    for (int j = 0; j < 384; j++) {
      double sum = 0;
      for (float[] state : states) {
        sum += state[j];
      }
      assertThat((double) embedding.pooled()[j]).isCloseTo(sum / states.length, within(1e-6));
    }
  }

  @Test
  void clsAndLastPoolingPickTheFirstAndLastRealToken() {
    ModelManifest mean = BundledModels.INT8.manifest();
    try (OnnxEmbedder cls =
            OnnxEmbedder.builder()
                .manifest(mean.toBuilder().pooling(Pooling.CLS).build())
                .intraOpThreads(2)
                .build();
        OnnxEmbedder last =
            OnnxEmbedder.builder()
                .manifest(mean.toBuilder().pooling(Pooling.LAST).build())
                .intraOpThreads(2)
                .build()) {
      // in a padded batch, the short window's last real token is far from the batch's last row
      List<Embedding> byCls = cls.embed(windows);
      List<Embedding> byLast = last.embed(windows);

      for (int i = 0; i < windows.size(); i++) {
        float[][] states = byCls.get(i).tokenStates();
        assertThat(byCls.get(i).pooled()).containsExactly(states[0]);
        float[][] lastStates = byLast.get(i).tokenStates();
        assertThat(byLast.get(i).pooled()).containsExactly(lastStates[lastStates.length - 1]);
        assertThat(lastStates[lastStates.length - 1])
            .as("the last real token's state is not a padding state")
            .isNotEqualTo(states[0]);
      }
    }
  }

  @Test
  void spinningThreadsGiveTheSameVectors() {
    try (OnnxEmbedder spinning =
        OnnxEmbedder.builder()
            .manifest(BundledModels.FP32.manifest())
            .intraOpThreads(2)
            .spinning(true)
            .build()) {
      List<Embedding> spun = spinning.embed(windows);
      List<Embedding> waited = fp32.embed(windows);

      for (int i = 0; i < windows.size(); i++) {
        assertClose(spun.get(i).pooled(), waited.get(i).pooled(), 1e-6);
      }
    }
  }

  @Test
  void paddingDoesNotChangeAnyWindow() {
    List<Embedding> together = fp32.embed(windows);

    for (int i = 0; i < windows.size(); i++) {
      Embedding alone = fp32.embed(List.of(windows.get(i))).get(0);
      Embedding padded = together.get(i);
      assertThat(padded.tokenStates()).hasNumberOfRows(alone.tokenStates().length);
      assertClose(padded.pooled(), alone.pooled(), 1e-4);
      for (int t = 0; t < alone.tokenStates().length; t++) {
        assertClose(padded.tokenStates()[t], alone.tokenStates()[t], 1e-4);
      }
    }
  }

  @Test
  void theSameInputGivesTheSameOutputAndDifferentWindowsDiffer() {
    List<Embedding> first = int8.embed(windows);
    List<Embedding> second = int8.embed(windows);

    for (int i = 0; i < windows.size(); i++) {
      assertThat(second.get(i).pooled()).containsExactly(first.get(i).pooled());
      assertThat(second.get(i).tokenStates()).isDeepEqualTo(first.get(i).tokenStates());
    }
    EncodedWindow other = encoder.encode(Series.wave(64, 4));
    float[] a = first.get(2).pooled();
    float[] b = int8.embed(List.of(other)).get(0).pooled();
    assertThat(maxAbsDifference(a, b)).isGreaterThan(1e-2);
    assertThat(cosine(a, b)).isLessThan(0.9999);
  }

  @Test
  void int8AgreesWithFp32CloselyButNotExactly() {
    List<Embedding> full = fp32.embed(windows);
    List<Embedding> quantized = int8.embed(windows);

    for (int i = 0; i < windows.size(); i++) {
      float[] a = full.get(i).pooled();
      float[] b = quantized.get(i).pooled();
      assertThat(cosine(a, b)).as("cosine of window %d", i).isGreaterThan(0.95);
      assertThat(maxAbsDifference(a, b))
          .as("largest difference of window %d", i)
          .isGreaterThan(1e-4);
    }
  }

  @Test
  void anEmptyBatchNeedsNoRun() {
    assertThat(int8.embed(List.of())).isEmpty();
  }

  @Test
  void windowsLongerThanTheModelAllowsAreRejected() {
    long[] ones = new long[257];
    Arrays.fill(ones, 1);
    List<EncodedWindow> batch = new ArrayList<>(windows);
    batch.add(new EncodedWindow(ones, ones, new long[257]));

    assertThatThrownBy(() -> int8.embed(batch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "batch[3] has 257 tokens, more than the 256 (maxTokens) of all-minilm-l6-v2 int8;"
                + " encode with maxTokens(256)");
  }

  @Test
  void describesModelVariantAndDevice() {
    assertThat(fp32.describe()).isEqualTo("all-minilm-l6-v2 fp32 on cpu");
    assertThat(int8.describe()).isEqualTo("all-minilm-l6-v2 int8 on cpu");
    assertThat(int8.device()).isEqualTo(Device.CPU);
  }

  static void assertClose(float[] actual, float[] expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(maxAbsDifference(actual, expected)).isLessThanOrEqualTo(tolerance);
  }

  static double maxAbsDifference(float[] a, float[] b) {
    double max = 0;
    for (int j = 0; j < a.length; j++) {
      max = Math.max(max, Math.abs((double) a[j] - b[j]));
    }
    return max;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int j = 0; j < a.length; j++) {
      dot += (double) a[j] * b[j];
      aa += (double) a[j] * a[j];
      bb += (double) b[j] * b[j];
    }
    return dot / Math.sqrt(aa * bb);
  }
}
