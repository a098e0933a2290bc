package io.isowatch.core.monitor;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.drift.ShiftDrift;
import io.isowatch.core.drift.ShiftDriftTracker;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.ReleasedValue;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.geometry.GeometryReport;
import io.isowatch.core.geometry.RollingCloudTracker;
import io.isowatch.core.math.FloatArrays;
import io.isowatch.core.math.Softmax;
import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.SoftmaxSource;
import io.isowatch.core.predict.SoftmaxSources;
import io.isowatch.core.raw.RawFeatures;
import io.isowatch.core.realized.ForecastOrigin;
import io.isowatch.core.realized.ForecastOutcome;
import io.isowatch.core.realized.RealizedError;
import io.isowatch.core.realized.RealizedErrorTracker;
import io.isowatch.core.realized.RealizedSurprise;
import io.isowatch.core.realized.SurpriseMartingale;
import io.isowatch.core.risk.RawView;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVector;
import io.isowatch.core.risk.SignalVectorBuilder;
import io.isowatch.core.trust.TrustPolicy;
import io.isowatch.core.trust.TrustReading;
import io.isowatch.core.trust.TrustScorer;
import io.isowatch.core.trust.ValueChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything isowatch knows about one feed, engine-free: its windower, the geometry of its recent
 * window vectors and token clouds, its predictive softmax and the drift of its logits, the
 * forecasts waiting for their actuals and the realized error of those that got them, and the trust
 * score and alert policy built on all of it. Engines keep one per feed key, call {@link #accept}
 * for each observation, embed the windows it returns however they batch, and hand each embedding
 * back to {@link #onEmbedded}, in window order. Embeddings may come back after later observations
 * were accepted: forecasts are reconciled, and their errors learned from and judged, by event time,
 * so a window's verdict is the same whether it was embedded at once or waited behind up to {@link
 * MonitorSettings#maxEmbeddingLag()} windows of its feed.
 *
 * <p>Cost is kept small next to embedding: per window O(tokens x width) token measures, an O(K x
 * width) softmax head step and an O(width) copy into the window-vector cloud; every {@code
 * evaluateEvery} windows the window cloud, once full, is re-analyzed (O(M^2 d + M^3) for M window
 * vectors, M < d) and the trust score and policy are evaluated. Memory per feed is fixed: see
 * {@link #memoryBytes}.
 */
public final class FeedMonitor {
  static final int TOKEN_SIGNALS = 3;

  // package-private for FeedMonitorCodec, the only other reader and writer of this state
  final String feedId;
  final MonitorSettings settings;
  final FeedWindower windower;
  final RollingCloudTracker windowVectors;
  final SoftmaxSource softmax;
  final ShiftDriftTracker drift;
  final RealizedErrorTracker realized;
  final TrustScorer scorer;
  final TrustPolicy policy;
  final SignalVectorBuilder features;
  final RealizedSurprise surprise = new RealizedSurprise();
  final SurpriseMartingale martingale = new SurpriseMartingale();
  final double[] tokenSums = new double[TOKEN_SIGNALS];
  final int[] tokenCounts = new int[TOKEN_SIGNALS];
  Instant evaluationStart;

  /** Gaps released so far, and as of the last judged window's end. */
  long gapsReleased;

  long gapsJudged;

  /** Sequence and gaps released as of its end, of each window complete but not yet embedded. */
  final ArrayDeque<long[]> gapsAtWindow = new ArrayDeque<>();

  /**
   * The raw features as of each complete window's end, until it is embedded: the raw channel runs
   * on values as they are released, ahead of the embeddings, so each window's view is kept here.
   */
  final ArrayDeque<RawAtWindow> rawAtWindow = new ArrayDeque<>();

  record RawAtWindow(long sequence, RawView features) {}

  /**
   * The largest change statistic (peak |z|) of the windows embedded since the last evaluation, NaN
   * before the raw channel has one. Each window's view spans its newest values only; with several
   * windows between evaluations (the default evaluates every 4th), this is what lets a spike or a
   * jump in an unevaluated window count at the next evaluation.
   */
  double peakSinceEvaluation = Double.NaN;

  boolean carriesProductionForecasts;

  FeedMonitor(
      String feedId,
      MonitorSettings settings,
      FeedWindower windower,
      RollingCloudTracker windowVectors,
      SoftmaxSource softmax,
      ShiftDriftTracker drift,
      RealizedErrorTracker realized,
      TrustScorer scorer,
      TrustPolicy policy,
      SignalVectorBuilder features) {
    this.feedId = feedId;
    this.settings = settings;
    this.windower = windower;
    this.windowVectors = windowVectors;
    this.softmax = softmax;
    this.drift = drift;
    this.realized = realized;
    this.scorer = scorer;
    this.policy = policy;
    this.features = features;
  }

  /** A monitor whose forecasts come from the online head on window vectors (the default). */
  public static FeedMonitor create(String feedId, MonitorSettings settings) {
    return create(feedId, settings, defaultSources(settings));
  }

  /**
   * A monitor whose forecasts come from {@code sources} (e.g. the model's own logits), judged by
   * the bundled risk model ({@link RiskModel#bundled()}: fails if it is missing or stale).
   */
  public static FeedMonitor create(
      String feedId, MonitorSettings settings, SoftmaxSources sources) {
    return create(feedId, settings, sources, RiskModel.bundled());
  }

  /** A monitor judged by {@code model} instead of the bundled risk model (training, tests). */
  public static FeedMonitor create(
      String feedId, MonitorSettings settings, SoftmaxSources sources, RiskModel model) {
    return new FeedMonitor(
        feedId,
        settings,
        FeedWindower.create(feedId, settings.window()),
        RollingCloudTracker.builder()
            .dim(settings.width())
            .capacity(settings.windowCloudCapacity())
            .recomputeEvery(settings.evaluateEvery())
            .build(),
        sources.create(feedId),
        ShiftDriftTracker.create(settings.driftReference(), settings.driftRecent()),
        RealizedErrorTracker.create(settings.trackerLimits()),
        new TrustScorer(settings.trust(), model),
        new TrustPolicy(feedId, settings.trust(), Clock.systemUTC()),
        new SignalVectorBuilder());
  }

  /** The softmax sources of a monitor created without any: the online head on window vectors. */
  public static SoftmaxSources defaultSources(MonitorSettings settings) {
    return SoftmaxSources.onlineHead(settings.head(), settings.width());
  }

  /** Bytes of state one feed holds with these settings and the online head. */
  public static long memoryBytes(MonitorSettings settings) {
    return memoryBytes(settings, defaultSources(settings));
  }

  /** Bytes of state one feed holds with these settings (excluding transient work space). */
  public static long memoryBytes(MonitorSettings settings, SoftmaxSources sources) {
    int classes = sources.classes();
    return FeedWindower.memoryBytes(settings.window())
        + RollingCloudTracker.memoryBytes(settings.width(), settings.windowCloudCapacity())
        + sources.memoryBytes()
        + ShiftDriftTracker.memoryBytes(classes, settings.driftRecent())
        + RealizedErrorTracker.memoryBytes(settings.trackerLimits(), classes, settings.width())
        + settings.trust().memoryBytes()
        + RealizedSurprise.memoryBytes()
        + SurpriseMartingale.memoryBytes()
        + (48L + 16L * RawFeatures.NAMES.length + 64) * (settings.maxEmbeddingLag() + 1)
        + 256;
  }

  public String feedId() {
    return feedId;
  }

  /**
   * Places an observation; returns the windows it completes and anything rejected. The values it
   * releases settle the forecasts waiting for them; a production forecast the record carries starts
   * waiting for its own actual.
   */
  public WindowerOutput accept(Observation observation) {
    WindowerOutput output = windower.accept(observation);
    if (observation.forecast().isPresent() && !output.refusedRecord()) {
      realized.addProductionForecast(observation.eventTime(), observation.forecast().get());
    }
    settle(output);
    return output;
  }

  /** Releases everything pending at the end of a stream. */
  public WindowerOutput flush() {
    WindowerOutput output = windower.flush();
    settle(output);
    return output;
  }

  /**
   * Announces the windows the output completes (their forecasts are expected from now on, and the
   * gaps up to each end are noted), then takes the values it released.
   */
  private void settle(WindowerOutput output) {
    for (Window window : output.windows()) {
      realized.expectAgentForecast(window.lastEventTime());
      long gaps = gapsReleased;
      for (ReleasedValue value : output.released()) {
        if (value.afterGap() && !value.time().isAfter(window.lastEventTime())) {
          gaps++;
        }
      }
      if (gapsAtWindow.size() > settings.maxEmbeddingLag()) {
        gapsAtWindow.removeFirst();
      }
      gapsAtWindow.addLast(new long[] {window.sequence(), gaps});
    }
    // The raw channel sees the values in order; each window keeps the features as of its end.
    List<Window> windows = output.windows();
    int nextWindow = 0;
    for (ReleasedValue value : output.released()) {
      while (nextWindow < windows.size()
          && windows.get(nextWindow).lastEventTime().isBefore(value.time())) {
        keepRaw(windows.get(nextWindow++), lastRaw());
      }
      if (value.afterGap()) {
        gapsReleased++;
      }
      features.add(value.value());
      lastRaw = null;
      realized.onReleased(value);
    }
    while (nextWindow < windows.size()) {
      keepRaw(windows.get(nextWindow++), lastRaw());
    }
  }

  /**
   * The raw features of the newest value released so far, computed when first asked for (null until
   * then): once a window, not once a value.
   */
  RawView lastRaw = RawView.NONE;

  RawView lastRaw() {
    if (lastRaw == null) {
      lastRaw = features.view();
    }
    return lastRaw;
  }

  private void keepRaw(Window window, RawView raw) {
    if (rawAtWindow.size() > settings.maxEmbeddingLag()) {
      rawAtWindow.removeFirst();
    }
    rawAtWindow.addLast(new RawAtWindow(window.sequence(), raw));
  }

  /** The raw features as of {@code window}'s end (the newest ones for a window never seen). */
  private RawView rawAsOf(Window window) {
    while (!rawAtWindow.isEmpty() && rawAtWindow.peekFirst().sequence() < window.sequence()) {
      rawAtWindow.removeFirst();
    }
    if (!rawAtWindow.isEmpty() && rawAtWindow.peekFirst().sequence() == window.sequence()) {
      return rawAtWindow.removeFirst().features();
    }
    return lastRaw();
  }

  /** Gaps released up to {@code window}'s end (all so far for a window this monitor never saw). */
  private long gapsAsOf(Window window) {
    while (!gapsAtWindow.isEmpty() && gapsAtWindow.peekFirst()[0] < window.sequence()) {
      gapsAtWindow.removeFirst();
    }
    if (!gapsAtWindow.isEmpty() && gapsAtWindow.peekFirst()[0] == window.sequence()) {
      return gapsAtWindow.removeFirst()[1];
    }
    return gapsReleased;
  }

  private void onOutcome(ForecastOutcome outcome) {
    if (outcome.origin() == ForecastOrigin.PRODUCTION) {
      carriesProductionForecasts = true;
    }
    outcome.prediction().ifPresent(prediction -> softmax.learn(prediction, outcome.actual()));
    if (outcome.origin() == ForecastOrigin.AGENT && outcome.scored()) {
      outcome
          .prediction()
          .ifPresent(
              prediction -> martingale.observe(surprise.record(prediction, outcome.actual())));
    }
  }

  /** Measures one embedded window of this feed and, every few windows, judges the signals. */
  public WindowVerdict onEmbedded(Window window, Embedding embedding) {
    if (!window.feedId().equals(feedId)) {
      throw new IllegalArgumentException(
          "window of feed " + window.feedId() + " given to the monitor of " + feedId);
    }
    if (evaluationStart == null) {
      evaluationStart = window.firstEventTime();
    }
    // What happened up to this window's end, no more: as if it had been embedded at once.
    realized.settleUntil(window.lastEventTime()).forEach(this::onOutcome);
    long gapsAtEnd = gapsAsOf(window);
    RawView raw = rawAsOf(window);
    peakSinceEvaluation = larger(peakSinceEvaluation, raw.peakValueZ());
    TokenCloudSignals tokens = TokenCloudSignals.of(embedding.tokenStates());
    accumulate(0, tokens.rawAverageCosine());
    accumulate(1, tokens.centeredAverageCosine());
    accumulate(2, tokens.meanNormRatio());
    Optional<AgentForecast> forecast = forecast(window, embedding);
    if (!windowVectors.update(FloatArrays.widened(embedding.pooled()))) {
      return new WindowVerdict(
          window,
          Map.of(),
          List.of(),
          forecast,
          Optional.empty(),
          realized.primary(),
          realized.pendingCount(),
          Optional.of(warmUp()));
    }
    Map<MonitorSignal, Double> signals = evaluate();
    Optional<RealizedError> error = realized.primary();
    drift.current().ifPresent(shift -> putShift(signals, shift));
    signals.put(MonitorSignal.REALIZED_MASE, error.map(RealizedError::mase).orElse(Double.NaN));
    RealizedSurprise.Means surprised = surprise.take();
    signals.put(MonitorSignal.REALIZED_SURPRISAL, surprised.surprisal());
    signals.put(MonitorSignal.REALIZED_PIT_DEVIATION, surprised.pitDeviation());
    signals.put(
        MonitorSignal.REALIZED_SURPRISE_MARTINGALE,
        martingale.observed() == 0 ? Double.NaN : martingale.growth());
    SignalVector vector = features.vector(raw, MonitorSignal.judgedByLabel(signals));
    TrustReading reading = scorer.evaluate(vector, peakSinceEvaluation);
    peakSinceEvaluation = Double.NaN;
    signals.put(MonitorSignal.TRUST_SCORE, reading.trust());
    signals.put(MonitorSignal.RISK_SCORE, reading.risk());
    signals.put(
        MonitorSignal.VALUE_CHANGE_SCORE,
        reading.change().map(ValueChange::pValue).orElse(Double.NaN));
    int gaps = (int) Math.max(0, gapsAtEnd - gapsJudged);
    List<Alert> alerts =
        policy.judge(evaluationStart, window.lastEventTime(), reading, error, gaps);
    evaluationStart = null;
    gapsJudged = gapsAtEnd;
    return new WindowVerdict(
        window,
        signals,
        alerts,
        forecast,
        Optional.of(reading),
        error,
        realized.pendingCount(),
        Optional.of(warmUp()));
  }

  /** Whether this feed's forecast rules can alert yet, as of its last evaluation. */
  public WarmUp warmUp() {
    return new WarmUp(
        scorer.evaluationsUntilReady(),
        policy.errorEvaluationsUntilReady(),
        realized.primary().isPresent(),
        settings.evaluateEvery() * settings.window().stride());
  }

  /**
   * Predicts the value after the window and registers the forecast; a source still warming up
   * forecasts too, so that it can learn, but its forecasts are neither scored nor shown.
   */
  private Optional<AgentForecast> forecast(Window window, Embedding embedding) {
    Optional<Prediction> prediction = softmax.predict(window, embedding);
    if (prediction.isEmpty()) {
      realized.withdrawAgentForecast(window.lastEventTime());
      return Optional.empty();
    }
    Prediction p = prediction.get();
    boolean ready = softmax.ready();
    double tail = (1 - settings.intervalLevel()) / 2;
    Softmax.Distribution distribution = p.distribution();
    double[] quantiles = p.quantilesFrom(distribution.probabilities(), tail, 1 - tail, 0.5);
    double lower = quantiles[0];
    double upper = quantiles[1];
    realized.addAgentForecast(window.lastEventTime(), p, quantiles[2], lower, upper, ready);
    if (!ready) {
      return Optional.empty();
    }
    drift.update(p, distribution);
    return Optional.of(new AgentForecast(window.lastEventTime(), quantiles[2], lower, upper));
  }

  /** The larger of two values, NaN counting as absent (NaN only if both are). */
  private static double larger(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static void putShift(Map<MonitorSignal, Double> signals, ShiftDrift shift) {
    signals.put(MonitorSignal.SHIFT_LOG_PARTITION_MEAN, shift.logPartitionMean());
    signals.put(MonitorSignal.SHIFT_LOG_PARTITION_SPREAD, shift.logPartitionSpread());
    signals.put(MonitorSignal.SHIFT_COMMON, shift.common());
    signals.put(MonitorSignal.SHIFT_EFFECTIVE, shift.effective());
    signals.put(MonitorSignal.SHIFT_RATIO, shift.commonShare());
    signals.put(MonitorSignal.PREDICTIVE_ENTROPY, shift.entropy());
    signals.put(MonitorSignal.PREDICTIVE_KL, shift.divergence());
  }

  private Map<MonitorSignal, Double> evaluate() {
    Map<MonitorSignal, Double> signals = new EnumMap<>(MonitorSignal.class);
    signals.put(MonitorSignal.TOKEN_RAW_AVG_COSINE, meanAndReset(0));
    signals.put(MonitorSignal.TOKEN_CENTERED_AVG_COSINE, meanAndReset(1));
    signals.put(MonitorSignal.TOKEN_MEAN_NORM_RATIO, meanAndReset(2));
    for (MonitorSignal signal : MonitorSignal.values()) {
      signals.putIfAbsent(signal, Double.NaN);
    }
    if (windowVectors.size() < windowVectors.capacity()) {
      // Cloud measures depend on the number of vectors: judge them only on a full cloud, so that
      // the baseline and later values describe clouds of one size. Nor is such a cloud analyzed.
      return signals;
    }
    GeometryReport report = windowVectors.latest().orElseThrow();
    signals.put(MonitorSignal.WINDOW_RAW_AVG_COSINE, report.rawAverageCosine());
    signals.put(MonitorSignal.WINDOW_CENTERED_AVG_COSINE, report.centeredAverageCosine());
    signals.put(MonitorSignal.WINDOW_ISOSCORE, report.isoScore());
    signals.put(MonitorSignal.WINDOW_LOG_PARTITION_ISOTROPY, report.partition().log());
    signals.put(
        MonitorSignal.WINDOW_LOG_CENTERED_PARTITION_ISOTROPY, report.centeredPartition().log());
    signals.put(MonitorSignal.WINDOW_EFFECTIVE_DIM_80, (double) report.effectiveDim80());
    signals.put(MonitorSignal.WINDOW_PARTICIPATION_RATIO, report.participationRatio());
    signals.put(MonitorSignal.WINDOW_MEAN_NORM_RATIO, report.meanNormRatio());
    return signals;
  }

  private void accumulate(int slot, double value) {
    if (Double.isFinite(value)) {
      tokenSums[slot] += value;
      tokenCounts[slot]++;
    }
  }

  private double meanAndReset(int slot) {
    double mean = tokenCounts[slot] == 0 ? Double.NaN : tokenSums[slot] / tokenCounts[slot];
    tokenSums[slot] = 0;
    tokenCounts[slot] = 0;
    return mean;
  }

  /** The whole per-feed state as versioned bytes; {@link FeedMonitorCodec} holds the layout. */
  public byte[] snapshot() {
    return FeedMonitorCodec.write(this);
  }

  /** A monitor that continues exactly where the one that wrote {@code snapshot} stopped. */
  public static FeedMonitor restore(byte[] snapshot, MonitorSettings settings) {
    return restore(snapshot, settings, defaultSources(settings));
  }

  /**
   * A monitor that continues exactly where the one that wrote {@code snapshot} stopped, with the
   * softmax sources it was created with.
   */
  public static FeedMonitor restore(
      byte[] snapshot, MonitorSettings settings, SoftmaxSources sources) {
    return restore(snapshot, settings, sources, RiskModel.bundled());
  }

  /** The same, judged by {@code model} (the one the monitor was created with). */
  public static FeedMonitor restore(
      byte[] snapshot, MonitorSettings settings, SoftmaxSources sources, RiskModel model) {
    return FeedMonitorCodec.read(snapshot, settings, sources, model);
  }
}
