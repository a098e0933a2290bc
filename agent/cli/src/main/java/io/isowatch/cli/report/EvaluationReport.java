package io.isowatch.cli.report;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.evaluation.DetectorResult;
import io.isowatch.evaluation.EvaluationResult;
import io.isowatch.evaluation.SeriesResult;
import io.isowatch.evaluation.data.IndexRange;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.isowatch.IsowatchDetector;
import io.isowatch.evaluation.isowatch.VerdictListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report of an {@code evaluate} run: listens to {@link IsowatchDetector} to draw every series
 * that ran the model (values, forecasts, signals, trust, alerts, and the series' labels), and turns
 * the {@link EvaluationResult} into the page's tables, the same numbers as the JSON of {@code
 * --out}. Series read back from the trace cache never run the monitor, so they are in the numbers
 * but not drawn; the page says how many. Memory: the recorder's bound, plus two counters.
 */
public final class EvaluationReport implements VerdictListener {
  private final ReportRecorder recorder;
  private long seriesDrawn;

  public EvaluationReport(ReportRecorder recorder) {
    this.recorder = recorder;
  }

  /** Marks the series' labels on its timeline before its first window. */
  @Override
  public void series(LabelledSeries series, String feedId) {
    seriesDrawn++;
    for (LabelMark label : labels(series)) {
      recorder.label(feedId, label);
    }
  }

  @Override
  public void verdict(WindowVerdict verdict) {
    recorder.verdict(verdict);
    for (Alert alert : verdict.alerts()) {
      recorder.alert(alert);
    }
  }

  /** Series that ran the monitor (and so reached the recorder) so far. */
  public long seriesDrawn() {
    return seriesDrawn;
  }

  /**
   * What the dataset's labels say about a series, in event time: NAB's anomaly windows, TCPD's
   * change points (one mark per position, with how many annotators chose it) and SKAB's change
   * points; nothing for unlabelled series.
   */
  static List<LabelMark> labels(LabelledSeries series) {
    List<LabelMark> marks = new ArrayList<>();
    Truth truth = series.truth();
    if (truth instanceof Truth.AnomalyWindows windows) {
      for (IndexRange window : windows.windows()) {
        if (window.last() < series.length()) {
          marks.add(
              new LabelMark(
                  series.time(window.first()),
                  series.time(window.last()),
                  "labelled anomaly window, positions " + window.first() + ".." + window.last()));
        }
      }
    } else if (truth instanceof Truth.AnnotatedChangePoints annotated) {
      Map<Integer, Integer> votes = new TreeMap<>();
      for (List<Integer> annotator : annotated.annotators()) {
        for (int position : new LinkedHashSet<>(annotator)) {
          votes.merge(position, 1, Integer::sum);
        }
      }
      int annotators = annotated.annotators().size();
      votes.forEach(
          (position, count) -> {
            if (position >= 0 && position < series.length()) {
              marks.add(
                  point(
                      series,
                      position,
                      "labelled change point at "
                          + position
                          + " ("
                          + count
                          + " of "
                          + annotators
                          + " annotators)"));
            }
          });
    } else if (truth instanceof Truth.ChangePoints points) {
      for (int position : points.points()) {
        if (position >= 0 && position < series.length()) {
          marks.add(point(series, position, "labelled change point at " + position));
        }
      }
    }
    return marks;
  }

  private static LabelMark point(LabelledSeries series, int position, String what) {
    return new LabelMark(series.time(position), series.time(position), what);
  }

  /** Facts of the run, as the JSON's {@code run} object has them. */
  public static Map<String, String> facts(EvaluationResult result) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("datasets", String.join(", ", result.datasets()));
    facts.put("series", Integer.toString(result.series().size()));
    facts.put("windows embedded", Long.toString(result.windowsEmbedded()));
    facts.put("isowatch score", "1 - trust score");
    facts.put(
        "forecast-error labels",
        String.format(
            Locale.ROOT,
            "error / mean |one-step change| over %d steps, above the %.2f order statistic of the"
                + " last %d realized errors",
            result.labelRule().scaleWindow(),
            result.labelRule().quantile(),
            result.labelRule().history()));
    facts.put(
        "broken metrics",
        result.broken().isEmpty() ? "none" : String.join(", ", result.broken().keySet()));
    facts.put("false-alarm rate (--far)", Double.toString(result.far()));
    facts.put("long-series stride", Integer.toString(result.stride()));
    facts.put("seed", Long.toString(result.seed()));
    facts.put("seconds", String.format(Locale.ROOT, "%.1f", result.seconds()));
    return facts;
  }

  /**
   * The corpus metrics (one row per detector, one column per metric any detector has, in order of
   * appearance) and isowatch's row of every series.
   */
  public static List<ReportTable> tables(EvaluationResult result) {
    List<ReportTable> tables = new ArrayList<>();
    tables.add(table("Metrics over all series", "detector", result.detectors()));
    Map<String, Map<String, Double>> perSeries = new LinkedHashMap<>();
    for (SeriesResult row : result.series()) {
      DetectorResult isowatch = row.detectors().get(IsowatchDetector.NAME);
      if (isowatch == null) {
        continue;
      }
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("length", (double) row.length());
      values.put("alarms", (double) isowatch.alarms());
      values.putAll(isowatch.metrics());
      perSeries.put(row.dataset() + ":" + row.name(), values);
    }
    if (!perSeries.isEmpty()) {
      tables.add(table("isowatch per series", "series", perSeries));
    }
    return tables;
  }

  private static ReportTable table(
      String caption, String rowHeader, Map<String, Map<String, Double>> byRow) {
    Set<String> columns = new LinkedHashSet<>();
    byRow.values().forEach(metrics -> columns.addAll(metrics.keySet()));
    Map<String, List<Double>> rows = new LinkedHashMap<>();
    byRow.forEach(
        (name, metrics) -> {
          List<Double> values = new ArrayList<>(columns.size());
          for (String column : columns) {
            values.add(metrics.get(column));
          }
          rows.put(name, values);
        });
    return new ReportTable(caption, rowHeader, new ArrayList<>(columns), rows);
  }

  /** What the plots leave out of the numbers: cached series, or every series without the model. */
  public List<String> notes(EvaluationResult result, boolean modelRan) {
    List<String> notes = new ArrayList<>();
    if (!modelRan) {
      notes.add(
          "--baselines-only: the model did not run, so no series is drawn; the numbers are the"
              + " baselines'.");
    } else if (seriesDrawn < result.series().size()) {
      long cached = result.series().size() - seriesDrawn;
      notes.add(
          cached
              + " of "
              + result.series().size()
              + " series were read back from the trace cache (--cache) and did not run the"
              + " monitor: they are in the numbers but not drawn.");
    }
    return notes;
  }
}
