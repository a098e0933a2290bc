package io.isowatch.evaluation.isowatch;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.encode.WindowEncoder;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustReading;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.batch.WindowBatch;
import io.isowatch.engine.judge.WindowJudge;
import io.isowatch.engine.report.EngineListener;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Drives a {@link FeedMonitor} over a series synchronously, as an engine would (accept → encode →
 * embed in batches → onEmbedded), and records what it said: every evaluation's signals, whether its
 * alert policy fired, and the agent's forecasts ({@link MonitorRecording}). {@link SignalTraces}
 * turns a recording into the traces of isowatch and of each signal alone. Memory: the monitor's
 * fixed state, one batch of windows and the recording (a row per evaluation).
 */
public final class IsowatchDetector {
  public static final String NAME = SignalTraces.ISOWATCH;
  public static final int DEFAULT_BATCH = BatchSettings.DEFAULT_MAX_BATCH;

  private final Embedder embedder;
  private final WindowJudge judge;
  private final int batchSize;
  private final VerdictListener listener;
  private final Optional<SoftmaxSources> forecasts;
  private final RiskModel riskModel;
  private final int horizon;
  private long windowsEmbedded;

  public IsowatchDetector(Embedder embedder, WindowEncoder encoder, int batchSize) {
    this(embedder, encoder, batchSize, VerdictListener.NONE);
  }

  /**
   * @param listener sees every verdict of the monitor, e.g. to draw a report of the run
   */
  public IsowatchDetector(
      Embedder embedder, WindowEncoder encoder, int batchSize, VerdictListener listener) {
    this(embedder, encoder, batchSize, listener, Optional.empty());
  }

  /**
   * @param forecasts where the monitor's forecasts come from (e.g. the model's own logits); the
   *     monitor's default online head when empty
   */
  public IsowatchDetector(
      Embedder embedder,
      WindowEncoder encoder,
      int batchSize,
      VerdictListener listener,
      Optional<SoftmaxSources> forecasts) {
    this(embedder, encoder, batchSize, listener, forecasts, RiskModel.bundled());
  }

  /**
   * @param riskModel the risk model the monitor judges with (the bundled one elsewhere; a constant
   *     one when only the signals are wanted, e.g. to train a new model)
   */
  public IsowatchDetector(
      Embedder embedder,
      WindowEncoder encoder,
      int batchSize,
      VerdictListener listener,
      Optional<SoftmaxSources> forecasts,
      RiskModel riskModel) {
    this(
        embedder,
        encoder,
        batchSize,
        listener,
        forecasts,
        riskModel,
        MonitorSettings.DEFAULT_HORIZON);
  }

