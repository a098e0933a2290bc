package io.isowatch.core.trust;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The life of one rule's alerts on one feed: {@code confirm} consecutive breaches open an alert
 * (FIRING), a breach of higher severity while open re-sends it escalated (same id), {@code
 * clearAfter} consecutive clear evaluations resolve it (RESOLVED, same id), and then {@code
 * cooldown} evaluations pass before it may open again. The id is stable across an alert's messages,
 * so receivers can deduplicate.
 */
final class AlarmLifecycle {
  /** What an alert says, built only when one is sent. */
  record Text(String summary, List<SignalEvidence> evidence, String suggestedAction) {}

  private final String feedId;
  private final String rule;
  private final int confirm;
  private final int clearAfter;
  private final int cooldown;
  private final Clock clock;

  // package-private for AlarmLifecycleCodec, the only other reader and writer of this state
  int breachRun;
  int clearRun;
  int cooldownLeft;
  Instant runFrom;
  String openId;
  Instant openFrom;
  Severity openSeverity;
  long opened;

  AlarmLifecycle(
      String feedId, String rule, int confirm, int clearAfter, int cooldown, Clock clock) {
    this.feedId = feedId;
    this.rule = rule;
    this.confirm = confirm;
    this.clearAfter = clearAfter;
    this.cooldown = cooldown;
    this.clock = clock;
  }

  /**
   * Takes one evaluation. {@code firing} says what is wrong (sent when an alert opens or
   * escalates), {@code resolved} why it is over (sent when it resolves).
   */
  Optional<Alert> update(
      boolean breach,
      Severity severity,
      Instant from,
      Instant to,
      Supplier<Text> firing,
      Supplier<Text> resolved) {
    if (openId != null) {
      if (breach) {
        clearRun = 0;
        if (severity.compareTo(openSeverity) > 0) {
          openSeverity = severity;
          return Optional.of(alert(AlertState.FIRING, to, firing.get()));
        }
        return Optional.empty();
      }
      if (++clearRun >= clearAfter) {
        Alert over = alert(AlertState.RESOLVED, to, resolved.get());
        openId = null;
        openFrom = null;
        openSeverity = null;
        clearRun = 0;
        breachRun = 0;
        cooldownLeft = cooldown;
        return Optional.of(over);
      }
      return Optional.empty();
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      return Optional.empty();
    }
    if (!breach) {
      breachRun = 0;
      return Optional.empty();
    }
    if (breachRun++ == 0) {
      runFrom = from;
    }
    if (breachRun < confirm) {
      return Optional.empty();
    }
    openFrom = runFrom;
    openId = feedId + "/" + rule + "/" + runFrom.toEpochMilli();
    openSeverity = severity;
    clearRun = 0;
    opened++;
    return Optional.of(alert(AlertState.FIRING, to, firing.get()));
  }

  private Alert alert(AlertState state, Instant to, Text text) {
    return new Alert(
        openId,
        feedId,
        rule,
        openSeverity,
        state,
        openFrom,
        to,
        text.summary(),
        text.evidence(),
        text.suggestedAction(),
        clock.instant());
  }

  boolean isOpen() {
    return openId != null;
  }

  /** Consecutive clear evaluations that resolve an open alert. */
  int clearAfter() {
    return clearAfter;
  }

  long opened() {
    return opened;
  }
}
