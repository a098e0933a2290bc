package io.isowatch.connectors.file;

import java.util.Locale;

/** Reads a numeric cell the way data files write numbers, NaN and infinities included. */
public final class Values {
  private Values() {}

  /**
   * A decimal number ({@code 12}, {@code -0.5}, {@code 1e-3}), or NaN / infinity in any case with
   * an optional sign ({@code NaN}, {@code nan}, {@code -inf}, {@code Infinity}), which are passed
   * on for the windowing step to reject. Rejects Java-only forms such as {@code 1d} or hexadecimal.
   *
   * @throws NumberFormatException if the text is not such a number
   */
  public static double parse(String text) {
    String s = text.strip();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean numeric =
          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!numeric) {
        return nonFinite(s);
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("'" + s + "' is not a number");
    }
  }

  private static double nonFinite(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    boolean negative = lower.startsWith("-");
    String body = negative || lower.startsWith("+") ? lower.substring(1) : lower;
    switch (body) {
      case "nan":
        return Double.NaN;
      case "inf":
      case "infinity":
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      default:
        throw new NumberFormatException("'" + s + "' is not a number");
    }
  }
}
