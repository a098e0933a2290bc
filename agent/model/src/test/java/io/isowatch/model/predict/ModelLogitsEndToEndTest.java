package io.isowatch.model.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.feed.Window;
import io.isowatch.core.predict.ModelLogitsSource;
import io.isowatch.core.predict.Prediction;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelLoadException;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.embed.Pooling;
import io.isowatch.model.embed.TinyCausalLm;
import io.isowatch.model.encode.ResourceLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logits path end to end on a causal LM the test builds itself: values -> ChronosEncoder ->
 * OnnxEmbedder -> ModelLogitsSource -> Prediction, each step checked against numbers derived
 * without the code under test (token ids by hand, logits by plain matrix math on the same weights,
 * quantiles by bisection on the piecewise-uniform CDF).
 */
class ModelLogitsEndToEndTest {
  /** PAD 0, EOS 1, id 2 unused (as in Chronos), then 9 value tokens 3..11 for -2, -1.5, .., 2. */
  private static final int VOCAB = 12;

  private static final int WIDTH = 4;
  private static final int FIRST_VALUE_ID = 3;
  private static final int BINS = 9;
  private static final double LOW = -2;
  private static final double HIGH = 2;
  private static final double STEP = 0.5;
  private static final int CONTEXT = 6;

  /** Logits of ONNX Runtime (float) against the same math in double. */
  private static final double FLOAT_TOLERANCE = 1e-5;

  private static final NumericVocabulary RANGE =
      new NumericVocabulary.Range(FIRST_VALUE_ID, BINS, LOW, HIGH);

  @TempDir static Path dir;
  private static TinyCausalLm lm;
  private static Path model;

  @BeforeAll
  static void writeModel() throws IOException {
    lm = new TinyCausalLm(VOCAB, WIDTH, 20261127L);
    model = lm.write(dir.resolve("tiny-causal-lm.onnx"));
  }

  private static ModelManifest.Builder manifest() {
    return ModelManifest.builder()
        .name("tiny-causal-lm")
        .model(ResourceLocation.file(model))
        .inputFormat(InputFormat.CHRONOS_TOKENS)
        .hiddenStateOutput(TinyCausalLm.HIDDEN)
        .logitsOutput(TinyCausalLm.LOGITS)
        .numericVocabulary(RANGE)
        .pooling(Pooling.LAST)
        .maxTokens(CONTEXT);
  }

  private static OnnxEmbedder embedder(ModelManifest manifest) {
    return OnnxEmbedder.builder().manifest(manifest).intraOpThreads(1).build();
  }

  private static ChronosEncoder encoder() {
    return ChronosEncoder.builder()
        .bins(BINS)
        .low(LOW)
        .high(HIGH)
        .firstTokenId(FIRST_VALUE_ID)
        .appendEos(false)
        .maxTokens(CONTEXT)
        .build();
  }

  private static Window window(double... values) {
    Instant start = Instant.parse("2026-11-27T00:00:00Z");
    return new Window("feed", 0, start, start.plusSeconds(values.length - 1), values);
  }

  private static EncodedWindow tokens(long... ids) {
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    return new EncodedWindow(ids, mask, new long[ids.length]);
  }

  @Test
  void theEmbedderGivesTheLogitsAndStatesOfPlainMatrixMathForEveryWindowOfABatch() {
    long[] longer = {10, 6, 7, 11, 9, 6};
    long[] shorter = {3, 4}; // padded by 4 positions in this batch
    try (OnnxEmbedder embedder = embedder(manifest().build())) {
      List<Embedding> out = embedder.embed(List.of(tokens(longer), tokens(shorter)));

      assertThat(embedder.dimension()).isEqualTo(WIDTH);
      for (int i = 0; i < 2; i++) {
        long[] ids = i == 0 ? longer : shorter;
        Embedding embedding = out.get(i);
        double[][] states = lm.hidden(ids);
        assertThat(embedding.tokenStates()).hasNumberOfRows(ids.length);
        for (int t = 0; t < ids.length; t++) {
          assertClose(embedding.tokenStates()[t], states[t]);
        }
        assertClose(embedding.pooled(), states[ids.length - 1]);
        assertClose(embedding.logits().orElseThrow(), lm.logits(ids));
      }
    }
  }