  /**
   * @param horizon how many steps ahead the monitor forecasts (the encoder and forecasts must be a
   *     model's built for it, {@code AgentModel.withHorizon}); the agent's label set is then about
   *     those forecasts
   */
  public IsowatchDetector(
      Embedder embedder,
      WindowEncoder encoder,
      int batchSize,
      VerdictListener listener,
      Optional<SoftmaxSources> forecasts,
      RiskModel riskModel,
      int horizon) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    this.embedder = embedder;
    this.judge =
        new WindowJudge(
            encoder,
            embedder,
            new EngineListener() {
              @Override
              public void embedded(int size, long nanos) {
                windowsEmbedded += size;
              }
            });
    this.batchSize = batchSize;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.forecasts = Objects.requireNonNull(forecasts, "forecasts");
    this.riskModel = Objects.requireNonNull(riskModel, "riskModel");
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    this.horizon = horizon;
  }

  /** The feed id of a series' monitor: {@code dataset:name}, unique within a run. */
  public static String feedId(LabelledSeries series) {
    return series.dataset() + ":" + series.name();
  }

  /** The detector names a recording gives: isowatch, then one per judged signal. */
  public static List<String> names() {
    return SignalTraces.names();
  }

  /** Windows embedded so far, over every series. */
  public long windowsEmbedded() {
    return windowsEmbedded;
  }

  /** Runs the monitor over the series and records what it said. */
  public MonitorRecording run(LabelledSeries series, EvaluationProfile profile) {
    MonitorSettings settings =
        profile.monitorSettings(embedder.dimension()).toBuilder()
            .maxEmbeddingLag(MonitorSettings.embeddingLagFor(batchSize))
            .horizon(horizon)
            .build();
    String feedId = feedId(series);
    listener.series(series, feedId);
    SoftmaxSources sources = forecasts.orElseGet(() -> FeedMonitor.defaultSources(settings));
    FeedMonitor monitor = FeedMonitor.create(feedId, settings, sources, riskModel);
    Recorder recorder = new Recorder(series, settings.horizon());
    // Synchronous: a batch is due only when full, and the rest is judged at the end.
    WindowBatch<Window> pending = new WindowBatch<>(batchSize, Long.MAX_VALUE);
    WindowJudge.Feeds<RuntimeException> feed =
        (window, embedding) -> {
          WindowVerdict verdict = monitor.onEmbedded(window, embedding);
          listener.verdict(verdict);
          recorder.record(verdict);
          return verdict;
        };
    for (int i = 0; i < series.length(); i++) {
      WindowerOutput out = monitor.accept(new Observation(feedId, series.time(i), series.value(i)));
      recorder.rejected(out.rejections().size());
      for (Window window : out.windows()) {
        pending.add(window, i);
        if (pending.isFull()) {
          judge.judge(pending.take(i), feed);
        }
      }
    }
    WindowerOutput rest = monitor.flush();
    recorder.rejected(rest.rejections().size());
    rest.windows().forEach(window -> pending.add(window, series.length()));
    while (!pending.isEmpty()) {
      judge.judge(pending.take(series.length()), feed);
    }
    return recorder.recording();
  }

  /** Collects the verdicts of one series into a recording. */
  private static final class Recorder {
    private final LabelledSeries series;
    private final int horizon;
    private final double[] forecasts;
    private final List<Integer> first = new ArrayList<>();
    private final List<Integer> last = new ArrayList<>();
    private final List<double[]> signals = new ArrayList<>();
    private final List<Boolean> alarm = new ArrayList<>();
    private final List<Boolean> ready = new ArrayList<>();
    private final Set<String> alertIds = new HashSet<>();
    private int rejected;

    Recorder(LabelledSeries series, int horizon) {
      this.series = series;
      this.horizon = horizon;
      this.forecasts = new double[series.length()];
      Arrays.fill(forecasts, Double.NaN);
    }

    void rejected(int count) {
      rejected += count;
    }

    void record(WindowVerdict verdict) {
      verdict
          .forecast()
          .ifPresent(
              forecast -> {
                int at = series.indexAtOrBefore(forecast.issuedAt());
                if (at >= 0) {
                  forecasts[at] = forecast.median();
                }
              });
      if (!verdict.evaluated()) {
        return;
      }
      int index = series.indexAtOrBefore(verdict.window().lastEventTime());
      if (index < 0) {
        return;
      }
      double[] row = MonitorRecording.blankSignals();
      verdict.signals().forEach((signal, value) -> row[signal.ordinal()] = value);
      boolean fired = false;
      for (Alert alert : verdict.alerts()) {
        fired |= alert.state() == AlertState.FIRING && alertIds.add(alert.id());
      }
      first.add(Math.max(0, series.indexAtOrBefore(verdict.window().firstEventTime())));
      last.add(index);
      signals.add(row);
      alarm.add(fired);
      ready.add(verdict.trust().map(TrustReading::ready).orElse(false));
    }

    MonitorRecording recording() {
      if (rejected > 0) {
        System.getLogger(IsowatchDetector.class.getName())
            .log(
                System.Logger.Level.WARNING,
                series.name() + ": the windower set aside " + rejected + " observation(s)");
      }
      int n = last.size();
      boolean[] alarms = new boolean[n];
      boolean[] readies = new boolean[n];
      for (int k = 0; k < n; k++) {
        alarms[k] = alarm.get(k);
        readies[k] = ready.get(k);
      }
      return new MonitorRecording(
          first.stream().mapToInt(Integer::intValue).toArray(),
          last.stream().mapToInt(Integer::intValue).toArray(),
          signals.toArray(double[][]::new),
          alarms,
          readies,
          forecasts,
          horizon);
    }
  }
}
