package io.isowatch.engine.spec;

import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ChronosEncoder;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.InputFormat;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.Pooling;
import io.isowatch.model.encode.ResourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code model} section of a configuration: a bundled model ({@code bundled: numeric-lm},
 * {@code minilm-int8} or {@code minilm-fp32}; {@code int8} and {@code fp32} still read) or a user's
 * own ONNX export ({@code custom:} with the fields of a {@link ModelManifest}).
 *
 * @param manifest the model to load
 * @param custom whether it is the user's export (its files are then checked at start)
 */
public record ModelConfig(ModelManifest manifest, boolean custom) {
  /** The bundled models by the labels a configuration gives them, older labels included. */
  private static final Map<String, ModelChoice> BUNDLED = bundledLabels();

  /** The manifest builder's field names as the configuration spells them. */
  private static final Map<String, String> FIELD_NAMES =
      Map.of(
          "inputIdsName", "input-ids",
          "attentionMaskName", "attention-mask",
          "tokenTypeIdsName", "token-type-ids",
          "hiddenStateOutput", "hidden-state-output",
          "logitsOutput", "logits-output",
          "maxTokens", "max-tokens",
          "hiddenWidth", "width",
          "inputFormat", "input-format",
          "numericVocabulary", "numeric-vocabulary",
          "forecastQueries", "forecast-queries");

  public static ModelConfig read(ConfigNode model) throws InputFormatException {
    model.allowOnly("bundled", "custom");
    if (model.has("bundled") && model.has("custom")) {
      throw model.error("give either bundled or custom, not both");
    }
    if (!model.has("custom")) {
      ModelChoice bundled = model.choice("bundled", ModelChoice.DEFAULT, BUNDLED);
      return new ModelConfig(bundled.manifest(), false);
    }
    ConfigNode custom =
        model
            .section("custom")
            .allowOnly(
                "onnx",
                "tokenizer",
                "name",
                "variant",
                "input-ids",
                "attention-mask",
                "token-type-ids",
                "hidden-state-output",
                "logits-output",
                "pooling",
                "max-tokens",
                "width",
                "input-format",
                "numeric-vocabulary",
                "forecast-queries");
    Path onnx = custom.requiredPath("onnx");
    InputFormat format =
        custom.choice(
            "input-format",
            ModelManifest.DEFAULT_INPUT_FORMAT,
            ConfigNode.labels(InputFormat.class));
    ModelManifest.Builder builder =
        ModelManifest.builder()
            .model(ResourceLocation.file(onnx))
            .inputFormat(format)
            .variant(custom.rawText("variant", ""))
            .inputIdsName(custom.text("input-ids", ModelManifest.DEFAULT_INPUT_IDS_NAME))
            .attentionMaskName(
                custom.text("attention-mask", ModelManifest.DEFAULT_ATTENTION_MASK_NAME))
            .hiddenStateOutput(
                custom.text("hidden-state-output", ModelManifest.DEFAULT_HIDDEN_STATE_OUTPUT))
            .pooling(
                custom.choice(
                    "pooling", ModelManifest.DEFAULT_POOLING, ConfigNode.labels(Pooling.class)))
            .maxTokens(custom.atLeast("max-tokens", ModelManifest.DEFAULT_MAX_TOKENS, 1));
    custom.optionalText("name").ifPresent(builder::name);
    custom.optionalText("token-type-ids").ifPresent(builder::tokenTypeIdsName);
    custom.optionalText("logits-output").ifPresent(builder::logitsOutput);
    custom.optionalInteger("width", 1, Integer.MAX_VALUE).ifPresent(builder::hiddenWidth);
    if (format == InputFormat.TEXT) {
      builder.tokenizer(ResourceLocation.file(custom.requiredPath("tokenizer")));
    } else if (custom.has("tokenizer")) {
      throw custom.error(
          "tokenizer", "only with input-format text; " + label(format) + " needs no tokenizer");
    }
    if (custom.has("numeric-vocabulary")) {
      if (!custom.has("logits-output")) {
        throw custom.error(
            "numeric-vocabulary", "needs logits-output: the graph output whose logits it indexes");
      }
      builder.numericVocabulary(numericVocabulary(custom.section("numeric-vocabulary")));
    }
    if (custom.has("forecast-queries")) {
      builder.forecastQueries(forecastQueries(custom.section("forecast-queries")));
    }
    try {
      return new ModelConfig(builder.build(), true);
    } catch (IllegalArgumentException e) {
      throw custom.error(OptionNames.rename(e.getMessage(), FIELD_NAMES));
    }
  }

