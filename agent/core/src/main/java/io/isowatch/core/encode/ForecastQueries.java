package io.isowatch.core.encode;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Asks a model trained with forecast queries (isowatch's numeric LM) for the value {@code steps}
 * after a context in one pass, with no value fed back: the context's tokens, then {@code steps - 1}
 * query tokens. A query stands for a value not known yet. The model was trained to give, at the
 * context's last position and at each query, the distribution of the value one step further on, so
 * a cycle has to be read off the context rather than extrapolated from the newest steps. Causal
 * attention keeps each answer blind to the queries after it: the last position's logits answer for
 * {@code steps}, whatever longer question the same context is asked.
 *
 * @param queryTokenId the id the model was trained to read as a query
 * @param maxSteps the most steps ahead the model was trained to answer
 */
public record ForecastQueries(long queryTokenId, int maxSteps) implements Serializable {
  public ForecastQueries {
    if (queryTokenId < 0) {
      throw new IllegalArgumentException("queryTokenId must be at least 0, got " + queryTokenId);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
    }
  }

  /**
   * The context followed by {@code steps - 1} queries, all real (mask 1), counted in {@link
   * EncodedWindow#queries()} so that an embedder reads the window's states from the context only.
   *
   * @throws IllegalArgumentException if {@code steps} is not in [1, maxSteps], or the context
   *     already holds queries
   */
  public EncodedWindow ask(EncodedWindow context, int steps) {
    if (steps < 1 || steps > maxSteps) {
      throw new IllegalArgumentException(
          "steps must be in [1, " + maxSteps + "] (what the model was trained for), got " + steps);
    }
    if (context.queries() != 0) {
      throw new IllegalArgumentException(
          "the context already asks "
              + context.queries()
              + " forecast queries; ask a plain window");
    }
    int length = context.length() + steps - 1;
    long[] ids = Arrays.copyOf(context.inputIds(), length);
    Arrays.fill(ids, context.length(), length, queryTokenId);
    long[] mask = Arrays.copyOf(context.attentionMask(), length);
    Arrays.fill(mask, context.length(), length, 1);
    long[] types = Arrays.copyOf(context.tokenTypeIds(), length);
    return new EncodedWindow(ids, mask, types, steps - 1);
  }
}
