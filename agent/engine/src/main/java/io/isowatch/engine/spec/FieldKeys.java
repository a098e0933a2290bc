package io.isowatch.engine.spec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which configuration key each field of a core settings type is read from, so that the type's own
 * range rules speak in the user's words: {@code trust falseAlarmRate must be in (0, 0.5), got 0.7}
 * from {@code TrustSettings} becomes {@code trust.false-alarm-rate: must be in (0, 0.5), got 0.7}.
 * The rules stay in the core; the reader only names where the value came from.
 *
 * <pre>{@code
 * FieldKeys keys = new FieldKeys().put("stride", window, "stride");
 * WindowSpec spec = keys.build(() -> WindowSpec.builder().stride(stride).build());
 * }</pre>
 */
public final class FieldKeys {
  private record Key(ConfigNode section, String name) {
    String path() {
      return section.path(name);
    }
  }

  private final Map<String, Key> keys = new HashMap<>();
  private final Map<String, String> paths = new HashMap<>();

  /** The core's field {@code field} is read from {@code key} of {@code section}. */
  public FieldKeys put(String field, ConfigNode section, String key) {
    Key at = new Key(section, key);
    keys.put(field, at);
    paths.put(field, at.path());
    return this;
  }

  /**
   * Builds a core settings object.
   *
   * @throws InputFormatException at the key of the field the core's message names, when the core
   *     refuses a value
   */
  public <T> T build(Supplier<T> build) throws InputFormatException {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      InputFormatException failure =
          error(e.getMessage() == null ? "invalid value" : e.getMessage());
      failure.initCause(e);
      throw failure;
    }
  }

  /**
   * The core's message at the key it is about: the core names its field first, after at most the
   * type's own word ({@code stride must be ...}, {@code trust confirm must be ...}).
   */
  private InputFormatException error(String message) {
    String[] words = message.split(" ");
    for (int i = 0; i < Math.min(2, words.length - 1); i++) {
      Key key = keys.get(words[i]);
      if (key != null) {
        String rest = String.join(" ", Arrays.copyOfRange(words, i + 1, words.length));
        String note = key.section().has(key.name()) ? "" : " (the default)";
        return key.section().error(key.name(), OptionNames.rename(rest, paths) + note);
      }
    }
    return new InputFormatException("invalid settings: " + OptionNames.rename(message, paths));
  }
}