  /**
   * {@code range} (evenly spaced values on a run of ids, Chronos's by default) or {@code tokens}
   * (each id with its value).
   */
  private static NumericVocabulary numericVocabulary(ConfigNode vocabulary)
      throws InputFormatException {
    vocabulary.allowOnly("range", "tokens");
    if (vocabulary.has("range") == vocabulary.has("tokens")) {
      throw vocabulary.error(
          "give either range (a run of token ids for evenly spaced values) or tokens (each id"
              + " with its value)");
    }
    if (vocabulary.has("range")) {
      ConfigNode range =
          vocabulary.section("range").allowOnly("first-token-id", "count", "low", "high");
      double low = range.number("low", ChronosEncoder.DEFAULT_LOW);
      double high = range.number("high", ChronosEncoder.DEFAULT_HIGH);
      if (!(high > low)) {
        throw range.error(
            "high",
            "must be greater than "
                + range.path("low")
                + " ("
                + ConfigNode.shown(low)
                + "), got "
                + ConfigNode.shown(high));
      }
      int first =
          range.integer(
              "first-token-id", ChronosEncoder.DEFAULT_FIRST_TOKEN_ID, 0, Integer.MAX_VALUE);
      int count = range.integer("count", ChronosEncoder.DEFAULT_BINS, 2, Integer.MAX_VALUE);
      try {
        return new NumericVocabulary.Range(first, count, low, high);
      } catch (IllegalArgumentException e) {
        throw range.error(e.getMessage().replace("numericVocabulary ", ""));
      }
    }
    List<ConfigNode> tokens = vocabulary.sections("tokens");
    if (tokens.size() < 2) {
      throw vocabulary.error("tokens", "needs at least 2 tokens, got " + tokens.size());
    }
    Map<Integer, Double> valuesById = new LinkedHashMap<>();
    for (ConfigNode token : tokens) {
      token.allowOnly("id", "value");
      int id =
          token
              .optionalInteger("id", 0, Integer.MAX_VALUE)
              .orElseThrow(() -> token.error("id", "required: the token id"));
      double value =
          token
              .optionalNumber("value")
              .orElseThrow(() -> token.error("value", "required: the value the token stands for"));
      if (valuesById.put(id, value) != null) {
        throw token.error("id", "token " + id + " is listed twice");
      }
    }
    try {
      return NumericVocabulary.listed(valuesById);
    } catch (IllegalArgumentException e) {
      throw vocabulary.error("tokens", e.getMessage().replace("numericVocabulary ", ""));
    }
  }

  /**
   * The query token a model was trained to answer "the value n steps ahead" with, and the most n.
   */
  private static ForecastQueries forecastQueries(ConfigNode queries) throws InputFormatException {
    queries.allowOnly("token-id", "max-steps");
    int id =
        queries
            .optionalInteger("token-id", 0, Integer.MAX_VALUE)
            .orElseThrow(
                () -> queries.error("token-id", "required: the id the model reads as a query"));
    int maxSteps =
        queries
            .optionalInteger("max-steps", 1, Integer.MAX_VALUE)
            .orElseThrow(
                () ->
                    queries.error(
                        "max-steps", "required: the most steps ahead it was trained for"));
    return new ForecastQueries(id, maxSteps);
  }

  private static Map<String, ModelChoice> bundledLabels() {
    Map<String, ModelChoice> labels = new java.util.TreeMap<>();
    for (ModelChoice choice : ModelChoice.values()) {
      labels.put(choice.label(), choice);
    }
    labels.put("int8", ModelChoice.MINILM_INT8);
    labels.put("fp32", ModelChoice.MINILM_FP32);
    return labels;
  }

  private static String label(InputFormat format) {
    return ConfigNode.labels(InputFormat.class).entrySet().stream()
        .filter(entry -> entry.getValue() == format)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Checks that a custom model's files exist, before anything is loaded.
   *
   * @throws InputFormatException naming the key and the path of a missing file
   */
  public void requireFiles() throws InputFormatException {
    if (!custom) {
      return;
    }
    requireFile("model.custom.onnx", manifest.model());
    if (manifest.textTokenizer().isPresent()) {
      requireFile("model.custom.tokenizer", manifest.tokenizer());
    }
  }

  private static void requireFile(String key, ResourceLocation location)
      throws InputFormatException {
    Path path = ((ResourceLocation.File) location).path();
    if (Files.isDirectory(path)) {
      throw new InputFormatException(key + ": " + path + " is a directory, not a file");
    }
    if (!Files.isRegularFile(path)) {
      throw new InputFormatException(key + ": no such file: " + path);
    }
    if (!Files.isReadable(path)) {
      throw new InputFormatException(key + ": cannot read " + path + ": permission denied");
    }
  }
}
