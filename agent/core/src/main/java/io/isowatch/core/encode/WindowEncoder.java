package io.isowatch.core.encode;

/**
 * Turns the values of one window into a model's input: text through a tokenizer (LLMTime style),
 * scaled and quantized tokens (Chronos style), or float patches.
 */
public interface WindowEncoder {
  EncodedWindow encode(double[] values);

  /** What the encoder does, for logs and metrics labels, e.g. {@code "text(int3, minilm)"}. */
  String describe();
}
