package io.isowatch.engine.model;

import io.isowatch.core.encode.NumberFormat;
import io.isowatch.core.encode.Scaling;
import io.isowatch.core.encode.TextSerializationEncoder;
import java.io.Serializable;
import java.util.Objects;

/**
 * How windows become model input: the encoder options a user chooses (the tokenizer and the token
 * limit come from the model). A text model reads the text options, a Chronos-style model the {@code
 * chronos} ones.
 *
 * @param numberFormat how each scaled value is written
 * @param separator written between values; not empty, no digit
 * @param scaling how a window's values are mapped to [0, 1]
 * @param trailingSeparator whether the text ends with the separator, so that the model's next token
 *     begins a value (for a text model's digit logits)
 * @param chronos the quantization of a model with {@code input-format: chronos-tokens} that does
 *     not name its own (the bundled numeric LM does, see {@link ModelChoice})
 */
public record EncoderSettings(
    NumberFormat numberFormat,
    String separator,
    Scaling scaling,
    boolean trailingSeparator,
    ChronosSettings chronos)
    implements Serializable {
  public EncoderSettings {
    Objects.requireNonNull(numberFormat, "numberFormat");
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(scaling, "scaling");
    Objects.requireNonNull(chronos, "chronos");
  }

  /** Text options, with Chronos's own quantization. */
  public EncoderSettings(NumberFormat numberFormat, String separator, Scaling scaling) {
    this(
        numberFormat,
        separator,
        scaling,
        TextSerializationEncoder.DEFAULT_TRAILING_SEPARATOR,
        ChronosSettings.defaults());
  }

  /** The encoder's own defaults. */
  public static EncoderSettings defaults() {
    return new EncoderSettings(
        TextSerializationEncoder.DEFAULT_NUMBER_FORMAT,
        TextSerializationEncoder.DEFAULT_SEPARATOR,
        TextSerializationEncoder.DEFAULT_SCALING);
  }
}
