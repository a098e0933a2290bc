package io.isowatch.core.encode;

/**
 * A window in a model's input format, before padding to a batch: token ids with their attention
 * mask and token type ids (all of one length, the real tokens only).
 *
 * <p>The last {@code queries} tokens may be forecast queries ({@link ForecastQueries}): they ask
 * the model for a value further ahead and are not part of the window. An embedder reads the
 * window's token states from the context before them ({@link #contextLength()}), and its logits
 * from the last query, which holds the answer.
 *
 * @param queries how many of the trailing tokens are forecast queries; 0 for a plain window
 */
public record EncodedWindow(
    long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int queries) {
  public EncodedWindow {
    if (inputIds.length != attentionMask.length || inputIds.length != tokenTypeIds.length) {
      throw new IllegalArgumentException(
          "inputIds, attentionMask and tokenTypeIds must have one length, got "
              + inputIds.length
              + ", "
              + attentionMask.length
              + ", "
              + tokenTypeIds.length);
    }
    if (queries < 0 || (queries > 0 && queries >= inputIds.length)) {
      throw new IllegalArgumentException(
          "queries must be in [0, "
              + Math.max(0, inputIds.length - 1)
              + "] (at least one context token before them), got "
              + queries);
    }
    for (int i = inputIds.length - queries; i < inputIds.length; i++) {
      if (attentionMask[i] == 0) {
        // the answer is read at the last real token: a masked query would move it
        throw new IllegalArgumentException(
            "forecast queries must be real tokens (mask 1), position " + i + " has mask 0");
      }
    }
  }

  /** A plain window: no forecast queries. */
  public EncodedWindow(long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {
    this(inputIds, attentionMask, tokenTypeIds, 0);
  }

  public int length() {
    return inputIds.length;
  }

  /** The tokens before the forecast queries: the window itself. */
  public int contextLength() {
    return inputIds.length - queries;
  }
}
