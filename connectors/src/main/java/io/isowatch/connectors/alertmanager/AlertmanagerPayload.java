package io.isowatch.connectors.alertmanager;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.SignalEvidence;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an {@link Alert} to the body of Alertmanager's {@code POST /api/v2/alerts}: an array with
 * one postable alert.
 *
 * <ul>
 *   <li>labels (what Alertmanager groups, routes and deduplicates on): {@code alertname} = the
 *       rule, {@code feed}, {@code severity}, {@code alert_id}, then the configured extra labels
 *       (which never override those four);
 *   <li>annotations: {@code summary}, {@code description} (the suggested action), {@code evidence}
 *       (the strongest signals, one per line) and {@code window} (event-time range);
 *   <li>{@code startsAt}: when the alert first fired (wall clock); {@code endsAt}: for a resolved
 *       alert, when it resolved, which tells Alertmanager it is over; for a firing alert none, so
 *       Alertmanager keeps it active for its {@code resolve_timeout} after each (re)send.
 * </ul>
 */
final class AlertmanagerPayload {
  static final int EVIDENCE_SHOWN = 3;
  private static final JsonMapper MAPPER = new JsonMapper();

  private AlertmanagerPayload() {}

  static String body(
      Alert alert, Instant startsAt, Map<String, String> extraLabels, Optional<URI> generator) {
    ArrayNode array = MAPPER.createArrayNode();
    ObjectNode item = array.addObject();
    ObjectNode labels = item.putObject("labels");
    extraLabels.forEach(labels::put);
    labels.put("alertname", alert.rule());
    labels.put("feed", alert.feedId());
    labels.put("severity", alert.severity().label());
    labels.put("alert_id", alert.id());
    ObjectNode annotations = item.putObject("annotations");
    annotations.put("summary", alert.summary());
    annotations.put("description", alert.suggestedAction());
    StringBuilder evidence = new StringBuilder();
    for (int i = 0; i < Math.min(EVIDENCE_SHOWN, alert.evidence().size()); i++) {
      SignalEvidence e = alert.evidence().get(i);
      evidence
          .append(i == 0 ? "" : "\n")
          .append(e.signal())
          .append(
              String.format(
                  Locale.ROOT,
                  "=%.4g (baseline %.4g, z=%.2f)",
                  e.value(),
                  e.baseline(),
                  e.score()));
      if (Double.isFinite(e.contribution())) {
        evidence.append(String.format(Locale.ROOT, " pushed the risk %+.2f", e.contribution()));
      }
    }
    annotations.put("evidence", evidence.toString());
    annotations.put("window", alert.from() + ".." + alert.to());
    Instant start = startsAt.isAfter(alert.raisedAt()) ? alert.raisedAt() : startsAt;
    item.put("startsAt", start.toString());
    if (alert.state() == AlertState.RESOLVED) {
      item.put("endsAt", alert.raisedAt().toString());
    }
    generator.ifPresent(uri -> item.put("generatorURL", uri.toString()));
    return array.toString();
  }
}
