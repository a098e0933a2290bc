package io.isowatch.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The small part of JSONPath that picks records and fields out of an API's answer: {@code $} the
 * root, {@code .name} or {@code ['name']} a member, {@code [3]} an array element, {@code [*]} or
 * {@code .*} every element or member.
 *
 * <pre>{@code
 * JsonPath.parse("$.data.prices[*]").select(answer);   // every price record
 * JsonPath.parse("$.meta['series id']").first(record); // one field
 * }</pre>
 *
 * Filters, slices and recursive descent are not supported and are refused when parsed. Immutable.
 */
public final class JsonPath {
  private sealed interface Step {}

  private record Member(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private final String text;
  private final List<Step> steps;

  private JsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /**
   * @throws IllegalArgumentException naming the position of what is not understood
   */
  public static JsonPath parse(String text) {
    Objects.requireNonNull(text, "text");
    String path = text.strip();
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("JSON path must start with $, got \"" + text + "\"");
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        String name = path.substring(i + 1, end);
        if (name.isEmpty()) {
          throw error(text, i, "a member name after '.'");
        }
        steps.add(name.equals("*") ? new Wildcard() : new Member(name));
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw error(text, i, "a closing ']'");
        }
        String inside = path.substring(i + 1, close).strip();
        if (inside.equals("*")) {
          steps.add(new Wildcard());
        } else if (inside.length() >= 2
            && (inside.startsWith("'") && inside.endsWith("'")
                || inside.startsWith("\"") && inside.endsWith("\""))) {
          steps.add(new Member(inside.substring(1, inside.length() - 1)));
        } else if (inside.matches("\\d+")) {
          steps.add(new Index(Integer.parseInt(inside)));
        } else {
          throw error(text, i, "[*], [n] or ['name']");
        }
        i = close + 1;
      } else {
        throw error(text, i, "'.' or '['");
      }
    }
    return new JsonPath(text, steps);
  }

  private static IllegalArgumentException error(String text, int at, String expected) {
    return new IllegalArgumentException(
        "JSON path \"" + text + "\": expected " + expected + " at position " + at);
  }

  /** Every node the path reaches, in document order; empty when it reaches none. */
  public List<JsonNode> select(JsonNode root) {
    List<JsonNode> current = new ArrayList<>();
    if (root != null) {
      current.add(root);
    }
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (step instanceof Member member) {
          JsonNode child = node.isObject() ? node.get(member.name()) : null;
          if (child != null) {
            next.add(child);
          }
        } else if (step instanceof Index index) {
          JsonNode child = node.isArray() ? node.get(index.index()) : null;
          if (child != null) {
            next.add(child);
          }
        } else if (node.isArray() || node.isObject()) {
          node.elements().forEachRemaining(next::add);
        }
      }
      current = next;
    }
    return current;
  }

  /** The first node the path reaches, or null. */
  public JsonNode first(JsonNode root) {
    List<JsonNode> all = select(root);
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  public String toString() {
    return text;
  }
}
