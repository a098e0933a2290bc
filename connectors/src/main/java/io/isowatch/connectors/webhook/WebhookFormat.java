package io.isowatch.connectors.webhook;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.isowatch.connectors.secret.Secret;
import io.isowatch.connectors.sink.AlertJson;
import io.isowatch.connectors.sink.ConsoleAlertSink;
import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import java.util.Optional;

/**
 * The body a webhook receives for one alert, shaped for the receiver it goes to.
 *
 * <ul>
 *   <li>{@link #ALERT}: {@code {"idempotency_key": ..., "alert": <AlertJson>}}, for receivers of
 *       your own;
 *   <li>{@link #SLACK}: an incoming-webhook message, {@code {"text": ...}} with the alert's console
 *       line (Slack, Mattermost, Rocket.Chat and Teams' Slack-compatible hooks take it);
 *   <li>{@link #PAGERDUTY}: an Events API v2 event: {@code trigger} for a firing alert, {@code
 *       resolve} for a resolved one, {@code dedup_key} = the alert id so the resolve closes the
 *       incident the trigger opened, the alert as {@code custom_details}, and the routing key.
 * </ul>
 */
public enum WebhookFormat {
  ALERT,
  SLACK,
  PAGERDUTY;

  private static final JsonMapper MAPPER = new JsonMapper();

  /**
   * @param routingKey PagerDuty's integration key; required by {@link #PAGERDUTY} only
   */
  String render(Alert alert, String idempotencyKey, Optional<Secret> routingKey) {
    ObjectNode json = MAPPER.createObjectNode();
    switch (this) {
      case ALERT -> {
        json.put("idempotency_key", idempotencyKey);
        json.set("alert", AlertJson.toJson(alert));
      }
      case SLACK ->
          json.put(
              "text",
              (alert.state() == AlertState.FIRING ? ":rotating_light: " : ":white_check_mark: ")
                  + ConsoleAlertSink.format(alert, ConsoleAlertSink.DEFAULT_TOP_EVIDENCE));
      case PAGERDUTY -> {
        json.put(
            "routing_key",
            routingKey
                .orElseThrow(() -> new IllegalStateException("pagerduty needs a routing key"))
                .reveal());
        json.put("event_action", alert.state() == AlertState.FIRING ? "trigger" : "resolve");
        json.put("dedup_key", alert.id());
        ObjectNode payload = json.putObject("payload");
        payload.put("summary", alert.summary());
        payload.put("source", alert.feedId());
        payload.put("severity", alert.severity().label());
        payload.put("timestamp", alert.raisedAt().toString());
        payload.put("component", alert.feedId());
        payload.put("group", alert.rule());
        payload.set("custom_details", AlertJson.toJson(alert));
      }
    }
    return json.toString();
  }
}
