package io.isowatch.cli.report;

import io.isowatch.core.monitor.WarmUp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a report shows of one feed: panels of named series that share a y-axis (the feed's values
 * and forecast in one panel, each signal in its own, the trust score in its own), its alerts as
 * intervals and, under {@code evaluate}, its dataset's labels. Bounded: at most {@link #MAX_SERIES}
 * series, {@link #MAX_ALERTS} alerts and {@link #MAX_LABELS} labels.
 */
public final class FeedTimeline {
  /** Series per feed at most: values, forecast, every signal and the trust score fit easily. */
  public static final int MAX_SERIES = 64;

  /** Alert intervals per feed at most; later ones are counted, not drawn. */
  public static final int MAX_ALERTS = 500;

  /** Labels per feed at most; later ones are counted, not drawn. */
  public static final int MAX_LABELS = 500;

  private final String feedId;
  private final int pointsPerSeries;
  private final Map<String, Map<String, Series>> panels = new LinkedHashMap<>();
  private final Map<String, AlertSpan> open = new LinkedHashMap<>();
  private final List<AlertSpan> alerts = new ArrayList<>();
  private final List<LabelMark> labels = new ArrayList<>();
  private int seriesCount;
  private long alertsLeftOut;
  private long labelsLeftOut;
  private long firstTime = Long.MAX_VALUE;
  private long lastTime = Long.MIN_VALUE;
  private Instant end;
  private WarmUp warmUp;

  FeedTimeline(String feedId, int pointsPerSeries) {
    this.feedId = feedId;
    this.pointsPerSeries = pointsPerSeries;
  }

  void add(String panel, String series, long epochMillis, double value) {
    Map<String, Series> inPanel = panels.get(panel);
    if (inPanel == null) {
      if (seriesCount >= MAX_SERIES) {
        return;
      }
      inPanel = new LinkedHashMap<>();
      panels.put(panel, inPanel);
    }
    Series target = inPanel.get(series);
    if (target == null) {
      if (seriesCount >= MAX_SERIES) {
        return;
      }
      target = new Series(series, pointsPerSeries);
      inPanel.put(series, target);
      seriesCount++;
    }
    target.add(epochMillis, value);
    extend(epochMillis);
  }

  void label(LabelMark label) {
    if (labels.size() >= MAX_LABELS) {
      labelsLeftOut++;
      return;
    }
    labels.add(label);
    extend(label.from().toEpochMilli());
    extend(label.to().toEpochMilli());
  }

  /** Widens the feed's own time range (points, alerts, labels) to {@code epochMillis}. */
  void extend(long epochMillis) {
    firstTime = Math.min(firstTime, epochMillis);
    lastTime = Math.max(lastTime, epochMillis);
  }

  void firing(String id, String rule, String severity, Instant from, Instant to, String summary) {
    AlertSpan span = open.get(id);
    if (span == null && open.size() + alerts.size() >= MAX_ALERTS) {
      alertsLeftOut++;
      return;
    }
    open.put(
        id, new AlertSpan(rule, severity, span == null ? from : span.from(), to, false, summary));
  }

  void resolved(String id, Instant to) {
    AlertSpan span = open.remove(id);
    if (span != null) {
      alerts.add(
          new AlertSpan(span.rule(), span.severity(), span.from(), to, true, span.summary()));
    }
  }

  void warmUp(WarmUp latest) {
    warmUp = latest;
  }

  /** Whether the feed could alert as of its latest window; empty before its first. */
  public Optional<WarmUp> warmUp() {
    return Optional.ofNullable(warmUp);
  }

  public String feedId() {
    return feedId;
  }

  /** Panels in the order their first point came, each with its series. */
  public Map<String, List<Series>> panels() {
    Map<String, List<Series>> copy = new LinkedHashMap<>();
    panels.forEach((name, series) -> copy.put(name, List.copyOf(series.values())));
    return copy;
  }

  /** Resolved alerts, then those still open at the end of the run, drawn up to {@code end}. */
  public List<AlertSpan> alerts() {
    List<AlertSpan> all = new ArrayList<>(alerts);
    for (AlertSpan span : open.values()) {
      Instant to = end != null && end.isAfter(span.to()) ? end : span.to();
      all.add(new AlertSpan(span.rule(), span.severity(), span.from(), to, false, span.summary()));
    }
    return all;
  }

  /** The end of the run: where alerts that never resolved are drawn to. */
  void end(Instant end) {
    this.end = end;
  }

  public long alertsLeftOut() {
    return alertsLeftOut;
  }

  /** The dataset's labels of this feed, in the order given. */
  public List<LabelMark> labels() {
    return List.copyOf(labels);
  }

  public long labelsLeftOut() {
    return labelsLeftOut;
  }

  /** Event time of the feed's first point, alert or label; null if it has none. */
  public Instant from() {
    return firstTime <= lastTime ? Instant.ofEpochMilli(firstTime) : null;
  }

  /** Event time of the feed's last point, alert or label; null if it has none. */
  public Instant to() {
    return firstTime <= lastTime ? Instant.ofEpochMilli(lastTime) : null;
  }
}
