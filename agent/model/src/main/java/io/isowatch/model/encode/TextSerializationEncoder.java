package io.isowatch.model.encode;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
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
 * <p><b>Reading the model's next token.</b> With {@link Builder#trailingSeparator}, the text ends
 * with the separator too, so a causal model's next token begins the next value: the logits of the
 * last position then hold its forecast of that value's first digit (the digit vocabulary of {@code
 * ModelLogitsSource}). Use a separator without a trailing space for BPE vocabularies such as
 * GPT-2's, whose digits after a space are other tokens.
 *
 * <p>Deterministic: the same values always give the same tokens. Close the encoder to free the
 * tokenizer's native memory.
 */
public final class TextSerializationEncoder implements WindowEncoder, AutoCloseable {
  /**
   * Measured with the bundled model (EmbeddingBenchmark: 64-value windows of a seeded feed, batches
   * of 32, 2 threads): integers need 2.5 tokens a value with their comma, and are the only format
   * whose 64 values fit in 256 tokens (decimals need 4.7, digits 4.0, so those windows lose their
   * oldest values); they gave 1.5-1.6x the windows/s of either (fp32 ~36 against ~23, int8 ~78
   * against ~48).
   */
  public static final NumberFormat DEFAULT_NUMBER_FORMAT = NumberFormat.INTEGER;

  /** {@code ", "} and {@code " , "} tokenize alike in BERT vocabularies; this one reads better. */
  public static final String DEFAULT_SEPARATOR = ", ";

  public static final Scaling DEFAULT_SCALING = Scaling.minMax();

  /** The position limit of BERT-family models; set the model's own from its manifest. */
  public static final int DEFAULT_MAX_TOKENS = 512;

  /** Windows end with their last value; the model's next token is most likely a separator. */
  public static final boolean DEFAULT_TRAILING_SEPARATOR = false;

  private final HuggingFaceTokenizer tokenizer;
  private final String tokenizerName;
  private final NumberFormat numberFormat;
  private final String separator;
  private final Scaling scaling;
  private final int maxTokens;
  private final boolean trailingSeparator;

  private TextSerializationEncoder(Builder builder, HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
    this.tokenizerName = builder.tokenizer.fileName();
    this.numberFormat = builder.numberFormat;
    this.separator = builder.separator;
    this.scaling = builder.scaling;
    this.maxTokens = builder.maxTokens;
    this.trailingSeparator = builder.trailingSeparator;
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
    int[] starts = new int[levels.length];
    Encoding encoding = tokenizer.encode(text(levels, 0, starts));
    if (encoding.getIds().length > maxTokens) {
      encoding = newestThatFit(levels, encoding, starts);
    }
    return new EncodedWindow(encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds());
  }

  /** The text of the whole window, before tokenization (and before any values are dropped). */
  public String text(double[] values) {
    return text(levels(values), 0, null);
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

  /** Whether the text ends with the separator, where the next value would begin. */
  public boolean trailingSeparator() {
    return trailingSeparator;
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
        + " tokens"
        + (trailingSeparator ? ", trailing separator)" : ")");
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

  /**
   * The text of the values from {@code from} on; when {@code starts} is given, it receives the
   * character offset where each value begins.
   */
  private String text(int[] levels, int from, int[] starts) {
    StringBuilder text = new StringBuilder((levels.length - from) * 6);
    for (int i = from; i < levels.length; i++) {
      if (i > from) {
        text.append(separator);
      }
      if (starts != null) {
        starts[i] = text.length();
      }
      numberFormat.appendLevel(text, levels[i]);
    }
    if (trailingSeparator) {
      text.append(separator);
    }
    return text.toString();
  }

  private boolean fits(Encoding encoding) {
    return encoding.getIds().length <= maxTokens;
  }

  /**
   * The encoding of the longest suffix of the window that fits. The whole window's encoding gives a
   * first guess: the tokens whose characters lie at or after the first kept value (plus the special
   * tokens). The guess is then checked, and moved one value at a time until the suffix fits and one
   * more value would not; with a WordPiece tokenizer the guess is exact, so that costs two more
   * tokenizations.
   */
  private Encoding newestThatFit(int[] levels, Encoding whole, int[] starts) {
    int from = guessFirstKept(whole, starts);
    Encoding encoding = tokenizer.encode(text(levels, from, null));
    while (!fits(encoding) && from < levels.length - 1) {
      from++;
      encoding = tokenizer.encode(text(levels, from, null));
    }
    if (!fits(encoding)) {
      throw new IllegalArgumentException(
          "maxTokens "
              + maxTokens
              + " is too small for even one value: the newest value alone encodes to "
              + encoding.getIds().length
              + " tokens");
    }
    while (from > 1) {
      Encoding longer = tokenizer.encode(text(levels, from - 1, null));
      if (!fits(longer)) {
        break;
      }
      from--;
      encoding = longer;
    }
    return encoding;
  }

  /**
   * The first value to keep if each value's tokens in the whole window's encoding (with the
   * separator before the next value) are what its text costs alone.
   */
  private int guessFirstKept(Encoding whole, int[] starts) {
    int values = starts.length;
    CharSpan[] spans = whole.getCharTokenSpans();
    int[] perValue = new int[values];
    int special = 0;
    for (int t = 0; t < whole.getIds().length; t++) {
      CharSpan span = spans == null || t >= spans.length ? null : spans[t];
      if (span == null) {
        special++;
        continue;
      }
      int value = Arrays.binarySearch(starts, span.getStart());
      perValue[value >= 0 ? value : Math.max(0, -value - 2)]++;
    }
    int tokens = special;
    for (int from = values - 1; from >= 1; from--) {
      tokens += perValue[from];
      if (tokens > maxTokens) {
        return Math.min(from + 1, values - 1);
      }
    }
    return 1;
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
    private boolean trailingSeparator = DEFAULT_TRAILING_SEPARATOR;

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

    /** End the text with the separator, so that the model's next token begins a value. */
    public Builder trailingSeparator(boolean trailingSeparator) {
      this.trailingSeparator = trailingSeparator;
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
