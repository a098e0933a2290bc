package io.isowatch.kafkastreams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where an engine's measures part from the core's own verdicts, feed by feed: which windows are
 * missing or came twice, and the first window whose signals differ. What a failed alert comparison
 * prints, so that a run that fails once in many says whether a partition stalled, a monitor lost
 * state, or the numbers drifted.
 */
final class MeasuresDivergence {
  private static final JsonMapper MAPPER = new JsonMapper();

  private MeasuresDivergence() {}

  /** A line per feed comparing the measures records with {@code reference} (evaluated windows). */
  static String describe(List<String> measures, List<WindowVerdict> reference) {
    Map<String, Map<Long, Map<String, Double>>> expected = new TreeMap<>();
    for (WindowVerdict verdict : reference) {
      if (verdict.signals().isEmpty()) {
        continue;
      }
      Map<String, Double> signals = new TreeMap<>();
      verdict
          .signals()
          .forEach(
              (signal, value) ->
                  signals.put(signal.label(), Double.isFinite(value) ? value : null));
      expected
          .computeIfAbsent(verdict.window().feedId(), feed -> new TreeMap<>())
          .put(verdict.window().sequence(), signals);
    }
    Map<String, Map<Long, Map<String, Double>>> actual = new TreeMap<>();
    Map<String, List<Long>> repeated = new TreeMap<>();
    for (String line : measures) {
      JsonNode json = read(line);
      String feed = json.get("feed").asText();
      long sequence = json.get("sequence").asLong();
      Map<String, Double> signals = new TreeMap<>();
      json.get("signals")
          .fields()
          .forEachRemaining(
              e -> signals.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asDouble()));
      if (actual.computeIfAbsent(feed, f -> new TreeMap<>()).put(sequence, signals) != null) {
        repeated.computeIfAbsent(feed, f -> new ArrayList<>()).add(sequence);
      }
    }
    StringBuilder text = new StringBuilder("measures against the core's verdicts:");
    for (String feed : expected.keySet()) {
      Map<Long, Map<String, Double>> want = expected.get(feed);
      Map<Long, Map<String, Double>> got = actual.getOrDefault(feed, Map.of());
      TreeSet<Long> missing = new TreeSet<>(want.keySet());
      missing.removeAll(got.keySet());
      String firstDifference = "none";
      for (var entry : want.entrySet()) {
        Map<String, Double> other = got.get(entry.getKey());
        if (other != null && !other.equals(entry.getValue())) {
          firstDifference = "window " + entry.getKey() + " " + differences(entry.getValue(), other);
          break;
        }
      }
      text.append(
          String.format(
              "%n  %s: %d of %d windows measured, missing %s, repeated %s, first difference: %s",
              feed,
              got.size(),
              want.size(),
              missing.isEmpty()
                  ? "none"
                  : missing.first() + ".." + missing.last() + " (" + missing.size() + ")",
              repeated.getOrDefault(feed, List.of()),
              firstDifference));
    }
    return text.toString();
  }

  private static String differences(Map<String, Double> want, Map<String, Double> got) {
    List<String> parts = new ArrayList<>();
    for (MonitorSignal signal : MonitorSignal.values()) {
      Double a = want.get(signal.label());
      Double b = got.get(signal.label());
      if (!Objects.equals(a, b)) {
        parts.add(signal.label() + " " + a + " vs " + b);
      }
    }
    return String.join(", ", parts.subList(0, Math.min(4, parts.size())));
  }

  private static JsonNode read(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("not a measures record: " + line, e);
    }
  }
}
