package io.isowatch.evaluation.isowatch;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.BaselineRule;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.detect.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Drives a {@link FeedMonitor} over a series synchronously, as an engine would (accept → encode →
 * embed in batches → onEmbedded), and turns its verdicts into traces: one for isowatch itself and
 * one per judged {@link MonitorSignal} alone, all from the same embeddings.
 *
 * <ul>
 *   <li><b>isowatch</b>: score {@link IsowatchScore#of}; alarms = FIRING alerts of the monitor's
 *       own alert policy (an escalation of an open alert is not a new alarm).
 *   <li><b>signal:&lt;label&gt;</b>: a {@link BaselineRule} on that signal alone, warmed up over
 *       the profile's warm-up evaluations, its other settings at their defaults; score = |robust z|
 *       against its frozen warm-up baseline, alarms = its FIRING alerts.
 * </ul>
 *
 * Nothing counts before the profile's {@link EvaluationProfile#judgedFrom} position, the same for
 * every detector: scores are 0 and alarms are dropped there. A score holds from its evaluation's
 * position (the window's last value) until the next one. Memory: the monitor's fixed state, one
 * batch of windows and the series' traces.
 */
public final class IsowatchDetector {
  public static final String NAME = "isowatch";
  public static final String SIGNAL_PREFIX = "signal:";
  public static final int DEFAULT_BATCH = 32;

  private final Embedder embedder;
  private final WindowEncoder encoder;
  private final int batchSize;
  private final VerdictListener listener;
  private long windowsEmbedded;

  public IsowatchDetector(Embedder embedder, WindowEncoder encoder, int batchSize) {
    this(embedder, encoder, batchSize, VerdictListener.NONE);
  }

  /**
   * @param listener sees every verdict of the monitor, e.g. to draw a report of the run
   */
  public IsowatchDetector(
      Embedder embedder, WindowEncoder encoder, int batchSize, VerdictListener listener) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    this.embedder = embedder;
    this.encoder = encoder;
    this.batchSize = batchSize;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The feed id of a series' monitor: {@code dataset:name}, unique within a run. */
  public static String feedId(LabelledSeries series) {
    return series.dataset() + ":" + series.name();
  }

  /** The detector names this produces: isowatch, then one per judged signal. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(NAME);
    for (MonitorSignal signal : MonitorSignal.values()) {
      if (signal.judged()) {
        names.add(SIGNAL_PREFIX + signal.label());
      }
    }
    return names;
  }

  /** Windows embedded so far, over every series. */
  public long windowsEmbedded() {
    return windowsEmbedded;
  }

  /** Runs the monitor over the series; returns a trace per name of {@link #names()}. */
  public Map<String, Trace> run(LabelledSeries series, EvaluationProfile profile) {
    MonitorSettings settings =
        profile.monitorSettings(embedder.dimension()).toBuilder()
            .maxEmbeddingLag(MonitorSettings.embeddingLagFor(batchSize))
            .build();
    String feedId = feedId(series);
    listener.series(series, feedId);
    FeedMonitor monitor = FeedMonitor.create(feedId, settings);
    Recorder recorder = new Recorder(series, profile);
    List<Window> pending = new ArrayList<>(batchSize);
    for (int i = 0; i < series.length(); i++) {
      WindowerOutput out = monitor.accept(new Observation(feedId, series.time(i), series.value(i)));
      recorder.rejected(out.rejections().size());
      for (Window window : out.windows()) {
        pending.add(window);
        if (pending.size() == batchSize) {
          embed(monitor, pending, recorder);
        }
      }
    }
    WindowerOutput rest = monitor.flush();
    recorder.rejected(rest.rejections().size());
    pending.addAll(rest.windows());
    while (!pending.isEmpty()) {
      embed(monitor, pending, recorder);
    }
    return recorder.traces();
  }

  private void embed(FeedMonitor monitor, List<Window> pending, Recorder recorder) {
    List<Window> batch = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
    pending.subList(0, batch.size()).clear();
    List<EncodedWindow> encoded = new ArrayList<>(batch.size());
    for (Window window : batch) {
      encoded.add(encoder.encode(window.values()));
    }
    List<Embedding> embeddings = embedder.embed(encoded);
    windowsEmbedded += batch.size();
    for (int k = 0; k < batch.size(); k++) {
      WindowVerdict verdict = monitor.onEmbedded(batch.get(k), embeddings.get(k));
      listener.verdict(verdict);
      recorder.record(verdict);
    }
  }

  /** Collects the verdicts of one series into traces. */
  private static final class Recorder {
    private final LabelledSeries series;
    private final Map<String, double[]> scores = new LinkedHashMap<>();
    private final Map<String, List<Integer>> alarms = new LinkedHashMap<>();
    private final Map<MonitorSignal, BaselineRule> signalRules = new LinkedHashMap<>();
    private final Map<MonitorSignal, Set<String>> signalAlertIds = new LinkedHashMap<>();
    private final Set<String> isowatchAlertIds = new HashSet<>();
    private final Map<String, Double> lastScore = new LinkedHashMap<>();
    private final int judgedFrom;
    private int lastIndex = -1;
    private int rejected;

    Recorder(LabelledSeries series, EvaluationProfile profile) {
      this.series = series;
      this.judgedFrom = profile.judgedFrom();
      for (String name : names()) {
        scores.put(name, new double[series.length()]);
        alarms.put(name, new ArrayList<>());
        lastScore.put(name, 0.0);
      }
      for (MonitorSignal signal : MonitorSignal.values()) {
        if (signal.judged()) {
          signalRules.put(
              signal,
              BaselineRule.builder()
                  .feedId(series.name() + "/" + signal.label())
                  .warmUp(profile.warmUpEvaluations())
                  .build());
          signalAlertIds.put(signal, new HashSet<>());
        }
      }
    }

    void rejected(int count) {
      rejected += count;
    }

    void record(WindowVerdict verdict) {
      if (!verdict.evaluated()) {
        return;
      }
      int index = series.indexAtOrBefore(verdict.window().lastEventTime());
      if (index < 0) {
        return;
      }
      fillTo(index);
      double maxAbsZ = 0;
      for (Map.Entry<MonitorSignal, BaselineRule> entry : signalRules.entrySet()) {
        MonitorSignal signal = entry.getKey();
        BaselineRule rule = entry.getValue();
        Double value = verdict.signals().get(signal);
        Map<String, Double> one = new LinkedHashMap<>();
        one.put(signal.label(), value == null ? Double.NaN : value);
        String name = SIGNAL_PREFIX + signal.label();
        // A value of the warm-up is not judged, also not the one that completes it.
        boolean judged = rule.status() != BaselineRule.Status.WARMING_UP;
        for (Alert alert :
            rule
                .update(verdict.window().firstEventTime(), verdict.window().lastEventTime(), one)
                .stream()
                .toList()) {
          if (alert.state() == AlertState.FIRING && signalAlertIds.get(signal).add(alert.id())) {
            addAlarm(name, index);
          }
        }
        double z = 0;
        if (judged && value != null && Double.isFinite(value)) {
          z =
              rule.baseline(signal.label())
                  .map(b -> Math.abs(value - b.median()) / b.spread())
                  .orElse(0.0);
        }
        setScore(name, index, z);
        maxAbsZ = Math.max(maxAbsZ, z);
      }
      for (Alert alert : verdict.alerts()) {
        if (alert.state() == AlertState.FIRING && isowatchAlertIds.add(alert.id())) {
          addAlarm(NAME, index);
        }
      }
      setScore(NAME, index, IsowatchScore.of(verdict, maxAbsZ));
      lastIndex = index;
    }

    private void addAlarm(String name, int index) {
      if (index < judgedFrom) {
        return;
      }
      List<Integer> list = alarms.get(name);
      if (list.isEmpty() || list.get(list.size() - 1) < index) {
        list.add(index);
      }
    }

    private void setScore(String name, int index, double score) {
      double judged = index < judgedFrom ? 0 : score;
      scores.get(name)[index] = judged;
      lastScore.put(name, judged);
    }

    /** Holds each score from the previous evaluation up to (not including) {@code index}. */
    private void fillTo(int index) {
      if (index <= lastIndex + 1) {
        return;
      }
      for (Map.Entry<String, double[]> entry : scores.entrySet()) {
        double held = lastScore.get(entry.getKey());
        Arrays.fill(entry.getValue(), lastIndex + 1, index, lastIndex < 0 ? 0 : held);
      }
    }

    /**
     * Traces of the series; the windower's rejections are reported through {@link Trace}s' owner.
     */
    Map<String, Trace> traces() {
      if (rejected > 0) {
        System.getLogger(IsowatchDetector.class.getName())
            .log(
                System.Logger.Level.WARNING,
                series.name() + ": the windower set aside " + rejected + " observation(s)");
      }
      fillTo(series.length());
      Map<String, Trace> traces = new LinkedHashMap<>();
      for (String name : scores.keySet()) {
        traces.put(
            name,
            new Trace(
                scores.get(name), alarms.get(name).stream().mapToInt(Integer::intValue).toArray()));
      }
      return traces;
    }
  }
}
