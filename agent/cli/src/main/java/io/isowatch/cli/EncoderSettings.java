package io.isowatch.cli;

import io.isowatch.core.encode.NumberFormat;
import io.isowatch.core.encode.Scaling;
import io.isowatch.core.encode.TextSerializationEncoder;
import java.util.Objects;

/**
 * How windows are written as text for the model: the encoder options a user chooses (the tokenizer
 * and the token limit come from the model).
 *
 * @param numberFormat how each scaled value is written
 * @param separator written between values; not empty, no digit
 * @param scaling how a window's values are mapped to [0, 1]
 */
record EncoderSettings(NumberFormat numberFormat, String separator, Scaling scaling) {
  EncoderSettings {
    Objects.requireNonNull(numberFormat, "numberFormat");
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(scaling, "scaling");
  }

  /** The encoder's own defaults. */
  static EncoderSettings defaults() {
    return new EncoderSettings(
        TextSerializationEncoder.DEFAULT_NUMBER_FORMAT,
        TextSerializationEncoder.DEFAULT_SEPARATOR,
        TextSerializationEncoder.DEFAULT_SCALING);
  }
}
