package io.isowatch.model.embed;

import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.encode.ForecastQueries;
import io.isowatch.core.encode.MeanScaling;
import io.isowatch.core.predict.ModelLogitsSource;
import io.isowatch.model.encode.ResourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an embedder needs to know about an exported model, independent of the engine that runs it:
 * where the graph and its tokenizer are, which graph inputs take the token ids, attention mask and
 * token type ids, which output holds the hidden states (and the logits, if any), how to pool, and
 * how many tokens the model accepts, and which of its logits stand for values. A user plugs in
 * their own export by writing one of these; the CLI reads it from its configuration.
 *
 * <pre>{@code
 * ModelManifest gpt2 =
 *     ModelManifest.builder()
 *         .name("gpt2")
 *         .model(ResourceLocation.file(Path.of("models/gpt2/model.onnx")))
 *         .tokenizer(ResourceLocation.file(Path.of("models/gpt2/tokenizer.json")))
 *         .hiddenStateOutput("last_hidden_state")
 *         .logitsOutput("logits")
 *         .pooling(Pooling.LAST)
 *         .maxTokens(1024)
 *         .build();
 * }</pre>
 *
 * <p>A Chronos-style model reads quantized token ids instead of text, so it needs no tokenizer, and
 * its logits over the value tokens give a predictive distribution:
 *
 * <pre>{@code
 * ModelManifest chronos =
 *     ModelManifest.builder()
 *         .model(ResourceLocation.file(Path.of("models/chronos/model.onnx")))
 *         .inputFormat(InputFormat.CHRONOS_TOKENS)
 *         .logitsOutput("logits")
 *         .numericVocabulary(new NumericVocabulary.Range(3, 4093, -15, 15))
 *         .pooling(Pooling.LAST)
 *         .build();
 * }</pre>
 *
 * <p>{@link OnnxEmbedder} checks the manifest against the graph when it starts and names any
 * mismatch.
 *
 * @param name the model's name for logs, e.g. {@code "all-minilm-l6-v2"}
 * @param variant what distinguishes this export of the model, e.g. {@code "int8"}; may be empty
 * @param model the ONNX graph
 * @param inputFormat how the model reads a window: text through a tokenizer, or Chronos tokens
 * @param textTokenizer the HuggingFace {@code tokenizer.json} that goes with the graph; required
 *     for {@link InputFormat#TEXT}, absent otherwise (read it with {@link #tokenizer()})
 * @param inputIdsName graph input that takes the token ids, int64 [batch, tokens]
 * @param attentionMaskName graph input that takes the attention mask, int64 [batch, tokens]
 * @param tokenTypeIdsName graph input that takes the token type ids, when the graph has one
 * @param hiddenStateOutput graph output with the token hidden states, float [batch, tokens, width]
 * @param logitsOutput graph output with the logits, float [batch, tokens, vocab] or [batch, vocab]
 * @param pooling how token states become the window vector
 * @param maxTokens the most tokens a window may have, special tokens included
 * @param hiddenWidth width of the hidden states; when empty, read from the graph
 * @param numericVocabulary which logits stand for values, when the model's own logits give the
 *     predictive distribution; needs {@code logitsOutput}
 * @param forecastQueries how to ask the model for a value further ahead than the next, when it was
 *     trained to answer {@link ForecastQueries}; needs {@code numericVocabulary} and {@link
 *     InputFormat#CHRONOS_TOKENS}. {@code maxTokens} counts the queries too: a manifest that embeds
 *     windows of {@code c} values asked {@code h} steps ahead takes {@code c + h - 1}
 */
public record ModelManifest(
    String name,
    String variant,
    ResourceLocation model,
    InputFormat inputFormat,
    Optional<ResourceLocation> textTokenizer,
    String inputIdsName,
    String attentionMaskName,
    Optional<String> tokenTypeIdsName,
    String hiddenStateOutput,
    Optional<String> logitsOutput,
    Pooling pooling,
    int maxTokens,
    OptionalInt hiddenWidth,
    Optional<NumericVocabulary> numericVocabulary,
    Optional<ForecastQueries> forecastQueries) {

  public static final String DEFAULT_INPUT_IDS_NAME = "input_ids";
  public static final String DEFAULT_ATTENTION_MASK_NAME = "attention_mask";
  public static final String DEFAULT_HIDDEN_STATE_OUTPUT = "last_hidden_state";
  public static final Pooling DEFAULT_POOLING = Pooling.MEAN;
  public static final InputFormat DEFAULT_INPUT_FORMAT = InputFormat.TEXT;

  /** The position limit of BERT-family models. */
  public static final int DEFAULT_MAX_TOKENS = 512;

  public ModelManifest {
    requireName("name", name);
    requireSet("variant", variant);
    requireSet("model", model);
    requireSet("inputFormat", inputFormat);
    requireSet("textTokenizer", textTokenizer);
    if (inputFormat == InputFormat.TEXT && textTokenizer.isEmpty()) {
      throw new IllegalArgumentException("tokenizer must be set");
    }
    if (inputFormat != InputFormat.TEXT && textTokenizer.isPresent()) {
      throw new IllegalArgumentException(
          "tokenizer is only read with inputFormat TEXT; inputFormat "
              + inputFormat
              + " encodes values as token ids itself");
    }
    requireName("inputIdsName", inputIdsName);
    requireName("attentionMaskName", attentionMaskName);
    requireSet("tokenTypeIdsName", tokenTypeIdsName);
    tokenTypeIdsName.ifPresent(value -> requireName("tokenTypeIdsName", value));
    requireName("hiddenStateOutput", hiddenStateOutput);
    requireSet("logitsOutput", logitsOutput);
    logitsOutput.ifPresent(value -> requireName("logitsOutput", value));
    requireSet("pooling", pooling);
    requireSet("hiddenWidth", hiddenWidth);
    requireSet("numericVocabulary", numericVocabulary);
    if (numericVocabulary.isPresent() && logitsOutput.isEmpty()) {
      throw new IllegalArgumentException(
          "numericVocabulary needs logitsOutput: name the graph output whose logits it indexes");
    }
    requireSet("forecastQueries", forecastQueries);
    forecastQueries.ifPresent(
        queries -> requireAnswerable(queries, inputFormat, numericVocabulary));
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    if (hiddenWidth.isPresent() && hiddenWidth.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "hiddenWidth must be at least 1, got " + hiddenWidth.getAsInt());
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("inputIdsName", inputIdsName);
    requireDistinct(inputs, "attentionMaskName", attentionMaskName);
    tokenTypeIdsName.ifPresent(value -> requireDistinct(inputs, "tokenTypeIdsName", value));
    logitsOutput.ifPresent(
        value -> {
          if (value.equals(hiddenStateOutput)) {
            throw new IllegalArgumentException(
                "logitsOutput must differ from hiddenStateOutput, both are \"" + value + "\"");
          }
        });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this manifest's values, to change a few of them. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .name(name)
            .variant(variant)
            .model(model)
            .inputFormat(inputFormat)
            .inputIdsName(inputIdsName)
            .attentionMaskName(attentionMaskName)
            .hiddenStateOutput(hiddenStateOutput)
            .pooling(pooling)
            .maxTokens(maxTokens);
    builder.tokenTypeIdsName = tokenTypeIdsName.orElse(null);
    builder.logitsOutput = logitsOutput.orElse(null);
    builder.hiddenWidth = hiddenWidth.isPresent() ? hiddenWidth.getAsInt() : null;
    builder.tokenizer = textTokenizer.orElse(null);
    builder.numericVocabulary = numericVocabulary.orElse(null);
    builder.forecastQueries = forecastQueries.orElse(null);
    return builder;
  }

  /**
   * The tokenizer of a {@link InputFormat#TEXT} model.
   *
   * @throws IllegalStateException if the model reads another input format and has none
   */
  public ResourceLocation tokenizer() {
    return textTokenizer.orElseThrow(
        () ->
            new IllegalStateException(
                "model " + label() + " reads " + inputFormat + " input and has no tokenizer"));
  }

  /**
   * The forecast source that reads this model's own logits: needs {@code logitsOutput} and {@code
   * numericVocabulary}.
   *
   * @param scaling the encoder's scaling for a Chronos-style model, or empty for scale 1
   * @throws IllegalArgumentException naming the manifest field that is missing
   */
  public ModelLogitsSource logitsSource(Optional<MeanScaling> scaling) {
    if (logitsOutput().isEmpty()) {
      throw new IllegalArgumentException(
          "model " + label() + " has no logitsOutput: its own softmax cannot be read");
    }
    NumericVocabulary vocabulary =
        numericVocabulary()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model "
                            + label()
                            + " has no numericVocabulary: name the logits that stand for values"));
    ModelLogitsSource.Builder builder = ModelLogitsSource.builder().vocabulary(vocabulary);
    scaling.ifPresent(builder::scaling);
    return builder.build();
  }

  /** Name and variant, e.g. {@code "all-minilm-l6-v2 int8"}. */
  public String label() {
    return variant.isEmpty() ? name : name + " " + variant;
  }

  private static void requireSet(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must be set");
    }
  }

  private static void requireName(String field, String value) {
    requireSet(field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  /** Queries are answered in the value tokens' logits, after a window of value tokens. */
  private static void requireAnswerable(
      ForecastQueries queries, InputFormat inputFormat, Optional<NumericVocabulary> vocabulary) {
    if (inputFormat != InputFormat.CHRONOS_TOKENS) {
      throw new IllegalArgumentException(
          "forecastQueries needs inputFormat CHRONOS_TOKENS (queries follow value tokens), got "
              + inputFormat);
    }
    NumericVocabulary values =
        vocabulary.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "forecastQueries needs numericVocabulary: the logits its answers are read from"));
    for (int id : values.tokenIds()) {
      if (id == queries.queryTokenId()) {
        throw new IllegalArgumentException(
            "forecastQueries queryTokenId " + id + " is one of the value tokens");
      }
    }
  }

  private static void requireDistinct(Map<String, String> seen, String field, String value) {
    seen.forEach(
        (other, otherValue) -> {
          if (otherValue.equals(value)) {
            throw new IllegalArgumentException(
                field + " must differ from " + other + ", both are \"" + value + "\"");
          }
        });
    seen.put(field, value);
  }

  /**
   * Builds a {@link ModelManifest}. {@code model} is required, and so is {@code tokenizer} for
   * {@link InputFormat#TEXT} (the default input format); the name defaults to the model's file name
   * without {@code .onnx}, the variant to empty, the rest to their {@code DEFAULT_} constants;
   * token type ids, logits, the hidden width, the numeric vocabulary and forecast queries default
   * to absent.
   */
  public static final class Builder {
    private String name;
    private String variant = "";
    private ResourceLocation model;
    private InputFormat inputFormat = DEFAULT_INPUT_FORMAT;
    private ResourceLocation tokenizer;
    private String inputIdsName = DEFAULT_INPUT_IDS_NAME;
    private String attentionMaskName = DEFAULT_ATTENTION_MASK_NAME;
    private String tokenTypeIdsName;
    private String hiddenStateOutput = DEFAULT_HIDDEN_STATE_OUTPUT;
    private String logitsOutput;
    private Pooling pooling = DEFAULT_POOLING;
    private int maxTokens = DEFAULT_MAX_TOKENS;
    private Integer hiddenWidth;
    private NumericVocabulary numericVocabulary;
    private ForecastQueries forecastQueries;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder variant(String variant) {
      this.variant = variant;
      return this;
    }

    public Builder model(ResourceLocation model) {
      this.model = model;
      return this;
    }

    /** How the model reads a window; {@link InputFormat#TEXT} by default. */
    public Builder inputFormat(InputFormat inputFormat) {
      this.inputFormat = inputFormat;
      return this;
    }

    /** The tokenizer.json, for {@link InputFormat#TEXT} models only. */
    public Builder tokenizer(ResourceLocation tokenizer) {
      this.tokenizer = tokenizer;
      return this;
    }

    public Builder inputIdsName(String inputIdsName) {
      this.inputIdsName = inputIdsName;
      return this;
    }

    public Builder attentionMaskName(String attentionMaskName) {
      this.attentionMaskName = attentionMaskName;
      return this;
    }

    /** The token type ids input, for graphs that have one (BERT); absent by default. */
    public Builder tokenTypeIdsName(String tokenTypeIdsName) {
      this.tokenTypeIdsName = tokenTypeIdsName;
      return this;
    }

    public Builder hiddenStateOutput(String hiddenStateOutput) {
      this.hiddenStateOutput = hiddenStateOutput;
      return this;
    }

    /** The logits output, for language-model heads; absent by default. */
    public Builder logitsOutput(String logitsOutput) {
      this.logitsOutput = logitsOutput;
      return this;
    }

    public Builder pooling(Pooling pooling) {
      this.pooling = pooling;
      return this;
    }

    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /** The hidden-state width, when the graph does not declare it; checked against it otherwise. */
    public Builder hiddenWidth(int hiddenWidth) {
      this.hiddenWidth = hiddenWidth;
      return this;
    }

    /** Which logits stand for values (needs {@link #logitsOutput}); absent by default. */
    public Builder numericVocabulary(NumericVocabulary numericVocabulary) {
      this.numericVocabulary = numericVocabulary;
      return this;
    }

    /**
     * How to ask the model for a value further ahead, when it was trained to answer {@link
     * ForecastQueries} (needs {@link #numericVocabulary}); absent by default.
     */
    public Builder forecastQueries(ForecastQueries forecastQueries) {
      this.forecastQueries = forecastQueries;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field that is missing, blank or out of range
     */
    public ModelManifest build() {
      requireSet("model", model);
      String resolvedName = name != null ? name : defaultName(model);
      return new ModelManifest(
          resolvedName,
          variant,
          model,
          inputFormat,
          Optional.ofNullable(tokenizer),
          inputIdsName,
          attentionMaskName,
          Optional.ofNullable(tokenTypeIdsName),
          hiddenStateOutput,
          Optional.ofNullable(logitsOutput),
          pooling,
          maxTokens,
          hiddenWidth == null ? OptionalInt.empty() : OptionalInt.of(hiddenWidth),
          Optional.ofNullable(numericVocabulary),
          Optional.ofNullable(forecastQueries));
    }

    private static String defaultName(ResourceLocation model) {
      String file = Objects.requireNonNull(model).fileName();
      return file.endsWith(".onnx") ? file.substring(0, file.length() - ".onnx".length()) : file;
    }
  }
}
