package io.isowatch.model.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.core.predict.ModelLogitsSource;
import io.isowatch.model.encode.ResourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * isowatch's own numeric language model, trained by the project (training code and model card in
 * {@code model/}) and bundled in the jar: a 4-layer, width-128 causal transformer over
 * Chronos-style value tokens. A window's newest {@value #CONTEXT} values are mean-scaled and
 * quantized to {@value #BINS} uniform bins from {@value #LOW} to {@value #HIGH} (ids from {@value
 * #FIRST_TOKEN_ID}; PAD 0, EOS 1, no EOS appended); the logits of the last position are the next
 * value's distribution. An export trained with forecast queries (its {@value #MANIFEST_RESOURCE}
 * names them: {@link #answersForecastQueries()}) answers them too: followed by query tokens (id
 * {@value #QUERY_TOKEN_ID}, {@link #forecastQueries()}), the last position's logits are the
 * distribution of a value further ahead.
 *
 * <p>The graph's outputs are {@value #LOGITS} [batch, {@value #VOCABULARY}] (the head at each row's
 * last real token only: ONNX Runtime runs the whole graph whatever a run asks for, so logits at
 * every position would be paid for and never read), {@code last_hidden_state} (the final layer
 * norm, what the head reads), {@code hidden_k} (the residual stream after block k) and {@code
 * attn_k} (block k's attention output before the residual add, the states the paper's authors
 * measure), k = 1..{@value #LAYERS}, each [batch, tokens, {@value #WIDTH}]. {@link
 * #manifest(String)} picks which of them the geometry reads.
 *
 * <pre>{@code
 * try (OnnxEmbedder embedder =
 *     OnnxEmbedder.builder().manifest(NumericLanguageModel.manifest()).build()) {
 *   Embedding e = embedder.embed(List.of(NumericLanguageModel.encoder().encode(window))).get(0);
 * }
 * }</pre>
 */
public final class NumericLanguageModel {
  public static final String NAME = "isowatch-numeric-lm";
  public static final String RESOURCE = "isowatch-numeric-lm/numeric-lm.onnx";
  public static final String MANIFEST_RESOURCE = "isowatch-numeric-lm/manifest.json";
  public static final int CONTEXT = 64;

  /** The most tokens the model has positions for (it was trained on lengths up to this). */
  public static final int MAX_POSITIONS = 128;

  public static final int BINS = 4093;
  public static final double LOW = -10;
  public static final double HIGH = 10;
  public static final int FIRST_TOKEN_ID = 3;
  public static final int VOCABULARY = FIRST_TOKEN_ID + BINS;
  public static final int LAYERS = 4;
  public static final int WIDTH = 128;

  /** The token that asks for a value not yet seen ({@link ForecastQueries}). */
  public static final int QUERY_TOKEN_ID = 2;

  /** The most steps ahead its forecast queries were trained to answer, after {@value #CONTEXT}. */
  public static final int QUERY_STEPS = 48;

  public static final String DEFAULT_STATES = "last_hidden_state";
  public static final String LOGITS = "next_token_logits";

  /** The top-level key of {@value #MANIFEST_RESOURCE} naming the queries an export answers. */
  static final String FORECAST_QUERIES_KEY = "forecast_queries";

  /** What the bundled export's manifest says of forecast queries, read once; null until then. */
  private static Optional<ForecastQueries> bundledQueries;

  private NumericLanguageModel() {}

  /**
   * Every hidden-state output the geometry can read: the final LayerNorm's, each block's output
   * ({@code hidden_k}) and each attention sublayer's before the residual add ({@code attn_k}).
   */
  public static List<String> states() {
    List<String> states = new ArrayList<>();
    states.add(DEFAULT_STATES);
    for (int k = 1; k <= LAYERS; k++) {
      states.add("hidden_" + k);
    }
    for (int k = 1; k <= LAYERS; k++) {
      states.add("attn_" + k);
    }
    return List.copyOf(states);
  }

  /** The manifest whose geometry reads the final hidden states. */
  public static ModelManifest manifest() {
    return manifest(DEFAULT_STATES);
  }

  /**
   * The manifest whose geometry reads {@code states}: {@code last_hidden_state}, {@code hidden_k}
   * or {@code attn_k}.
   */
  public static ModelManifest manifest(String states) {
    return manifest(states, CONTEXT);
  }

  /**
   * The manifest whose geometry reads {@code states} and whose windows hold up to {@code context}
   * values (at most {@value #MAX_POSITIONS}).
   */
  public static ModelManifest manifest(String states, int context) {
    return ModelManifest.builder()
        .name(NAME)
        .variant(states)
        .model(ResourceLocation.classpath(RESOURCE))
        .inputFormat(InputFormat.CHRONOS_TOKENS)
        .hiddenStateOutput(states)
        .logitsOutput(LOGITS)
        .numericVocabulary(new NumericVocabulary.Range(FIRST_TOKEN_ID, BINS, LOW, HIGH))
        .forecastQueries(answersForecastQueries() ? forecastQueries() : null)
        .pooling(Pooling.LAST)
        .maxTokens(checkedContext(context))
        .hiddenWidth(WIDTH)
        .build();
  }

  /**
   * The next-value distribution read off the model's own logits, in a window's units (scaled back
   * as {@link #encoder()} scales the window).
   */
  public static ModelLogitsSource logitsSource() {
    return logitsSource(CONTEXT);
  }

  /** As {@link #logitsSource()}, for windows of up to {@code context} values. */
  public static ModelLogitsSource logitsSource(int context) {
    return manifest(DEFAULT_STATES, context).logitsSource(Optional.of(encoder(context).scaling()));
  }

  /**
   * How an export trained with forecast queries is asked for a value up to {@value #QUERY_STEPS}
   * steps ahead in one pass; the embedder must then accept the context plus {@code steps - 1}
   * tokens ({@link #manifest(String, int)} with that many). {@link #manifest} names them only when
   * {@link #answersForecastQueries()}.
   */
  public static ForecastQueries forecastQueries() {
    return new ForecastQueries(QUERY_TOKEN_ID, QUERY_STEPS);
  }

  /**
   * Whether the bundled export was trained with forecast queries: its {@value #MANIFEST_RESOURCE}
   * names them ({@code "forecast_queries": {"token_id": 2, "max_steps": 48}}, written by {@code
   * model/export.py}), and only then does {@link #manifest} declare them. A model not trained for
   * them would still answer a question ending in query tokens, with noise: so a horizon beyond 1
   * asks it nothing and forecasts with its next-value distribution.
   *
   * @throws IllegalStateException if the manifest is missing or unreadable, or names queries other
   *     than {@link #forecastQueries()}
   */
  public static boolean answersForecastQueries() {
    return bundledQueries().isPresent();
  }

  private static synchronized Optional<ForecastQueries> bundledQueries() {
    if (bundledQueries == null) {
      bundledQueries = forecastQueriesNamedIn(NumericLanguageModel.class.getClassLoader());
    }
    return bundledQueries;
  }

  /** The forecast queries the {@value #MANIFEST_RESOURCE} that {@code loader} finds names. */
  static Optional<ForecastQueries> forecastQueriesNamedIn(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(MANIFEST_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the numeric LM's manifest " + MANIFEST_RESOURCE + " is not on the classpath");
      }
      return forecastQueriesNamedBy(new JsonMapper().readTree(in), MANIFEST_RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the numeric LM's manifest " + MANIFEST_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * The forecast queries an export's manifest names, checked against the ones the agent asks with.
   *
   * @param what the manifest's name, for the messages
   * @throws IllegalStateException if it is not a JSON object, or names queries other than {@link
   *     #forecastQueries()}
   */
  static Optional<ForecastQueries> forecastQueriesNamedBy(JsonNode manifest, String what) {
    if (manifest == null || !manifest.isObject()) {
      throw new IllegalStateException(what + " is not a JSON object");
    }
    JsonNode queries = manifest.get(FORECAST_QUERIES_KEY);
    if (queries == null || queries.isNull()) {
      return Optional.empty();
    }
    if (!queries.isObject()) {
      throw new IllegalStateException(
          what + ": " + FORECAST_QUERIES_KEY + " must be an object, got " + queries);
    }
    JsonNode tokenId = queries.path("token_id");
    JsonNode maxSteps = queries.path("max_steps");
    if (!tokenId.isIntegralNumber()
        || tokenId.asLong() != QUERY_TOKEN_ID
        || !maxSteps.isIntegralNumber()
        || maxSteps.asLong() != QUERY_STEPS) {
      throw new IllegalStateException(
          what
              + " names forecast_queries with token_id "
              + (tokenId.isMissingNode() ? "(none)" : tokenId)
              + " and max_steps "
              + (maxSteps.isMissingNode() ? "(none)" : maxSteps)
              + ", but the agent asks with token "
              + QUERY_TOKEN_ID
              + " up to "
              + QUERY_STEPS
              + " steps ahead (NumericLanguageModel.QUERY_TOKEN_ID, QUERY_STEPS): an export and"
              + " the agent must agree");
    }
    return Optional.of(forecastQueries());
  }

  /** The encoder the model was trained with. */
  public static ChronosEncoder encoder() {
    return encoder(CONTEXT);
  }

  /**
   * The encoder the model was trained with, reading the newest {@code context} values (at most
   * {@value #MAX_POSITIONS}; the agent's windows use {@value #CONTEXT}).
   */
  public static ChronosEncoder encoder(int context) {
    return ChronosEncoder.builder()
        .bins(BINS)
        .low(LOW)
        .high(HIGH)
        .firstTokenId(FIRST_TOKEN_ID)
        .appendEos(false)
        .maxTokens(checkedContext(context))
        .build();
  }

  private static int checkedContext(int context) {
    if (context < 1 || context > MAX_POSITIONS) {
      throw new IllegalArgumentException(
          "the numeric LM reads 1 to " + MAX_POSITIONS + " values, not " + context);
    }
    return context;
  }
}
