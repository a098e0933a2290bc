package io.isowatch.engine.model;

import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.NumericLanguageModel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The models that ship with isowatch, as every entry point names them ({@code --model}, {@code
 * model.bundled}, the Flink job's {@code --model}): the project's numeric LM (Chronos tokens,
 * forecasts from its own logits) or MiniLM (text, forecasts from the online head) in either
 * variant. {@link #DEFAULT} is the one place that says which runs when none is named.
 */
public enum ModelChoice {
  NUMERIC_LM("numeric-lm"),
  MINILM_INT8("minilm-int8", "int8"),
  MINILM_FP32("minilm-fp32", "fp32");

  /** The model every entry point runs unless told otherwise. */
  public static final ModelChoice DEFAULT = NUMERIC_LM;

  private final String label;
  private final List<String> aliases;

  ModelChoice(String label, String... aliases) {
    this.label = label;
    this.aliases = List.of(aliases);
  }

  /** The name users write, e.g. {@code minilm-int8}. */
  public String label() {
    return label;
  }

  /** The label: what help texts show as a default. */
  @Override
  public String toString() {
    return label;
  }

  /** Every label, in declaration order, for help texts and error messages. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(ModelChoice::label).toList();
  }

  /**
   * The model a user named: its label, the older {@code int8} / {@code fp32}, or the constant name
   * ({@code INT8} of the old enum, {@code MINILM_INT8}), in any case.
   *
   * @throws IllegalArgumentException listing the labels when none matches
   */
  public static ModelChoice parse(String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ModelChoice choice : values()) {
      if (choice.label.equals(wanted) || choice.aliases.contains(wanted)) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        "expected one of " + String.join(", ", labels()) + ", got " + text);
  }

  /** The model's manifest. */
  public ModelManifest manifest() {
    return switch (this) {
      case NUMERIC_LM -> NumericLanguageModel.manifest();
      case MINILM_INT8 -> BundledModels.INT8.manifest();
      case MINILM_FP32 -> BundledModels.FP32.manifest();
    };
  }

  /**
   * The Chronos tokens the model was trained on, when it reads tokens: the value tokens its
   * manifest names, without EOS (a causal model predicts the next value from the last position).
   * Empty for a text model.
   */
  public Optional<ChronosSettings> tokens() {
    return manifest()
        .numericVocabulary()
        .filter(NumericVocabulary.Range.class::isInstance)
        .map(range -> ChronosSettings.forVocabulary((NumericVocabulary.Range) range, false));
  }

  /** The bundled choice whose manifest this is, if any. */
  public static Optional<ModelChoice> of(ModelManifest manifest) {
    return Arrays.stream(values()).filter(c -> c.manifest().equals(manifest)).findFirst();
  }
}
