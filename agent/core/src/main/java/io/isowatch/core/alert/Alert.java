package io.isowatch.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert about one feed, with enough context to act on without opening a dashboard.
 *
 * @param id stable identity of the alert across its FIRING and RESOLVED messages (an idempotency
 *     key for receivers)
 * @param feedId the feed it is about
 * @param rule the rule that raised it, e.g. {@code geometry-baseline}
 * @param severity how urgent
 * @param state firing or resolved
 * @param from event time of the first window that breached
 * @param to event time of the latest window considered
 * @param summary one line for humans
 * @param evidence the signals that drove it, strongest first
 * @param suggestedAction what an operator should look at first
 * @param raisedAt wall-clock time the message was produced
 */
public record Alert(
    String id,
    String feedId,
    String rule,
    Severity severity,
    AlertState state,
    Instant from,
    Instant to,
    String summary,
    List<SignalEvidence> evidence,
    String suggestedAction,
    Instant raisedAt) {
  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(summary, "summary");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(suggestedAction, "suggestedAction");
    Objects.requireNonNull(raisedAt, "raisedAt");
  }

  /**
   * Everything the alert says, as one line, without the wall-clock {@code raisedAt}: the same for
   * the same alert when the same input is replayed, on any engine, at any time.
   */
  public String content() {
    return String.join(
        " ",
        id,
        feedId,
        rule,
        severity.name(),
        state.name(),
        from.toString(),
        to.toString(),
        summary,
        evidence.toString(),
        suggestedAction);
  }
}
