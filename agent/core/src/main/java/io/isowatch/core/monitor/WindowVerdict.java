package io.isowatch.core.monitor;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Window;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FeedMonitor} made of one embedded window.
 *
 * @param window the window
 * @param signals the signal values of this evaluation; empty for windows between evaluations
 * @param alerts alert messages (firing, escalated or resolved) this window produced
 */
public record WindowVerdict(Window window, Map<MonitorSignal, Double> signals, List<Alert> alerts) {
  public WindowVerdict {
    signals =
        signals.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<MonitorSignal, Double>(signals));
    alerts = List.copyOf(alerts);
  }

  /** Whether the monitor evaluated its signals on this window. */
  public boolean evaluated() {
    return !signals.isEmpty();
  }
}
