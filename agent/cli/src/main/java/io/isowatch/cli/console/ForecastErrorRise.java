package io.isowatch.cli.console;

import io.isowatch.core.monitor.AgentForecast;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the monitored forecasts' error rose after each known change, in the feed's own units. A rise
 * is confirmed once the mean absolute error of the last {@value #RECENT} forecasts after the change
 * exceeds {@value #RISE} times the mean absolute error of up to {@value #BEFORE} forecasts before
 * it, and dated at its onset: the first of those {@value #RECENT} errors above that line (so a
 * single large error is not a rise, and a confirmed rise is not dated {@value #RECENT} forecasts
 * late). Absolute, not scaled: a scaled error such as MASE divides by the feed's recent steps,
 * which grow with the very change it should judge. A change whose error never rose did not hurt the
 * forecasts, and an alert for it is no early warning.
 *
 * <p>Each forecast is judged against the value it forecast, read from the feed's next window
 * (stride and horizon say where it sits); a forecast whose next window never comes, or comes after
 * a gap in the sequence, is not judged. Memory: {@value #BEFORE} + {@value #RECENT} doubles per
 * change and one forecast per feed with a change. Thread-safe.
 */
public final class ForecastErrorRise implements EngineListener {
  static final double RISE = 2;
  static final int BEFORE = 256;
  static final int RECENT = 8;

  private final List<ChangePointSummary.Change> changes;
  private final int stride;
  private final int horizon;
  private final Map<ChangePointSummary.Change, Tracker> trackers = new HashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();

  /** The median forecast made from a feed's window {@code sequence}. */
  private record Pending(long sequence, double median) {}

  /**
   * @param stride values between consecutive windows of a feed
   * @param horizon which value after its window a forecast is for (1 = the next); at most stride
   */
  public ForecastErrorRise(List<ChangePointSummary.Change> changes, int stride, int horizon) {
    if (horizon < 1 || horizon > stride) {
      throw new IllegalArgumentException(
          "horizon must be between 1 and the stride " + stride + ", got " + horizon);
    }
    this.changes = List.copyOf(changes);
    this.stride = stride;
    this.horizon = horizon;
    for (ChangePointSummary.Change change : this.changes) {
      trackers.put(change, new Tracker());
    }
  }

  @Override
  public synchronized void verdict(WindowVerdict verdict) {
    String feed = verdict.window().feedId();
    if (changes.stream().noneMatch(c -> c.feedId().equals(feed))) {
      return;
    }
    Pending previous = pending.remove(feed);
    double[] values = verdict.window().values();
    if (previous != null
        && verdict.window().sequence() == previous.sequence() + 1
        && values.length >= stride) {
      double actual = values[values.length - stride + horizon - 1];
      double error = Math.abs(previous.median() - actual);
      Instant end = verdict.window().lastEventTime();
      for (ChangePointSummary.Change change : changes) {
        if (change.feedId().equals(feed) && Double.isFinite(error)) {
          trackers.get(change).observe(end, error, change.at());
        }
      }
    }
    Optional<AgentForecast> forecast = verdict.forecast();
    forecast.ifPresent(
        f -> pending.put(feed, new Pending(verdict.window().sequence(), f.median())));
  }

  /** When the error rose after each change; empty where it did not (yet). */
  public synchronized Map<ChangePointSummary.Change, Optional<Instant>> rises() {
    Map<ChangePointSummary.Change, Optional<Instant>> rises = new HashMap<>();
    trackers.forEach((change, tracker) -> rises.put(change, Optional.ofNullable(tracker.rose)));
    return rises;
  }

  /** One change's errors before it, its recent errors after it, and the first rise. */
  private static final class Tracker {
    private final MeanRing before = new MeanRing(BEFORE);
    private final MeanRing after = new MeanRing(RECENT);
    private Instant rose;

    void observe(Instant end, double error, Instant change) {
      if (end.isBefore(change)) {
        before.add(error, end);
        return;
      }
      after.add(error, end);
      double threshold = RISE * before.mean();
      if (rose == null
          && before.count() > 0
          && after.count() == RECENT
          && after.mean() > threshold) {
        rose = after.firstAbove(threshold);
      }
    }
  }

  /** The last {@code capacity} errors and when each became known. */
  private static final class MeanRing {
    private final double[] values;
    private final Instant[] times;
    private int count;
    private int next;

    MeanRing(int capacity) {
      values = new double[capacity];
      times = new Instant[capacity];
    }

    void add(double value, Instant time) {
      values[next] = value;
      times[next] = time;
      next = (next + 1) % values.length;
      count = Math.min(count + 1, values.length);
    }

    int count() {
      return count;
    }

    double mean() {
      double sum = 0;
      for (int i = 0; i < count; i++) {
        sum += values[i];
      }
      return sum / count;
    }

    /**
     * The oldest time whose error exceeds {@code threshold} (the ring holds one if its mean does).
     */
    Instant firstAbove(double threshold) {
      Instant first = null;
      for (int i = 0; i < count; i++) {
        if (values[i] > threshold && (first == null || times[i].isBefore(first))) {
          first = times[i];
        }
      }
      return first;
    }
  }
}
