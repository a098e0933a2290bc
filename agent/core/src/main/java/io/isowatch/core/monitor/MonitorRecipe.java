package io.isowatch.core.monitor;

import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.risk.RiskModel;
import java.util.Objects;

/**
 * What every feed's monitor is made of besides its own state: the settings, where its forecasts
 * come from and the risk model its trust score calibrates. An engine holds one and makes or
 * restores each feed's {@link FeedMonitor} with it; a snapshot holds none of the three, so a
 * restore needs the recipe the monitor was created with.
 *
 * @param settings how a monitor windows, measures, forecasts and judges a feed
 * @param forecasts each feed's forecast source
 * @param riskModel the risk model behind the trust score
 */
public record MonitorRecipe(
    MonitorSettings settings, SoftmaxSources forecasts, RiskModel riskModel) {
  public MonitorRecipe {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(forecasts, "forecasts");
    Objects.requireNonNull(riskModel, "riskModel");
  }

  /** Forecasts from the online head of {@code settings}, judged by the bundled risk model. */
  public static MonitorRecipe onlineHead(MonitorSettings settings) {
    return new MonitorRecipe(settings, FeedMonitor.defaultSources(settings), RiskModel.bundled());
  }

  /** A new monitor for {@code feedId}. */
  public FeedMonitor create(String feedId) {
    return FeedMonitor.create(feedId, settings, forecasts, riskModel);
  }

  /** The monitor that wrote {@code snapshot}, continued. */
  public FeedMonitor restore(byte[] snapshot) {
    return FeedMonitor.restore(snapshot, settings, forecasts, riskModel);
  }
}
