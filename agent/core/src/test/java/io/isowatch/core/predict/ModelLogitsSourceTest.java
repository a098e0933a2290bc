package io.isowatch.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.MeanScaling;
import io.isowatch.core.feed.Window;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The source on hand-written logits; the end-to-end test runs it on a real ONNX model. */
class ModelLogitsSourceTest {
  private static final Window WINDOW =
      new Window(
          "feed", 3, Instant.EPOCH, Instant.EPOCH.plusSeconds(3), new double[] {9, 1, -2, 3});

  private static Embedding withLogits(float... logits) {
    return new Embedding(new float[] {0}, new float[][] {{0}}, Optional.of(logits));
  }

  @Test
  void theVocabularysLogitsAloneMakeTheSoftmaxInValueOrder() {
    // tokens 4 -> 0, 1 -> 1, 3 -> 3: bins [-0.5, 0.5), [0.5, 2), [2, 4]
    ModelLogitsSource source =
        ModelLogitsSource.builder()
            .vocabulary(NumericVocabulary.listed(Map.of(4, 0.0, 1, 1.0, 3, 3.0)))
            .build();
    Embedding embedding = withLogits(50, (float) Math.log(2), 50, (float) Math.log(3), 0);

    Prediction prediction = source.predict(WINDOW, embedding).orElseThrow();

    assertThat(prediction.bins().edges()).containsExactly(-0.5, 0.5, 2, 4);
    assertThat(prediction.logits()).containsExactly(0, (float) Math.log(2), (float) Math.log(3));
    assertThat(prediction.probabilities())
        .containsExactly(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, within(1e-6));
    assertThat(prediction.scale()).isEqualTo(1);
    assertThat(prediction.features()).isEmpty();
  }

  /** A range's value tokens are consecutive ids: their logits are taken as one run. */
  @Test
  void aRangeTakesTheLogitsOfItsConsecutiveIds() {
    ModelLogitsSource source =
        ModelLogitsSource.builder().vocabulary(new NumericVocabulary.Range(2, 3, -1, 1)).build();

    Prediction prediction = source.predict(WINDOW, withLogits(9, 9, 0.5f, -1, 2, 9)).orElseThrow();

    assertThat(prediction.logits()).containsExactly(0.5f, -1, 2);
  }

  @Test
  void withMeanScalingThePredictionCarriesTheWindowsScale() {
    ModelLogitsSource source =
        ModelLogitsSource.builder()
            .vocabulary(new NumericVocabulary.Range(0, 3, -1, 1))
            .scaling(new MeanScaling(3))
            .build();

    Prediction prediction = source.predict(WINDOW, withLogits(0, 0, 0)).orElseThrow();

    // mean |x| of the newest three values (1, -2, 3) = 2; a flat softmax over [-1.5, 1.5] has
    // median 0 and 0.9-quantile 1.5 - 0.1 * 3 = 1.2, times 2
    assertThat(prediction.scale()).isEqualTo(2);
    assertThat(prediction.median()).isCloseTo(0, within(1e-12));
    assertThat(prediction.quantile(0.9)).isCloseTo(2.4, within(1e-12));
  }

  @Test
  void learningChangesNothingAndTheSnapshotIsAnEmptyHeader() {
    ModelLogitsSource source =
        ModelLogitsSource.builder().vocabulary(new NumericVocabulary.Range(0, 2, 0, 1)).build();
    byte[] before = source.snapshot();
    Prediction first = source.predict(WINDOW, withLogits(1, 2)).orElseThrow();

    source.learn(first, 42);

    assertThat(source.predict(WINDOW, withLogits(1, 2)).orElseThrow().probabilities())
        .containsExactly(first.probabilities());
    assertThat(source.snapshot())
        .isEqualTo(before)
        .isEqualTo(SnapshotWriter.start("model-logits", 1).toByteArray());
    assertThat(source.restore(before)).isSameAs(source);
    assertThatThrownBy(() -> source.restore(SnapshotWriter.start("online-head", 1).toByteArray()))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'online-head' state, expected 'model-logits'"
                + ": "
                + SnapshotAdvice.MISMATCH);
  }

  @Test
  void everyFeedSharesOneSourceWithNoStateOfItsOwn() {
    ModelLogitsSource source =
        ModelLogitsSource.builder().vocabulary(new NumericVocabulary.Range(0, 2, 0, 1)).build();
    SoftmaxSources sources = source.forEveryFeed();

    assertThat(sources.create("a")).isSameAs(source).isSameAs(sources.create("b"));
    assertThat(sources.restore(source.snapshot())).isSameAs(source);
    assertThat(sources.memoryBytes()).isZero();
    assertThat(source.ready()).isTrue();
    assertThatThrownBy(() -> sources.restore(new byte[] {1, 2, 3}))
        .isInstanceOf(CorruptSnapshotException.class);
  }

  @Test
  void memoryAndDescriptionReportTheVocabularysTables() {
    ModelLogitsSource source =
        ModelLogitsSource.builder()
            .vocabulary(new NumericVocabulary.Range(3, 4093, -15, 15))
            .scaling(new MeanScaling(512))
            .build();

    // 4093 ids of 4 bytes, 4094 edges and 4093 centers of 8 bytes
    assertThat(source.memoryBytes()).isEqualTo(4093 * 4 + (4094 + 4093) * 8);
    assertThat(source.describe())
        .isEqualTo(
            "model logits, 4093 tokens [3, 4096) for -15.0 .. 15.0, mean |x| of the newest 512"
                + " values");
  }

  @Test
  void missingShortOrBadLogitsAreNamed() {
    ModelLogitsSource source =
        ModelLogitsSource.builder().vocabulary(new NumericVocabulary.Range(1, 3, 0, 1)).build();

    assertThatThrownBy(
            () ->
                source.predict(
                    WINDOW, new Embedding(new float[] {0}, new float[][] {{0}}, Optional.empty())))
        .hasMessageContaining("has no logits: the model's manifest must name its logitsOutput");
    assertThatThrownBy(() -> source.predict(WINDOW, withLogits(0, 0, 0)))
        .hasMessage(
            "the model gave 3 logits, but numericVocabulary (3 tokens [1, 4) for 0.0 .. 1.0) needs"
                + " token id 3");
    assertThatThrownBy(() -> source.predict(WINDOW, withLogits(0, 0, Float.NaN, 0)))
        .hasMessage("the model's logit of value token 2 is NaN");
    assertThatThrownBy(() -> ModelLogitsSource.builder().build())
        .hasMessage("vocabulary must be set");
  }
}
