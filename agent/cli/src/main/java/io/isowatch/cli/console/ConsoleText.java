package io.isowatch.cli.console;

/**
 * Text from records made safe for a terminal: a feed name that reached a summary from a rejected
 * record may hold line breaks, escape sequences or 200,000 characters. Control, format and
 * separator characters are written as {@code \n}, {@code \t} or {@code \\u001B} (so one name is one
 * line and cannot drive the terminal), backslashes are doubled, and text longer than the limit is
 * cut with an ellipsis and its length.
 */
public final class ConsoleText {
  private ConsoleText() {}

  /** {@code text} escaped, at most about {@code limit} characters of it shown. */
  public static String escape(String text, int limit) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 16);
    for (int i = 0; i < text.length() && out.length() < limit; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (isUnsafe(c)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
      if (out.length() >= limit && i < text.length()) {
        out.append("\u2026 (").append(text.length()).append(" characters)");
      }
    }
    return out.toString();
  }

  private static boolean isUnsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
