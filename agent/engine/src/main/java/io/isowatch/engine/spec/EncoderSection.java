package io.isowatch.engine.spec;

import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.engine.model.ChronosSettings;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.Scaling;
import io.isowatch.model.encode.TextSerializationEncoder;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code encoder} section of a configuration: how windows become model input (text options, the
 * scaling, and the Chronos quantization of a user's token model).
 */
final class EncoderSection {
  /** The chronos encoder's builder options as the configuration spells them. */
  private static final Map<String, String> CHRONOS_NAMES =
      Map.of(
          "firstTokenId", "first-token-id",
          "eosTokenId", "eos-token-id",
          "appendEos", "append-eos");

  /** The {@code type} of {@code encoder.scaling}. */
  enum ScalingType {
    MIN_MAX,
    FIXED
  }

  private EncoderSection() {}

  /** Reads the {@code encoder} section. */
  static EncoderSettings read(ConfigNode encoder) throws InputFormatException {
    encoder.allowOnly("number-format", "separator", "scaling", "trailing-separator", "chronos");
    NumberFormat format =
        encoder.choice(
            "number-format",
            TextSerializationEncoder.DEFAULT_NUMBER_FORMAT,
            ConfigNode.labels(NumberFormat.class));
    String separator = encoder.rawText("separator", TextSerializationEncoder.DEFAULT_SEPARATOR);
    if (separator.isEmpty() || separator.chars().anyMatch(Character::isDigit)) {
      throw encoder.error(
          "separator", "must not be empty or contain a digit, got \"" + separator + "\"");
    }
    return new EncoderSettings(
        format,
        separator,
        scaling(encoder.section("scaling")),
        encoder.bool("trailing-separator", TextSerializationEncoder.DEFAULT_TRAILING_SEPARATOR),
        chronos(encoder.section("chronos")));
  }

  private static ChronosSettings chronos(ConfigNode chronos) throws InputFormatException {
    chronos.allowOnly("bins", "low", "high", "first-token-id", "eos-token-id", "append-eos");
    ChronosSettings settings =
        new ChronosSettings(
            chronos.integer("bins", ChronosEncoder.DEFAULT_BINS, 2, Integer.MAX_VALUE),
            chronos.number("low", ChronosEncoder.DEFAULT_LOW),
            chronos.number("high", ChronosEncoder.DEFAULT_HIGH),
            chronos.integer(
                "first-token-id", ChronosEncoder.DEFAULT_FIRST_TOKEN_ID, 0, Integer.MAX_VALUE),
            chronos.integer(
                "eos-token-id", ChronosEncoder.DEFAULT_EOS_TOKEN_ID, 0, Integer.MAX_VALUE),
            chronos.bool("append-eos", ChronosEncoder.DEFAULT_APPEND_EOS));
    try {
      settings.encoder(ChronosEncoder.DEFAULT_MAX_TOKENS);
    } catch (IllegalArgumentException e) {
      throw chronos.error(OptionNames.rename(e.getMessage(), CHRONOS_NAMES));
    }
    return settings;
  }

  /**
   * A Chronos-style model reads and answers in one vocabulary: the value tokens the encoder writes
   * must be the ones the model's numeric vocabulary names, when it names a range.
   */
  static void requireOneVocabulary(ModelConfig model, EncoderSettings encoder)
      throws InputFormatException {
    ModelManifest manifest = model.manifest();
    // A bundled model brings its own tokens (ModelChoice.tokens); only a user's export reads these.
    if (!model.custom() || manifest.inputFormat() != InputFormat.CHRONOS_TOKENS) {
      return;
    }
    NumericVocabulary.Range written = encoder.chronos().vocabulary();
    Optional<NumericVocabulary> read = manifest.numericVocabulary();
    if (read.isPresent()
        && read.get() instanceof NumericVocabulary.Range
        && !read.get().equals(written)) {
      throw new InputFormatException(
          "encoder.chronos: bins, low, high and first-token-id give "
              + written.describe()
              + ", but model.custom.numeric-vocabulary.range gives "
              + read.get().describe()
              + "; a Chronos model reads and predicts the same value tokens");
    }
  }

  private static Scaling scaling(ConfigNode scaling) throws InputFormatException {
    scaling.allowOnly("type", "low", "high");
    ScalingType type =
        scaling.choice("type", ScalingType.MIN_MAX, ConfigNode.labels(ScalingType.class));
    Optional<Double> low = scaling.optionalNumber("low");
    Optional<Double> high = scaling.optionalNumber("high");
    if (type == ScalingType.MIN_MAX) {
      if (low.isPresent() || high.isPresent()) {
        throw scaling.error(
            low.isPresent() ? "low" : "high", "only for type fixed (min-max scales each window)");
      }
      return TextSerializationEncoder.DEFAULT_SCALING;
    }
    if (low.isEmpty()) {
      throw scaling.error("low", "required with type fixed: the value written as the lowest level");
    }
    if (high.isEmpty()) {
      throw scaling.error(
          "high", "required with type fixed: the value written as the highest level");
    }
    if (!(high.get() > low.get()) || !Double.isFinite(high.get() - low.get())) {
      throw scaling.error(
          "high",
          "must be greater than "
              + scaling.path("low")
              + " ("
              + ConfigNode.shown(low.get())
              + "), got "
              + ConfigNode.shown(high.get()));
    }
    return Scaling.fixed(low.get(), high.get());
  }
}
