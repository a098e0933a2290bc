package io.isowatch.cli.report;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps what a visual report of a run shows, from the pipeline's verdict on every window: per feed,
 * its values, each signal and alerts as intervals, as named time series on event time. A series
 * another part computes (a forecast, the trust score) plugs in through {@link #record}; a dataset's
 * labels ({@code evaluate}) through {@link #label}.
 *
 * <p>Bounded: the first {@code maxFeeds} feeds are kept (later ones are counted), each series to
 * {@code pointsPerSeries} points ({@link Series}), each feed to {@link FeedTimeline#MAX_SERIES}
 * series, {@link FeedTimeline#MAX_ALERTS} alerts and {@link FeedTimeline#MAX_LABELS} labels. With
 * the defaults that is at most 16 feeds x 64 series x 1000 points x 16 bytes, about 16 MB, and a
 * page of a few MB.
 */
public final class ReportRecorder implements EngineListener {
  /** Feeds a report shows at most. */
  public static final int DEFAULT_MAX_FEEDS = 16;

  /** Points a series keeps at most. */
  public static final int DEFAULT_POINTS_PER_SERIES = 1000;

  /** The panel of the feed's own values (and forecasts, when there are any). */
  public static final String VALUES_PANEL = "values";

  /** The series of the newest value of each window, in {@link #VALUES_PANEL}. */
  public static final String VALUE_SERIES = "value";

  /**
   * The agent's forecast made from each window (its median), drawn one step of the window's cadence
   * after the window: where a forecast of the default horizon 1 lands.
   */
  public static final String FORECAST_SERIES = "forecast";

  private final int maxFeeds;
  private final int pointsPerSeries;
  private final ReportData.Axes axes;
  private final Map<String, FeedTimeline> feeds = new LinkedHashMap<>();
  private long feedsLeftOut;
  private long firstTime = Long.MAX_VALUE;
  private long lastTime = Long.MIN_VALUE;

  public ReportRecorder() {
    this(DEFAULT_MAX_FEEDS, DEFAULT_POINTS_PER_SERIES);
  }

  public ReportRecorder(int maxFeeds, int pointsPerSeries) {
    this(maxFeeds, pointsPerSeries, ReportData.Axes.SHARED);
  }

  /**
   * @param axes one time axis for every feed (a run's feeds share a clock), or one per feed (the
   *     series of an evaluation come from different decades)
   */
  public ReportRecorder(int maxFeeds, int pointsPerSeries, ReportData.Axes axes) {
    if (maxFeeds < 1) {
      throw new IllegalArgumentException("maxFeeds must be at least 1, got " + maxFeeds);
    }
    this.maxFeeds = maxFeeds;
    this.pointsPerSeries = pointsPerSeries;
    this.axes = Objects.requireNonNull(axes, "axes");
    new Series("check", pointsPerSeries); // validates the capacity now rather than per feed
  }

  /**
   * The window's newest value in the values panel, and each signal the monitor evaluated on it in a
   * panel of its own; at the window's last event time.
   */
  @Override
  public synchronized void verdict(WindowVerdict verdict) {
    Window window = verdict.window();
    long time = window.lastEventTime().toEpochMilli();
    record(window.feedId(), VALUES_PANEL, VALUE_SERIES, time, window.value(window.length() - 1));
    FeedTimeline feed = feeds.get(window.feedId());
    if (feed != null && verdict.warmUp().isPresent()) {
      feed.warmUp(verdict.warmUp().get());
    }
    if (verdict.forecast().isPresent() && window.length() > 1) {
      long step =
          (window.lastEventTime().toEpochMilli() - window.firstEventTime().toEpochMilli())
              / (window.length() - 1);
      record(
          window.feedId(),
          VALUES_PANEL,
          FORECAST_SERIES,
          time + step,
          verdict.forecast().orElseThrow().median());
    }
    for (Map.Entry<MonitorSignal, Double> signal : verdict.signals().entrySet()) {
      String label = signal.getKey().label();
      record(window.feedId(), label, label, time, signal.getValue());
    }
  }

  @Override
  public synchronized void alert(Alert alert) {
    FeedTimeline feed = feed(alert.feedId());
    if (feed == null) {
      return;
    }
    if (alert.state() == AlertState.FIRING) {
      feed.firing(
          alert.id(),
          alert.rule(),
          alert.severity().label(),
          alert.from(),
          alert.to(),
          alert.summary());
    } else {
      feed.resolved(alert.id(), alert.to());
    }
    feed.extend(alert.from().toEpochMilli());
    feed.extend(alert.to().toEpochMilli());
    extend(alert.from().toEpochMilli());
    extend(alert.to().toEpochMilli());
  }

  /** Marks what the dataset's labels say about a stretch of a feed ({@code evaluate}). */
  public synchronized void label(String feedId, LabelMark label) {
    FeedTimeline feed = feed(feedId);
    if (feed == null) {
      return;
    }
    feed.label(label);
    extend(label.from().toEpochMilli());
    extend(label.to().toEpochMilli());
  }

  /** Adds a point to a named series of a feed's panel; non-finite values leave a gap. */
  public synchronized void record(
      String feedId, String panel, String series, long epochMillis, double value) {
    FeedTimeline feed = feed(feedId);
    if (feed == null) {
      return;
    }
    feed.add(panel, series, epochMillis, value);
    extend(epochMillis);
  }

  private FeedTimeline feed(String feedId) {
    FeedTimeline feed = feeds.get(feedId);
    if (feed == null) {
      if (feeds.size() >= maxFeeds) {
        feedsLeftOut++;
        return null;
      }
      feed = new FeedTimeline(feedId, pointsPerSeries);
      feeds.put(feedId, feed);
    }
    return feed;
  }

  private void extend(long epochMillis) {
    firstTime = Math.min(firstTime, epochMillis);
    lastTime = Math.max(lastTime, epochMillis);
  }

  /** What the report shows now, with a title and the evaluation numbers (empty if none). */
  public synchronized ReportData snapshot(String title, Map<String, String> evaluation) {
    return snapshot(title, evaluation, List.of(), List.of());
  }

  /**
   * What the report shows now, with a title, facts of the run by name, tables of numbers and notes
   * of the caller's (e.g. what an evaluation left out of the plots), before the recorder's own.
   */
  public synchronized ReportData snapshot(
      String title,
      Map<String, String> evaluation,
      List<ReportTable> tables,
      List<String> callerNotes) {
    List<FeedTimeline> timelines = new ArrayList<>(feeds.values());
    for (FeedTimeline feed : timelines) {
      if (axes == ReportData.Axes.PER_FEED && feed.to() != null) {
        feed.end(feed.to());
      } else if (firstTime <= lastTime) {
        feed.end(Instant.ofEpochMilli(lastTime));
      }
    }
    List<String> notes = new ArrayList<>(callerNotes);
    if (feedsLeftOut > 0) {
      notes.add(
          "Only the first "
              + maxFeeds
              + " feeds are shown; records of further feeds were left out "
              + feedsLeftOut
              + " times.");
    }
    notes.add(
        "Each series shows at most "
            + pointsPerSeries
            + " points, evenly thinned over the run; values are the newest of each window.");
    return new ReportData(
        title,
        firstTime <= lastTime ? Instant.ofEpochMilli(firstTime) : null,
        firstTime <= lastTime ? Instant.ofEpochMilli(lastTime) : null,
        timelines,
        axes,
        new LinkedHashMap<>(evaluation),
        List.copyOf(tables),
        notes);
  }
}
