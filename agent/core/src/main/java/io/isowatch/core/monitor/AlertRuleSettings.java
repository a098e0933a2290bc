package io.isowatch.core.monitor;

import io.isowatch.core.alert.BaselineRule;

/**
 * The immutable settings of each feed's {@link BaselineRule}; defaults are the rule's own. A
 * monitor builds one rule per feed from them.
 *
 * @param warmUp evaluations that build the frozen baseline
 * @param confirm consecutive breaching evaluations before an alert fires
 * @param warnThreshold |robust z| at which a signal breaches
 * @param criticalThreshold |robust z| at which the alert is critical
 * @param clearThreshold |robust z| under which every signal must fall to clear
 * @param clearAfter consecutive clear evaluations before the alert resolves
 * @param cooldown evaluations after a resolve before a new alert may open
 */
public record AlertRuleSettings(
    int warmUp,
    int confirm,
    double warnThreshold,
    double criticalThreshold,
    double clearThreshold,
    int clearAfter,
    int cooldown) {

  public static AlertRuleSettings defaults() {
    return new AlertRuleSettings(
        BaselineRule.DEFAULT_WARM_UP,
        BaselineRule.DEFAULT_CONFIRM,
        BaselineRule.DEFAULT_WARN_THRESHOLD,
        BaselineRule.DEFAULT_CRITICAL_THRESHOLD,
        BaselineRule.DEFAULT_CLEAR_THRESHOLD,
        BaselineRule.DEFAULT_CLEAR_AFTER,
        BaselineRule.DEFAULT_COOLDOWN);
  }

  public AlertRuleSettings {
    // Validated by the rule's own builder, so the messages name the same fields.
    rule("settings-check", warmUp, confirm, warnThreshold, criticalThreshold, clearThreshold)
        .clearAfter(clearAfter)
        .cooldown(cooldown)
        .build();
  }

  public AlertRuleSettings withWarmUp(int warmUp) {
    return new AlertRuleSettings(
        warmUp, confirm, warnThreshold, criticalThreshold, clearThreshold, clearAfter, cooldown);
  }

  BaselineRule build(String feedId) {
    return rule(feedId, warmUp, confirm, warnThreshold, criticalThreshold, clearThreshold)
        .clearAfter(clearAfter)
        .cooldown(cooldown)
        .build();
  }

  private static BaselineRule.Builder rule(
      String feedId,
      int warmUp,
      int confirm,
      double warnThreshold,
      double criticalThreshold,
      double clearThreshold) {
    return BaselineRule.builder()
        .feedId(feedId)
        .warmUp(warmUp)
        .confirm(confirm)
        .warnThreshold(warnThreshold)
        .criticalThreshold(criticalThreshold)
        .clearThreshold(clearThreshold)
        .maxSignals(MonitorSignal.values().length);
  }

  long memoryBytes() {
    return BaselineRule.memoryBytes(MonitorSignal.values().length, warmUp);
  }
}
