package io.isowatch.cli.command;

import io.isowatch.engine.model.ModelChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --model} option of every command that runs a bundled model (demo, replay, watch,
 * evaluate): a {@link ModelChoice} label, or the older {@code int8} / {@code fp32}.
 */
public final class ModelOption implements ITypeConverter<ModelChoice> {
  public static final String DESCRIPTION =
      "Bundled model: numeric-lm (the project's numeric LM: Chronos tokens, forecasts from its own"
          + " logits), minilm-int8 or minilm-fp32 (MiniLM: text, forecasts from the online head);"
          + " default: ${DEFAULT-VALUE}.";

  @Override
  public ModelChoice convert(String value) {
    try {
      return ModelChoice.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
