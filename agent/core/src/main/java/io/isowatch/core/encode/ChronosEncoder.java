package io.isowatch.core.encode;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a window into token ids the way Chronos (Ansari et al. 2024) does, with no text and no
 * tokenizer: the values are divided by the window's {@link MeanScaling} scale, each scaled value
 * becomes the id of the nearest of {@code bins} evenly spaced centers from {@code low} to {@code
 * high} (values beyond them the outer ones), and an end-of-sequence token may close the window.
 *
 * <pre>{@code
 * ChronosEncoder encoder = ChronosEncoder.builder().build(); // Chronos's own vocabulary
 * encoder.encode(new double[] {2, -1, 0, 3}).inputIds();
 * // scale 1.5 -> [1.33, -0.67, 0, 2] -> the ids of the nearest centers, then EOS (1)
 * }</pre>
 *
 * <p><b>Chronos's numbers.</b> Its vocabulary has 4096 ids: PAD 0 and EOS 1 (its 2 special tokens),
 * then value tokens. It places 4093 centers ({@code n_tokens - n_special_tokens - 1}) evenly from
 * -15 to 15 and gives the center with index j the id {@code j + 3}: its quantizer counts the
 * boundaries below a value, one of which is the open lower end, so id 2 is never produced. These
 * are the defaults ({@link #DEFAULT_FIRST_TOKEN_ID} 3). A value on a boundary midway between two
 * centers takes the upper one, as Chronos's right-closed bucketing does. It reads at most 512
 * values (its {@code context_length}), the newest; the scale is the mean over those only. Chronos
 * appends EOS for its encoder-decoder (T5) models, not for its causal ones: turn {@link
 * Builder#appendEos} off for a causal export, whose last position's logits then predict the next
 * value.
 *
 * <p>Padding is the embedder's: it pads with id 0, which is Chronos's PAD. Deterministic and
 * stateless: one instance serves every feed and thread.
 */
public final class ChronosEncoder implements WindowEncoder {
  /** Value tokens (centers) of Chronos: 4096 ids less 2 special tokens less the unused id 2. */
  public static final int DEFAULT_BINS = 4093;

  /** Chronos's lowest center ({@code low_limit}), in mean-scaled units. */
  public static final double DEFAULT_LOW = -15;

  /** Chronos's highest center ({@code high_limit}), in mean-scaled units. */
  public static final double DEFAULT_HIGH = 15;

  /** The id of the lowest center: after PAD 0, EOS 1 and the id 2 Chronos never produces. */
  public static final int DEFAULT_FIRST_TOKEN_ID = 3;

  public static final int DEFAULT_EOS_TOKEN_ID = 1;

  /** Chronos's T5 models read an EOS after the context. */
  public static final boolean DEFAULT_APPEND_EOS = true;

  /** Chronos's context of 512 values, plus EOS. */
  public static final int DEFAULT_MAX_TOKENS = 513;

  private final int bins;
  private final double low;
  private final double high;
  private final double step;
  private final int firstTokenId;
  private final int eosTokenId;
  private final boolean appendEos;
  private final int maxTokens;
  private final MeanScaling scaling;

  private ChronosEncoder(Builder builder) {
    this.bins = builder.bins;
    this.low = builder.low;
    this.high = builder.high;
    this.step = (builder.high - builder.low) / (builder.bins - 1);
    this.firstTokenId = builder.firstTokenId;
    this.eosTokenId = builder.eosTokenId;
    this.appendEos = builder.appendEos;
    this.maxTokens = builder.maxTokens;
    this.scaling = new MeanScaling(builder.maxTokens - (builder.appendEos ? 1 : 0));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The ids of the window's newest values (as many as {@link #contextLength()}), all real (mask 1),
   * then EOS when {@code appendEos}.
   *
   * @throws IllegalArgumentException if {@code values} is empty or holds a NaN or infinite value
   */
  @Override
  public EncodedWindow encode(double[] values) {
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
                + "; the encoder quantizes finite numbers only (drop or fill missing values first)");
      }
    }
    double scale = scaling.scale(values);
    int start = scaling.contextStart(values.length);
    int length = values.length - start + (appendEos ? 1 : 0);
    long[] ids = new long[length];
    for (int i = start; i < values.length; i++) {
      ids[i - start] = tokenId(values[i] / scale);
    }
    if (appendEos) {
      ids[length - 1] = eosTokenId;
    }
    long[] mask = new long[length];
    Arrays.fill(mask, 1);
    return new EncodedWindow(ids, mask, new long[length]);
  }

  /** The id of the center nearest to a value in scaled units (the outer ones beyond them). */
  public int tokenId(double scaledValue) {
    double position = Math.floor((scaledValue - low) / step + 0.5);
    int index = (int) Math.max(0, Math.min(bins - 1, position));
    return firstTokenId + index;
  }

  /** The scaling the encoder divides by; a softmax source reading the model's answer shares it. */
  public MeanScaling scaling() {
    return scaling;
  }

  /** The most values a window contributes: {@code maxTokens}, less one for EOS. */
  public int contextLength() {
    return scaling.contextLength();
  }

  public int bins() {
    return bins;
  }

  public double low() {
    return low;
  }

  public double high() {
    return high;
  }

  public int firstTokenId() {
    return firstTokenId;
  }

  public int eosTokenId() {
    return eosTokenId;
  }

  public boolean appendEos() {
    return appendEos;
  }

  public int maxTokens() {
    return maxTokens;
  }

  /** For example {@code "chronos(4093 bins over [-15.0, 15.0] from id 3, eos 1, max 513)"}. */
  @Override
  public String describe() {
    return "chronos("
        + bins
        + " bins over ["
        + low
        + ", "
        + high
        + "] from id "
        + firstTokenId
        + (appendEos ? ", eos " + eosTokenId : ", no eos")
        + ", max "
        + maxTokens
        + " tokens)";
  }

  /** Builds a {@link ChronosEncoder}; every option starts at its {@code DEFAULT_} constant. */
  public static final class Builder {
    private int bins = DEFAULT_BINS;
    private double low = DEFAULT_LOW;
    private double high = DEFAULT_HIGH;
    private int firstTokenId = DEFAULT_FIRST_TOKEN_ID;
    private int eosTokenId = DEFAULT_EOS_TOKEN_ID;
    private boolean appendEos = DEFAULT_APPEND_EOS;
    private int maxTokens = DEFAULT_MAX_TOKENS;

    private Builder() {}

    /** The number of value tokens (centers), at least 2. */
    public Builder bins(int bins) {
      this.bins = bins;
      return this;
    }

    /** The lowest center, in scaled units. */
    public Builder low(double low) {
      this.low = low;
      return this;
    }

    /** The highest center, in scaled units. */
    public Builder high(double high) {
      this.high = high;
      return this;
    }

    /** The id of the lowest center; the others follow it. */
    public Builder firstTokenId(int firstTokenId) {
      this.firstTokenId = firstTokenId;
      return this;
    }

    public Builder eosTokenId(int eosTokenId) {
      this.eosTokenId = eosTokenId;
      return this;
    }

    /** Whether EOS closes every window (Chronos T5: yes; a causal export: no). */
    public Builder appendEos(boolean appendEos) {
      this.appendEos = appendEos;
      return this;
    }

    /** The most tokens a window may have, EOS included: the model's limit. */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option that is out of range
     */
    public ChronosEncoder build() {
      if (bins < 2) {
        throw new IllegalArgumentException("bins must be at least 2, got " + bins);
      }
      if (!Double.isFinite(low)) {
        throw new IllegalArgumentException("low must be finite, got " + low);
      }
      if (!(Double.isFinite(high) && high > low && Double.isFinite(high - low))) {
        throw new IllegalArgumentException(
            "high must be finite and greater than low (" + low + "), got " + high);
      }
      if (firstTokenId < 0 || (long) firstTokenId + bins - 1 > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "firstTokenId must be at least 0 and leave room for "
                + bins
                + " ids, got "
                + firstTokenId);
      }
      if (appendEos && eosTokenId < 0) {
        throw new IllegalArgumentException("eosTokenId must be at least 0, got " + eosTokenId);
      }
      if (appendEos && eosTokenId >= firstTokenId && eosTokenId < firstTokenId + bins) {
        throw new IllegalArgumentException(
            "eosTokenId "
                + eosTokenId
                + " is one of the value tokens ["
                + firstTokenId
                + ", "
                + ((long) firstTokenId + bins)
                + ")");
      }
      int least = appendEos ? 2 : 1;
      if (maxTokens < least) {
        throw new IllegalArgumentException(
            "maxTokens must be at least "
                + least
                + (appendEos ? " (one value and EOS)" : "")
                + ", got "
                + maxTokens);
      }
      return new ChronosEncoder(this);
    }
  }
}
