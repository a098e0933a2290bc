package io.isowatch.model.encode;

/**
 * How {@link TextSerializationEncoder} writes one scaled value. Every format writes the same 1000
 * levels: a value scaled to [0, 1] becomes the level {@code round(unit * 999)}, and the formats
 * differ only in the text, hence in the tokens a model sees and pays for.
 *
 * <pre>{@code
 * NumberFormat.INTEGER.write(512) // "512"
 * NumberFormat.DECIMAL.write(512) // "0.512"
 * NumberFormat.DIGITS.write(17)   // "0 1 7"
 * }</pre>
 */
public enum NumberFormat {
  /** The level as an integer without leading zeros: {@code "512"}, {@code "17"}. */
  INTEGER("integer") {
    @Override
    void append(StringBuilder text, int level) {
      text.append(level);
    }
  },

  /** The level / 1000 with three decimals, in [0, 1): {@code "0.512"}, {@code "0.017"}. */
  DECIMAL("decimal") {
    @Override
    void append(StringBuilder text, int level) {
      text.append("0.");
      appendPadded(text, level, "");
    }
  },

  /**
   * The level's three digits, zero-padded and separated by spaces (LLMTime's layout, one token per
   * digit in most vocabularies): {@code "5 1 2"}, {@code "0 1 7"}.
   */
  DIGITS("digits") {
    @Override
    void append(StringBuilder text, int level) {
      appendPadded(text, level, " ");
    }
  };

  /** The highest level; the lowest is 0. */
  public static final int MAX_LEVEL = 999;

  private final String label;

  NumberFormat(String label) {
    this.label = label;
  }

  /** The level of a value scaled to [0, 1]; values outside are clamped. */
  public static int level(double unit) {
    if (Double.isNaN(unit)) {
      throw new IllegalArgumentException("unit value must not be NaN");
    }
    double clamped = Math.min(1, Math.max(0, unit));
    return (int) Math.round(clamped * MAX_LEVEL);
  }

  /** The text of one level. */
  public String write(int level) {
    StringBuilder text = new StringBuilder(8);
    appendLevel(text, level);
    return text.toString();
  }

  /** Appends the text of one level. */
  public void appendLevel(StringBuilder text, int level) {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be in [0, " + MAX_LEVEL + "], got " + level);
    }
    append(text, level);
  }

  abstract void append(StringBuilder text, int level);

  /** Short lower-case name for logs, e.g. {@code "integer"}. */
  public String label() {
    return label;
  }

  private static void appendPadded(StringBuilder text, int level, String between) {
    text.append((char) ('0' + level / 100));
    text.append(between);
    text.append((char) ('0' + level / 10 % 10));
    text.append(between);
    text.append((char) ('0' + level % 10));
  }
}
