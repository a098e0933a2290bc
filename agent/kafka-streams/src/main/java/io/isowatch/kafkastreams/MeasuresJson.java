package io.isowatch.kafkastreams;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;

/**
 * The JSON of one evaluated window on the measures topic: the feed, the window and every signal
 * value by its label ({@code null} where a signal has no value yet, e.g. before the window cloud is
 * full).
 *
 * <pre>{@code
 * {"feed":"load","sequence":41,"from":"2024-01-01T00:00:00Z","to":"2024-01-01T01:03:00Z",
 *  "signals":{"token_raw_avg_cosine":0.83,"window_isoscore":null}}
 * }</pre>
 */
final class MeasuresJson {
  private static final JsonMapper MAPPER = new JsonMapper();

  private MeasuresJson() {}

  static String toLine(WindowVerdict verdict) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("feed", verdict.window().feedId());
    json.put("sequence", verdict.window().sequence());
    json.put("from", verdict.window().firstEventTime().toString());
    json.put("to", verdict.window().lastEventTime().toString());
    ObjectNode signals = json.putObject("signals");
    for (MonitorSignal signal : MonitorSignal.values()) {
      Double value = verdict.signals().get(signal);
      if (value == null) {
        continue;
      }
      if (Double.isFinite(value)) {
        signals.put(signal.label(), value);
      } else {
        signals.putNull(signal.label());
      }
    }
    return json.toString();
  }
}
