package io.isowatch.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.drift.ShiftDriftTracker;
import io.isowatch.core.embed.NumericVocabulary;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.geometry.RollingCloudTracker;
import io.isowatch.core.predict.ModelLogitsSource;
import io.isowatch.core.predict.OnlineLogLinearHead;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.realized.RealizedErrorTracker;
import io.isowatch.core.realized.SurpriseMartingale;
import io.isowatch.core.trust.TrustSettings;
import org.junit.jupiter.api.Test;

class MonitorSettingsTest {

  @Test
  void trustSettingsRefuseAFalseAlarmRateTheirCalibrationCannotReach() {
    TrustSettings defaults = TrustSettings.defaults();

    assertThatThrownBy(() -> defaults.withFalseAlarmRate(0.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "trust calibration must be at least 1 / falseAlarmRate - 1 = 99 (a p-value against n"
                + " scores is at least 1 / (n + 1)), got 49");
    assertThatThrownBy(() -> defaults.withCalibration(60, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trust history must be at least calibration (60), got 50");
    assertThatThrownBy(() -> defaults.withFalseAlarmRate(0.5))
        .hasMessageStartingWith("trust falseAlarmRate must be in (0, 0.5)");
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
                settings.trackerLimits(), settings.head().bins(), 384)
            + settings.trust().memoryBytes()
            + SurpriseMartingale.memoryBytes()
            // the gap marks and raw-channel views (with their peak |z|) of the windows waiting
            // for their embedding
            + (48L + 16L * io.isowatch.core.raw.RawFeatures.NAMES.length + 64)
                * (settings.maxEmbeddingLag() + 1);

    assertThat(FeedMonitor.memoryBytes(settings)).isBetween(parts, parts + 1024);
  }

  @Test
  void withTheModelsOwnLogitsThePredictionsKeptAreCountedAtTheVocabularysSize() {
    MonitorSettings settings = MonitorSettings.builder().width(128).build();
    int tokens = 1024;
    SoftmaxSources modelLogits =
        ModelLogitsSource.builder()
            .vocabulary(new NumericVocabulary.Range(3, tokens, -10, 10))
            .build()
            .forEveryFeed();
    long parts =
        FeedWindower.memoryBytes(settings.window())
            + RollingCloudTracker.memoryBytes(128, settings.windowCloudCapacity())
            + ShiftDriftTracker.memoryBytes(tokens, settings.driftRecent())
            + RealizedErrorTracker.memoryBytes(settings.trackerLimits(), tokens, 128)
            + settings.trust().memoryBytes()
            + SurpriseMartingale.memoryBytes()
            + (48L + 16L * io.isowatch.core.raw.RawFeatures.NAMES.length + 64)
                * (settings.maxEmbeddingLag() + 1);

    assertThat(modelLogits.classes()).isEqualTo(tokens);
    assertThat(FeedMonitor.memoryBytes(settings, modelLogits)).isBetween(parts, parts + 1024);
  }

  @Test
  void anEngineBatchLargerThanTheEmbeddingLagIsRefusedNamingBothSettings() {
    MonitorSettings settings = MonitorSettings.builder().maxEmbeddingLag(16).build();
    settings.requireEmbeddingLagCovers(16, "maxBatch");

    assertThatThrownBy(() -> settings.requireEmbeddingLagCovers(17, "maxBatch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatch 17 exceeds the monitor's maxEmbeddingLag 16")
        .hasMessageContaining("raise maxEmbeddingLag to at least 17");
  }
}
