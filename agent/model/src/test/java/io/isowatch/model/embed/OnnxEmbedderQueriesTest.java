package io.isowatch.model.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.ForecastQueries;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Windows asked with forecast queries on the bundled numeric LM's graph, declared as trained for
 * them (whether its export was or not, {@link NumericLanguageModel#answersForecastQueries()}):
 * whatever its weights, causal attention keeps the context's states blind to the queries after
 * them, so a question's geometry is its context's, and its logits are those of the same ids run as
 * a plain window.
 */
class OnnxEmbedderQueriesTest {
  private static final ForecastQueries QUERIES = NumericLanguageModel.forecastQueries();
  private static final int LONGEST = NumericLanguageModel.CONTEXT + QUERIES.maxSteps() - 1;
  private static final float TOLERANCE = 1e-6f;

  /** Contexts of 64, 40 and 64 tokens. */
  private static final List<EncodedWindow> CONTEXTS =
      List.of(context(80, 0, 1), context(40, 50, 2), context(64, -20, 3));

  private static OnnxEmbedder embedder;

  @BeforeAll
  static void start() {
    embedder = OnnxEmbedder.builder().manifest(askedWithQueries(LONGEST)).intraOpThreads(1).build();
  }

  @AfterAll
  static void stop() {
    embedder.close();
  }

  /**
   * The bundled graph declared as trained for forecast queries, whatever its manifest.json says:
   * what is checked here holds whatever its weights.
   */
  static ModelManifest askedWithQueries(int tokens) {
    return NumericLanguageModel.manifest(NumericLanguageModel.DEFAULT_STATES, tokens).toBuilder()
        .forecastQueries(QUERIES)
        .build();
  }

  private static EncodedWindow context(int length, double level, long seed) {
    Random random = new Random(seed);
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = level + 10 * Math.sin(2 * Math.PI * i / 24) + random.nextGaussian();
    }
    return NumericLanguageModel.encoder().encode(values);
  }

  /** The same ids and mask, not marked as queries: every position is the window's. */
  private static EncodedWindow unmarked(EncodedWindow asked) {
    return new EncodedWindow(asked.inputIds(), asked.attentionMask(), asked.tokenTypeIds());
  }

  private static Embedding alone(EncodedWindow window) {
    return embedder.embed(List.of(window)).get(0);
  }

  @Test
  void aQuestionReadsItsGeometryFromTheContextAndItsAnswerFromTheLastQuery() {
    for (EncodedWindow context : CONTEXTS) {
      Embedding plain = alone(context);
      for (int steps : new int[] {2, 3, QUERIES.maxSteps()}) {
        EncodedWindow asked = QUERIES.ask(context, steps);
        String what = context.length() + " tokens asked " + steps + " steps ahead";

        Embedding answer = alone(asked);
        Embedding handBuilt = alone(unmarked(asked));

        assertSameStates(what, answer, plain);
        assertThat(answer.pooled()).as(what).containsExactly(plain.pooled(), within(TOLERANCE));
        assertThat(answer.logits().orElseThrow())
            .as(what + ": the logits of the same ids")
            .containsExactly(handBuilt.logits().orElseThrow(), within(TOLERANCE));
        assertThat(answer.logits().orElseThrow())
            .as(what + ": not the next value's")
            .isNotEqualTo(plain.logits().orElseThrow());
        assertThat(handBuilt.tokenStates())
            .as("unmarked, the queries' states count as the window's")
            .hasNumberOfRows(asked.length());
      }
    }
  }

  @Test
  void inAMixedBatchEachWindowGetsWhatItGetsAlone() {
    List<EncodedWindow> batch =
        List.of(
            QUERIES.ask(CONTEXTS.get(0), 3),
            CONTEXTS.get(1),
            QUERIES.ask(CONTEXTS.get(2), QUERIES.maxSteps()),
            CONTEXTS.get(0),
            QUERIES.ask(CONTEXTS.get(1), 2));

    List<Embedding> together = embedder.embed(batch);

    for (int i = 0; i < batch.size(); i++) {
      Embedding alone = alone(batch.get(i));
      String what = "batch[" + i + "]";
      assertSameStates(what, together.get(i), alone);
      assertThat(together.get(i).pooled())
          .as(what)
          .containsExactly(alone.pooled(), within(TOLERANCE));
      assertThat(together.get(i).logits().orElseThrow())
          .as(what)
          .containsExactly(alone.logits().orElseThrow(), within(TOLERANCE));
    }
  }

  @Test
  void queriesGoOnlyToAModelTrainedForThemAndNoFurtherAhead() {
    EncodedWindow asked = QUERIES.ask(CONTEXTS.get(1), 3);
    ModelManifest untrained = embedder.manifest().toBuilder().forecastQueries(null).build();
    try (OnnxEmbedder plain = OnnxEmbedder.builder().manifest(untrained).build()) {
      assertThatThrownBy(() -> plain.embed(List.of(asked)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("batch[0] asks 2 forecast queries")
          .hasMessageContaining("was not trained to answer them");
    }
    try (OnnxEmbedder bundled =
        OnnxEmbedder.builder()
            .manifest(NumericLanguageModel.manifest(NumericLanguageModel.DEFAULT_STATES, LONGEST))
            .build()) {
      if (NumericLanguageModel.answersForecastQueries()) {
        assertThat(bundled.embed(List.of(asked)).get(0).logits()).isPresent();
      } else {
        assertThatThrownBy(() -> bundled.embed(List.of(asked)))
            .as("the bundled export names no forecast queries")
            .hasMessageContaining("was not trained to answer them");
      }
    }
    long[] ids = Arrays.copyOf(CONTEXTS.get(1).inputIds(), 40 + QUERIES.maxSteps());
    Arrays.fill(ids, 40, ids.length, QUERIES.queryTokenId());
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    EncodedWindow tooFar = new EncodedWindow(ids, mask, new long[ids.length], QUERIES.maxSteps());
    assertThatThrownBy(() -> embedder.embed(List.of(tooFar)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asks 48 forecast queries, more than the 47");
    try (OnnxEmbedder contextOnly =
        OnnxEmbedder.builder().manifest(askedWithQueries(NumericLanguageModel.CONTEXT)).build()) {
      assertThatThrownBy(() -> contextOnly.embed(List.of(QUERIES.ask(CONTEXTS.get(0), 2))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("65 tokens, more than the 64 (maxTokens)");
    }
  }

  private static void assertSameStates(String what, Embedding actual, Embedding expected) {
    float[][] states = actual.tokenStates();
    assertThat(states).as(what).hasNumberOfRows(expected.tokenStates().length);
    for (int t = 0; t < states.length; t++) {
      assertThat(states[t])
          .as(what + ", token " + t)
          .containsExactly(expected.tokenStates()[t], within(TOLERANCE));
    }
  }
}
