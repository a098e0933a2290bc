package io.isowatch.cli.console;

import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.risk.RecentMedian;
import io.isowatch.engine.report.EngineListener;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the monitored forecasts' realized error rose after each known change: the end of the first
 * window at or after the change whose realized MASE exceeds {@value #RISE} times the median of that
 * feed's last {@value #BEFORE} realized MASEs before the change. A change whose error never rose
 * did not hurt the forecasts, and an alert for it is no early warning.
 *
 * <p>Memory: {@value #BEFORE} doubles per change. Thread-safe.
 */
public final class ForecastErrorRise implements EngineListener {
  static final double RISE = 2;
  static final int BEFORE = 256;

  private final List<ChangePointSummary.Change> changes;
  private final Map<ChangePointSummary.Change, Tracker> trackers = new HashMap<>();

  public ForecastErrorRise(List<ChangePointSummary.Change> changes) {
    this.changes = List.copyOf(changes);
    for (ChangePointSummary.Change change : this.changes) {
      trackers.put(change, new Tracker());
    }
  }

  @Override
  public synchronized void verdict(WindowVerdict verdict) {
    Optional<Double> mase =
        verdict.realizedError().map(e -> e.mase()).filter(m -> Double.isFinite(m));
    if (mase.isEmpty()) {
      return;
    }
    Instant end = verdict.window().lastEventTime();
    for (ChangePointSummary.Change change : changes) {
      if (change.feedId().equals(verdict.window().feedId())) {
        trackers.get(change).observe(end, mase.get(), change.at());
      }
    }
  }

  /** When the error rose after each change; empty where it did not (yet). */
  public synchronized Map<ChangePointSummary.Change, Optional<Instant>> rises() {
    Map<ChangePointSummary.Change, Optional<Instant>> rises = new HashMap<>();
    trackers.forEach((change, tracker) -> rises.put(change, Optional.ofNullable(tracker.rose)));
    return rises;
  }

  /** One change's errors before it and the first rise after it. */
  private static final class Tracker {
    private final RecentMedian before = new RecentMedian(BEFORE);
    private Instant rose;

    void observe(Instant end, double mase, Instant change) {
      if (end.isBefore(change)) {
        before.add(mase);
      } else if (rose == null && before.count() > 0 && mase > RISE * before.median()) {
        rose = end;
      }
    }
  }
}