  @Test
  void valuesBecomeAPredictionOfTheModelsOwnSoftmaxOverItsValueTokens() {
    // the oldest two values fall outside the 6-value context, so they change neither tokens nor
    // scale: mean |x| of the newest six = (2 + 1 + 0 + 3 + 1.5 + 0.75) / 6 = 1.375
    double[] values = {100, -100, 2, -1, 0, 3, 1.5, -0.75};
    double scale = 1.375;
    // scaled 1.45, -0.73, 0, 2.18, 1.09, -0.55 -> nearest centers 1.5, -0.5, 0, 2 (clamped), 1,
    // -0.5
    // -> center indices 7, 3, 4, 8, 6, 3 -> ids + 3
    long[] expectedIds = {10, 6, 7, 11, 9, 6};
    ChronosEncoder encoder = encoder();
    ModelLogitsSource source = manifest().build().logitsSource(Optional.of(encoder.scaling()));

    try (OnnxEmbedder embedder = embedder(manifest().build())) {
      EncodedWindow encoded = encoder.encode(values);
      assertThat(encoded.inputIds()).containsExactly(expectedIds);
      Embedding embedding = embedder.embed(List.of(encoded)).get(0);
      Prediction prediction = source.predict(window(values), embedding).orElseThrow();

      double[] allLogits = lm.logits(expectedIds);
      double[] expected = softmax(Arrays.copyOfRange(allLogits, FIRST_VALUE_ID, VOCAB));
      assertThat(prediction.scale()).isCloseTo(scale, within(1e-12));
      assertThat(prediction.bins().count()).isEqualTo(BINS);
      assertThat(prediction.probabilities()).containsExactly(expected, within(FLOAT_TOLERANCE));
      double[] edges = new double[BINS + 1];
      for (int k = 0; k <= BINS; k++) {
        edges[k] = LOW - STEP / 2 + k * STEP;
      }
      for (double q : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
        assertThat(prediction.quantile(q))
            .as("quantile %s", q)
            .isCloseTo(scale * bisectQuantile(expected, edges, q), within(1e-4));
      }
      assertThat(prediction.median()).isEqualTo(prediction.quantile(0.5));
      double mean = 0;
      for (int k = 0; k < BINS; k++) {
        mean += expected[k] * (LOW + k * STEP);
      }
      assertThat(prediction.mean()).isCloseTo(scale * mean, within(1e-4));
    }
  }

  @Test
  void listedDigitTokensAreReadInTheOrderOfTheirValuesWithScaleOne() {
    // five "digit" tokens scattered over the vocabulary, listed out of order
    Map<Integer, Double> digits = new LinkedHashMap<>();
    digits.put(9, 2.0);
    digits.put(11, 0.0);
    digits.put(3, 3.0);
    digits.put(4, 1.0);
    digits.put(7, 4.0);
    int[] idsByValue = {11, 4, 9, 3, 7};
    ModelManifest textLike = manifest().numericVocabulary(NumericVocabulary.listed(digits)).build();
    long[] context = {5, 8, 2, 10};

    try (OnnxEmbedder embedder = embedder(textLike)) {
      Embedding embedding = embedder.embed(List.of(tokens(context))).get(0);
      Prediction prediction =
          textLike
              .logitsSource(Optional.empty())
              .predict(window(1, 2, 3, 4), embedding)
              .orElseThrow();

      double[] allLogits = lm.logits(context);
      double[] selected = new double[idsByValue.length];
      for (int k = 0; k < idsByValue.length; k++) {
        selected[k] = allLogits[idsByValue[k]];
      }
      double[] expected = softmax(selected);
      double[] edges = {-0.5, 0.5, 1.5, 2.5, 3.5, 4.5};
      assertThat(prediction.scale()).isEqualTo(1);
      assertThat(prediction.bins().edges()).containsExactly(edges);
      assertThat(prediction.probabilities()).containsExactly(expected, within(FLOAT_TOLERANCE));
      assertThat(prediction.median()).isCloseTo(bisectQuantile(expected, edges, 0.5), within(1e-4));
    }
  }

  @Test
  void aLogitsOutputNarrowerThanTheNumericVocabularyFailsAtStart() {
    // ids 3..12 need 13 logits; the model has 12
    ModelManifest tooWide =
        manifest().numericVocabulary(new NumericVocabulary.Range(3, 10, -2, 2.5)).build();

    assertThatThrownBy(() -> embedder(tooWide))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(
            "numericVocabulary (10 tokens [3, 13) for -2.0 .. 2.5) needs token id 12 but"
                + " logitsOutput \"logits\" has 12 logits (ids 0 to 11)");
  }

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    for (int j = 0; j < expected.length; j++) {
      assertThat((double) actual[j]).as("element %d", j).isCloseTo(expected[j], within(1e-5));
    }
  }

  private static double[] softmax(double[] logits) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double[] p = new double[logits.length];
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(logits[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  /** The q-quantile of the piecewise-uniform density (p over the bins), by bisection on its CDF. */
  static double bisectQuantile(double[] p, double[] edges, double q) {
    double lo = edges[0];
    double hi = edges[edges.length - 1];
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (cdf(p, edges, mid) < q) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double cdf(double[] p, double[] edges, double x) {
    double mass = 0;
    for (int k = 0; k < p.length; k++) {
      double share = (x - edges[k]) / (edges[k + 1] - edges[k]);
      mass += p[k] * Math.max(0, Math.min(1, share));
    }
    return mass;
  }
}
