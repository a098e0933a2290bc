package io.isowatch.engine.spec;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the user's names for options into a message that names them as a builder does: the
 * connectors and the core name their builder fields ({@code valueColumns}, {@code maxTokens}), the
 * user wrote {@code --column} or {@code max-tokens}.
 */
public final class OptionNames {
  private static final Pattern WORD = Pattern.compile("\\b[a-z][A-Za-z]*\\b");

  private OptionNames() {}

  /** {@code message} with each whole word that {@code names} maps replaced by its user name. */
  public static String rename(String message, Map<String, String> names) {
    if (message == null) {
      return "invalid value";
    }
    Matcher matcher = WORD.matcher(message);
    StringBuilder renamed = new StringBuilder();
    while (matcher.find()) {
      String word = matcher.group();
      matcher.appendReplacement(renamed, Matcher.quoteReplacement(names.getOrDefault(word, word)));
    }
    matcher.appendTail(renamed);
    return renamed.toString();
  }
}
