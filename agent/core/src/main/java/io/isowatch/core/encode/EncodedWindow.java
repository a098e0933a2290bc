package io.isowatch.core.encode;

/**
 * A window in a model's input format, before padding to a batch: token ids with their attention
 * mask and token type ids (all of one length, the real tokens only).
 */
public record EncodedWindow(long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {
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
  }

  public int length() {
    return inputIds.length;
  }
}
