package io.isowatch.model.embed;

/**
 * How a model reads a window, and so which encoder feeds it.
 *
 * <ul>
 *   <li>{@link #TEXT}: the values written as text and tokenized by the model's own tokenizer
 *       (LLMTime style, {@code TextSerializationEncoder}); the manifest names the tokenizer.
 *   <li>{@link #CHRONOS_TOKENS}: the values mean-scaled and quantized straight to token ids
 *       (Chronos style, {@code ChronosEncoder}); no tokenizer file.
 * </ul>
 */
public enum InputFormat {
  TEXT,
  CHRONOS_TOKENS
}
