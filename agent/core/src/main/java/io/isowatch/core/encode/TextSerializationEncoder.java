package io.isowatch.core.encode;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a window as text and tokenizes it, the way LLMTime (Gruver et al. 2023) feeds numbers to a
 * language model: values are scaled ({@link Scaling}), quantized to 1000 levels, written in a
 * {@link NumberFormat} and joined by a separator, then tokenized by a HuggingFace {@code
 * tokenizer.json} (through DJL, offline, with the tokenizer's special tokens such as {@code [CLS]}
 * and {@code [SEP]}).
 *
 * <pre>{@code
 * ModelManifest manifest = BundledModels.INT8.manifest();
 * try (TextSerializationEncoder encoder =
 *     TextSerializationEncoder.builder()
 *         .tokenizer(manifest.tokenizer())
 *         .maxTokens(manifest.maxTokens())
 *         .build()) {
 *   encoder.text(new double[] {10, 20, 15, 30}); // "0, 500, 250, 999"
 *   EncodedWindow window = encoder.encode(new double[] {10, 20, 15, 30});
 * }
 * }</pre>
 *
 * <p><b>Too long for the model.</b> When a window's tokens exceed {@code maxTokens}, the oldest
 * values are dropped, whole values at a time, until the text of the newest ones fits: the recent
 * end of a window is the part a forecaster reads. Scaling is computed on the whole window first, so
 * a kept value is written the same way whether or not older values were dropped. Special tokens are
 * always kept.
 *
 * <p>Deterministic: the same values always give the same tokens. Close the encoder to free the
 * tokenizer's native memory.
 */
public final class TextSerializationEncoder implements WindowEncoder, AutoCloseable {
  /**
   * Integers cost about 2 tokens a value with its comma in BERT vocabularies, half of what 3-digit
   * decimals cost (TOOLCHAIN.md); the tokens a window costs set the model's throughput.
   */
  public static final NumberFormat DEFAULT_NUMBER_FORMAT = NumberFormat.INTEGER;

  /** {@code ", "} and {@code " , "} tokenize alike in BERT vocabularies; this one reads better. */
  public static final String DEFAULT_SEPARATOR = ", ";

  public static final Scaling DEFAULT_SCALING = Scaling.minMax();

  /** The position limit of BERT-family models; set the model's own from its manifest. */
  public static final int DEFAULT_MAX_TOKENS = 512;

  private final HuggingFaceTokenizer tokenizer;
  private final String tokenizerName;
  private final NumberFormat numberFormat;
  private final String separator;
  private final Scaling scaling;
  private final int maxTokens;

