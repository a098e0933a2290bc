package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.drift.ShiftDriftTracker;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.geometry.RollingCloudTracker;
import io.isowatch.core.predict.OnlineLogLinearHead;
import io.isowatch.core.realized.RealizedErrorTracker;
import org.junit.jupiter.api.Test;

class MonitorSettingsTest {

  @Test
  void ruleSettingsAreValidatedByTheRuleAndNameTheField() {
    AlertRuleSettings defaults = AlertRuleSettings.defaults();

    assertThatThrownBy(() -> defaults.withWarmUp(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("warmUp must be at least");
    assertThatThrownBy(
            () -> new AlertRuleSettings(48, 2, 4.0, 3.0, 2.5, 3, 8)) // critical below warn
        .hasMessageStartingWith("criticalThreshold must be finite and at least warnThreshold");
  }

  @Test
  void monitorSettingsNameTheFieldAtFault() {
    assertThatThrownBy(() -> MonitorSettings.builder().windowCloudCapacity(1).build())
        .hasMessage("windowCloudCapacity must be at least 2, got 1");
    assertThatThrownBy(() -> MonitorSettings.builder().evaluateEvery(0).build())
        .hasMessage("evaluateEvery must be at least 1, got 0");
    assertThatThrownBy(() -> MonitorSettings.builder().width(0).build())
        .hasMessage("width must be at least 1, got 0");
  }

  @Test
  void memoryPerFeedIsTheSumOfItsParts() {
    MonitorSettings settings =
        MonitorSettings.builder()
            .window(WindowSpec.builder().length(32).stride(4).build())
            .width(384)
            .windowCloudCapacity(16)
            .build();
    long parts =
        FeedWindower.memoryBytes(settings.window())
            + RollingCloudTracker.memoryBytes(384, 16)
            + OnlineLogLinearHead.memoryBytes(settings.head(), 384)
            + ShiftDriftTracker.memoryBytes(settings.head().bins(), settings.driftRecent())
            + RealizedErrorTracker.memoryBytes(
                settings.maxPendingForecasts(),
                MonitorSettings.RECENT_ACTUALS,
                MonitorSettings.ERROR_HISTORY,
                settings.head().bins(),
                384)
            + settings.trust().memoryBytes();

    assertThat(FeedMonitor.memoryBytes(settings)).isBetween(parts, parts + 1024);
  }
}
