package io.isowatch.core.monitor;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Window;
import io.isowatch.core.realized.RealizedError;
import io.isowatch.core.trust.TrustReading;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FeedMonitor} made of one embedded window.
 *
 * @param window the window
 * @param signals the signal values of this evaluation; empty for windows between evaluations
 * @param alerts alert messages (firing, escalated or resolved) this window produced
 * @param forecast the agent's forecast from this window, once its softmax source is ready
 * @param trust the trust reading of this evaluation (empty between evaluations)
 * @param realizedError the feed's recent realized error, once forecasts were reconciled
 * @param pendingForecasts forecasts waiting for their actuals
 * @param warmUp whether the feed's forecast rules can alert yet, and what they still need (empty
 *     when not known, e.g. for a verdict made outside a monitor)
 */
public record WindowVerdict(
    Window window,
    Map<MonitorSignal, Double> signals,
    List<Alert> alerts,
    Optional<AgentForecast> forecast,
    Optional<TrustReading> trust,
    Optional<RealizedError> realizedError,
    int pendingForecasts,
    Optional<WarmUp> warmUp) {
  public WindowVerdict {
    Objects.requireNonNull(window, "window");
    signals =
        signals.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<MonitorSignal, Double>(signals));
    alerts = List.copyOf(alerts);
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(realizedError, "realizedError");
    Objects.requireNonNull(warmUp, "warmUp");
  }

  /** A verdict without a warm-up state. */
  public WindowVerdict(
      Window window,
      Map<MonitorSignal, Double> signals,
      List<Alert> alerts,
      Optional<AgentForecast> forecast,
      Optional<TrustReading> trust,
      Optional<RealizedError> realizedError,
      int pendingForecasts) {
    this(
        window,
        signals,
        alerts,
        forecast,
        trust,
        realizedError,
        pendingForecasts,
        Optional.empty());
  }

  /** A verdict with signals and alerts only. */
  public WindowVerdict(Window window, Map<MonitorSignal, Double> signals, List<Alert> alerts) {
    this(window, signals, alerts, Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /** Whether the monitor evaluated its signals on this window. */
  public boolean evaluated() {
    return !signals.isEmpty();
  }
}
