package io.isowatch.core.feed;

import java.util.Optional;

/**
 * What makes a feed name acceptable. A feed name becomes a metric label, a map key and a line of
 * console output, so it must be short, printable and exactly what the sender meant:
 *
 * <ul>
 *   <li>at most {@link #MAX_LENGTH} characters (Unicode code points);
 *   <li>valid UTF-8: no unpaired surrogate, and no U+FFFD, the character decoders put in place of
 *       bytes that are not UTF-8 (so two different broken names cannot merge into one);
 *   <li>no control characters (C0, DEL, C1), no format characters (bidirectional overrides,
 *       zero-width characters) and no line or paragraph separators.
 * </ul>
 *
 * A record whose feed name breaks a rule is rejected as {@link RejectionReason#INVALID_FEED_NAME}.
 */
public final class FeedName {
  /** The longest feed name, in code points. */
  public static final int MAX_LENGTH = 256;

  private static final char REPLACEMENT = '\uFFFD';

  private FeedName() {}

  /** Why {@code name} is not an acceptable feed name, or empty when it is. */
  public static Optional<String> problem(String name) {
    // Each code point is one or two chars: more than twice the limit is too long without counting.
    if (name.length() > 2 * MAX_LENGTH || name.codePointCount(0, name.length()) > MAX_LENGTH) {
      return Optional.of(
          "feed name is "
              + name.codePointCount(0, name.length())
              + " characters long, more than the "
              + MAX_LENGTH
              + " allowed");
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (c == REPLACEMENT) {
        return Optional.of("feed name holds U+FFFD at character " + i + ": it was not valid UTF-8");
      }
      if (Character.getType(c) == Character.SURROGATE) {
        return Optional.of(
            "feed name holds an unpaired surrogate at character " + i + ": it is not valid UTF-8");
      }
      if (isControl(c)) {
        return Optional.of(
            String.format(
                java.util.Locale.ROOT,
                "feed name holds the control character U+%04X at character %d",
                c,
                i));
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }

  private static boolean isControl(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