  private TextSerializationEncoder(Builder builder, HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
    this.tokenizerName = builder.tokenizer.fileName();
    this.numberFormat = builder.numberFormat;
    this.separator = builder.separator;
    this.scaling = builder.scaling;
    this.maxTokens = builder.maxTokens;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The window's tokens, at most {@code maxTokens} of them.
   *
   * @throws IllegalArgumentException if {@code values} is empty or holds a NaN or infinite value,
   *     or if even the newest value alone does not fit in {@code maxTokens}
   */
  @Override
  public EncodedWindow encode(double[] values) {
    int[] levels = levels(values);
    Encoding encoding = tokenize(levels, 0);
    if (encoding.getIds().length > maxTokens) {
      encoding = newestThatFit(levels);
    }
    return new EncodedWindow(encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds());
  }

  /** The text of the whole window, before tokenization (and before any values are dropped). */
  public String text(double[] values) {
    return text(levels(values), 0);
  }

  /** How many tokens the tokenizer adds around every text, e.g. 2 for {@code [CLS] ... [SEP]}. */
  public int specialTokens() {
    return tokenizer.encode("").getIds().length;
  }

  public NumberFormat numberFormat() {
    return numberFormat;
  }

  public String separator() {
    return separator;
  }

  public Scaling scaling() {
    return scaling;
  }

  public int maxTokens() {
    return maxTokens;
  }

  @Override
  public String describe() {
    return "text("
        + numberFormat.label()
        + ", "
        + scaling.describe()
        + ", "
        + tokenizerName
        + ", max "
        + maxTokens
        + " tokens)";
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private int[] levels(double[] values) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "values["
                + i
                + "] is "
                + values[i]
                + "; the encoder writes finite numbers only (drop or fill missing values first)");
      }
    }
    double[] unit = scaling.toUnit(values);
    int[] levels = new int[unit.length];
    for (int i = 0; i < unit.length; i++) {
      levels[i] = NumberFormat.level(unit[i]);
    }
    return levels;
  }

  private String text(int[] levels, int from) {
    StringBuilder text = new StringBuilder((levels.length - from) * 6);
    for (int i = from; i < levels.length; i++) {
      if (i > from) {
        text.append(separator);
      }
      numberFormat.appendLevel(text, levels[i]);
    }
    return text.toString();
  }

  private Encoding tokenize(int[] levels, int from) {
    return tokenizer.encode(text(levels, from));
  }

  /**
   * The encoding of the longest suffix of the window that fits: a binary search over how many of
   * the newest values to keep (token counts grow with the values kept).
   */
  private Encoding newestThatFit(int[] levels) {
    int fits = 0; // kept counts known to fit (0: none yet)
    Encoding best = null;
    int tooMany = levels.length; // the whole window is known not to fit
    while (tooMany - fits > 1) {
      int kept = fits + (tooMany - fits) / 2;
      Encoding encoding = tokenize(levels, levels.length - kept);
      if (encoding.getIds().length <= maxTokens) {
        fits = kept;
        best = encoding;
      } else {
        tooMany = kept;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(
          "maxTokens "
              + maxTokens
              + " is too small for even one value: the newest value alone encodes to "
              + tokenize(levels, levels.length - 1).getIds().length
              + " tokens");
    }
    return best;
  }

  /**
   * Builds a {@link TextSerializationEncoder}; every option starts at its {@code DEFAULT_}
   * constant, except {@link #tokenizer}, which is required.
   */
  public static final class Builder {
    private ResourceLocation tokenizer;
    private NumberFormat numberFormat = DEFAULT_NUMBER_FORMAT;
    private String separator = DEFAULT_SEPARATOR;
    private Scaling scaling = DEFAULT_SCALING;
    private int maxTokens = DEFAULT_MAX_TOKENS;

    private Builder() {}

    /** The model's {@code tokenizer.json}, on disk or on the classpath. Required. */
    public Builder tokenizer(ResourceLocation tokenizer) {
      this.tokenizer = tokenizer;
      return this;
    }

    public Builder numberFormat(NumberFormat numberFormat) {
      this.numberFormat = numberFormat;
      return this;
    }

    /** Written between values; must not be empty or contain a digit. */
    public Builder separator(String separator) {
      this.separator = separator;
      return this;
    }

    public Builder scaling(Scaling scaling) {
      this.scaling = scaling;
      return this;
    }

    /** The most tokens a window may have, special tokens included: the model's limit. */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * Loads the tokenizer and checks the options.
     *
     * @throws IllegalArgumentException naming the option that is missing or out of range
     * @throws UncheckedIOException naming the tokenizer's location when it cannot be read
     */
    public TextSerializationEncoder build() {
      if (tokenizer == null) {
        throw new IllegalArgumentException("tokenizer must be set");
      }
      if (numberFormat == null) {
        throw new IllegalArgumentException("numberFormat must be set");
      }
      if (scaling == null) {
        throw new IllegalArgumentException("scaling must be set");
      }
      if (separator == null || separator.isEmpty()) {
        throw new IllegalArgumentException("separator must not be empty");
      }
      if (separator.chars().anyMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            "separator must not contain digits, got \"" + separator + "\"");
      }
      if (maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
      }
      return new TextSerializationEncoder(this, load(tokenizer));
    }

    /**
     * Reads the tokenizer.json as a stream (so a resource inside a jar needs no temporary file),
     * with the tokenizer's own padding and truncation turned off: the embedder pads a batch, and
     * the encoder drops whole values itself.
     */
    private static HuggingFaceTokenizer load(ResourceLocation location) {
      try (InputStream in = location.open()) {
        return HuggingFaceTokenizer.newInstance(
            in, Map.of("addSpecialTokens", "true", "padding", "false", "truncation", "false"));
      } catch (NoSuchFileException e) {
        throw new UncheckedIOException("tokenizer not found: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read tokenizer " + location + ": " + e, e);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "tokenizer " + location + " is not a valid HuggingFace tokenizer.json: " + e, e);
      }
    }
  }
}
