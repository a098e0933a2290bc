package io.isowatch.engine.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One mapping of a configuration file, read with its key path so that every error names where it
 * is: {@code window.stride: must be between 1 and window.length (64), got 0}.
 *
 * <p>A section first declares its keys ({@link #allowOnly}); a key it does not know fails at once,
 * with the keys it takes (and the nearest one, for a typo). The typed getters then read one key
 * each: absent and {@code null} both mean the default; a value of the wrong type, or out of range,
 * fails with the key path, what is expected and what was found. Relative paths are resolved against
 * the folder of the configuration file.
 *
 * <p>Every key a section declares is also reported to a listener, as a pattern such as {@code
 * sources[].path}: a test compares them with the keys the reference file documents.
 */
public final class ConfigNode {
  private final String path;
  private final String pattern;
  private final ObjectNode node;
  private final Path baseDir;
  private final Consumer<String> declared;
  private Set<String> allowed;

  private ConfigNode(
      String path, String pattern, ObjectNode node, Path baseDir, Consumer<String> declared) {
    this.path = path;
    this.pattern = pattern;
    this.node = node;
    this.baseDir = baseDir;
    this.declared = declared;
  }

  /**
   * The top of a configuration.
   *
   * @param declared told the pattern of every key a section declares
   * @throws InputFormatException if {@code tree} is not a mapping
   */
  public static ConfigNode root(JsonNode tree, Path baseDir, Consumer<String> declared)
      throws InputFormatException {
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new InputFormatException(
          "the configuration is empty; it needs at least a list of sources"
              + " (isowatch run --print-reference shows every option)");
    }
    if (!tree.isObject()) {
      throw new InputFormatException(
          "the configuration must be a mapping of sections (sources, model, window, ...), got "
              + describe(tree));
    }
    return new ConfigNode("", "", (ObjectNode) tree, baseDir, declared);
  }

  /** This mapping's key path, e.g. {@code window} or {@code sources[2]}; empty at the top. */
  public String path() {
    return path;
  }

  /** The key path of {@code key} in this mapping, e.g. {@code window.stride}. */
  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * Declares the keys this mapping takes.
   *
   * @throws InputFormatException naming the first key present that is not one of them
   */
  public ConfigNode allowOnly(String... keys) throws InputFormatException {
    allowed = new LinkedHashSet<>(List.of(keys));
    for (String key : keys) {
      declared.accept(pattern.isEmpty() ? key : pattern + "." + key);
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String near = nearest(name);
        throw error(
            name,
            "unknown key"
                + (near == null ? "" : " (did you mean " + near + "?)")
                + "; "
                + (path.isEmpty() ? "the configuration" : path)
                + " takes "
                + String.join(", ", allowed));
      }
    }
    return this;
  }

  /** The keys of this mapping, in file order (for free-form maps such as client properties). */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Whether {@code key} is present and not null. */
  public boolean has(String key) {
    return value(key).isPresent();
  }

  /** The mapping at {@code key}; an empty one when absent or null. */
  public ConfigNode section(String key) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isPresent() && !value.get().isObject()) {
      throw error(key, "expected a mapping of keys, got " + describe(value.get()));
    }
    ObjectNode child =
        value.map(v -> (ObjectNode) v).orElseGet(JsonNodeFactory.instance::objectNode);
    return new ConfigNode(path(key), pattern(key), child, baseDir, declared);
  }

  /** The mappings of the list at {@code key}, each with its index in its path. */
  public List<ConfigNode> sections(String key) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      throw error(key, "expected a list, got " + describe(value.get()));
    }
    List<ConfigNode> sections = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      JsonNode item = value.get().get(i);
      String itemPath = path(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw new InputFormatException(
            itemPath + ": expected a mapping of keys, got " + describe(item));
      }
      sections.add(
          new ConfigNode(itemPath, pattern(key) + "[]", (ObjectNode) item, baseDir, declared));
    }
    return sections;
  }

  /** Any 32-bit integer; the settings type it feeds checks its range. */
  public int integer(String key, int fallback) throws InputFormatException {
    return integer(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** An integer in [{@code min}, {@code max}]. */
  public int integer(String key, int fallback, int min, int max) throws InputFormatException {
    return integer(key, fallback, min, max, String.valueOf(max));
  }

  /** An integer in [{@code min}, {@code max}], the bound named {@code maxName} in messages. */
  public int integer(String key, int fallback, int min, int max, String maxName)
      throws InputFormatException {
    return (int) longInteger(key, fallback, min, max, maxName);
  }

  /** An integer of at least {@code min}. */
  public int atLeast(String key, int fallback, int min) throws InputFormatException {
    return integer(key, fallback, min, Integer.MAX_VALUE);
  }

  /** A present integer in [{@code min}, {@code max}], or empty. */
  public OptionalInt optionalInteger(String key, int min, int max) throws InputFormatException {
    return has(key) ? OptionalInt.of(integer(key, min, min, max)) : OptionalInt.empty();
  }

  /** Any 64-bit integer. */
  public long longInteger(String key, long fallback) throws InputFormatException {
    return longInteger(key, fallback, Long.MIN_VALUE, Long.MAX_VALUE, "");
  }

  private long longInteger(String key, long fallback, long min, long max, String maxName)
      throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      requireRange(key, fallback, min, max, maxName, true);
      return fallback;
    }
    JsonNode v = value.get();
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(key, "expected an integer, got " + describe(v));
    }
    requireRange(key, v.asLong(), min, max, maxName, false);
    return v.asLong();
  }

  private void requireRange(
      String key, long value, long min, long max, String maxName, boolean isDefault)
      throws InputFormatException {
    if (value >= min && value <= max) {
      return;
    }
    String rule;
    if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
      rule = value < min ? "must be at least " + min : "must be at most " + max;
    } else {
      rule = "must be between " + min + " and " + maxName;
    }
    throw error(key, rule + ", got " + value + (isDefault ? " (the default)" : ""));
  }

  /** A finite number of at least {@code min}. */
  public double number(String key, double fallback, double min) throws InputFormatException {
    double value = number(key, fallback);
    if (value < min) {
      throw error(
          key, "must be at least " + shown(min) + ", got " + shown(value) + defaultNote(key));
    }
    return value;
  }

  /** A finite number. */
  public double number(String key, double fallback) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    JsonNode v = value.get();
    if (!v.isNumber()) {
      throw error(key, "expected a number, got " + describe(v));
    }
    if (!Double.isFinite(v.asDouble())) {
      throw error(key, "expected a finite number, got " + v.asText());
    }
    return v.asDouble();
  }

  /** A present finite number, or empty. */
  public Optional<Double> optionalNumber(String key) throws InputFormatException {
    return has(key) ? Optional.of(number(key, 0)) : Optional.empty();
  }

  public boolean bool(String key, boolean fallback) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (!value.get().isBoolean()) {
      throw error(key, "expected true or false, got " + describe(value.get()));
    }
    return value.get().asBoolean();
  }

  /** A string that is not blank. */
  public String text(String key, String fallback) throws InputFormatException {
    return optionalText(key).orElse(fallback);
  }

  /** A present string that is not blank, or empty. */
  public Optional<String> optionalText(String key) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.get().isTextual()) {
      throw error(key, "expected a string, got " + describe(value.get()));
    }
    if (value.get().asText().isBlank()) {
      throw error(key, "must not be blank");
    }
    return Optional.of(value.get().asText());
  }

  /** A string as written, blanks included (a separator). */
  public String rawText(String key, String fallback) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    if (!value.get().isTextual()) {
      throw error(key, "expected a string, got " + describe(value.get()));
    }
    return value.get().asText();
  }

  /** A list of strings that are not blank; empty when absent. */
  public List<String> texts(String key) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      throw error(key, "expected a list of strings, got " + describe(value.get()));
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < value.get().size(); i++) {
      JsonNode item = value.get().get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new InputFormatException(
            path(key) + "[" + i + "]: expected a non-blank string, got " + describe(item));
      }
      texts.add(item.asText());
    }
    return texts;
  }

  /**
   * A mapping of names to scalar values, each value as text ({@code 30000}, {@code true}, {@code
   * SASL_SSL}); empty when absent. Its keys are free-form (client properties), not declared.
   */
  public Map<String, String> textMap(String key) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return Map.of();
    }
    if (!value.get().isObject()) {
      throw error(key, "expected a mapping of names to values, got " + describe(value.get()));
    }
    Map<String, String> texts = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = value.get().fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isValueNode() || field.getValue().isNull()) {
        throw new InputFormatException(
            path(key)
                + "."
                + field.getKey()
                + ": expected a string, number or boolean, got "
                + describe(field.getValue()));
      }
      texts.put(field.getKey(), field.getValue().asText());
    }
    return texts;
  }

  /** One of {@code choices}, by its label (case-insensitive). */
  public <T> T choice(String key, T fallback, Map<String, T> choices) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    String expected = "expected one of " + String.join(", ", choices.keySet());
    if (!value.get().isTextual()) {
      throw error(key, expected + ", got " + describe(value.get()));
    }
    String text = value.get().asText().strip();
    return choices.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(text))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> error(key, expected + ", got " + describe(value.get())));
  }

  /** The constants of {@code type} by their lower-case names, {@code _} written {@code -}. */
  public static <E extends Enum<E>> Map<String, E> labels(Class<E> type) {
    Map<String, E> labels = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      labels.put(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'), constant);
    }
    return labels;
  }

  /** A present duration ({@link DurationText}), or empty. */
  public Optional<Duration> optionalDuration(String key) throws InputFormatException {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get().isIntegralNumber() && value.get().asLong() == 0) {
      return Optional.of(Duration.ZERO);
    }
    if (!value.get().isTextual()) {
      throw error(key, "expected " + DurationText.EXPECTED + ", got " + describe(value.get()));
    }
    try {
      return Optional.of(DurationText.parse(value.get().asText()));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A duration of at least zero. */
  public Duration duration(String key, Duration fallback) throws InputFormatException {
    Duration duration = optionalDuration(key).orElse(fallback);
    if (duration.isNegative()) {
      throw error(key, "must not be negative, got " + value(key).map(JsonNode::asText).orElse(""));
    }
    return duration;
  }

  /** A duration within {@code range}, its default when absent. */
  public Duration durationIn(String key, DurationRange range) throws InputFormatException {
    Duration duration = optionalDuration(key).orElse(range.fallback());
    Optional<String> problem = range.problem(duration);
    if (problem.isPresent()) {
      throw error(key, problem.get());
    }
    return duration;
  }

  /** A duration longer than zero. */
  public Duration positiveDuration(String key, Duration fallback) throws InputFormatException {
    Duration duration = duration(key, fallback);
    if (duration.isZero()) {
      throw error(
          key, "must be longer than zero, got " + value(key).map(JsonNode::asText).orElse("0"));
    }
    return duration;
  }

  /** An instant such as {@code 2024-01-01T00:00:00Z}. */
  public Instant instant(String key, Instant fallback) throws InputFormatException {
    Optional<String> text = optionalText(key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Instant.parse(text.get().strip());
    } catch (DateTimeException e) {
      throw error(
          key,
          "expected an instant such as 2024-01-01T00:00:00Z, got " + describe(value(key).get()));
    }
  }

  /** A time zone such as {@code UTC}, {@code Europe/Paris} or {@code +02:00}. */
  public ZoneId zone(String key, ZoneId fallback) throws InputFormatException {
    Optional<String> text = optionalText(key);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return ZoneId.of(text.get().strip()).normalized();
    } catch (DateTimeException e) {
      throw error(
          key,
          "expected a time zone such as UTC, Europe/Paris or +02:00, got "
              + describe(value(key).get()));
    }
  }

  /** A present file path, resolved against the configuration's folder, or empty. */
  public Optional<Path> optionalPath(String key) throws InputFormatException {
    return optionalText(key).map(text -> baseDir.resolve(text).normalize());
  }

  /** A file path, resolved against the configuration's folder. */
  public Path path(String key, String fallback) throws InputFormatException {
    return optionalPath(key).orElse(baseDir.resolve(fallback).normalize());
  }

  /** A file path that must be given. */
  public Path requiredPath(String key) throws InputFormatException {
    return optionalPath(key).orElseThrow(() -> error(key, "required: the path of a file"));
  }

  /** An error about {@code key} of this mapping: {@code "path.key: message"}. */
  public InputFormatException error(String key, String message) {
    return new InputFormatException(path(key) + ": " + message);
  }

  /** An error about this mapping as a whole: {@code "path: message"}. */
  public InputFormatException error(String message) {
    return new InputFormatException((path.isEmpty() ? "the configuration" : path) + ": " + message);
  }

  private String defaultNote(String key) {
    return has(key) ? "" : " (the default)";
  }

  private Optional<JsonNode> value(String key) {
    if (allowed != null && !allowed.contains(key)) {
      throw new IllegalStateException(path(key) + " is read but not declared by allowOnly");
    }
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private String pattern(String key) {
    return pattern.isEmpty() ? key : pattern + "." + key;
  }

  /** The allowed key within two edits of {@code name}, if exactly one is that close. */
  private String nearest(String name) {
    Set<String> near =
        allowed.stream().filter(k -> editDistance(k, name) <= 2).collect(Collectors.toSet());
    return near.size() == 1 ? near.iterator().next() : null;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A number for a message: {@code 2} for a whole number, {@code 2.5} otherwise. */
  public static String shown(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }

  /** A value as the user wrote it, for a message: {@code "abc"}, {@code 4.5}, {@code a list}. */
  public static String describe(JsonNode value) {
    if (value.isTextual()) {
      return InputFormatException.quoted(value.asText());
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    return value.asText();
  }
}
