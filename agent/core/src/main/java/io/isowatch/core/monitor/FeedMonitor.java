package io.isowatch.core.monitor;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.BaselineRule;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.FeedWindower;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.feed.WindowerOutput;
import io.isowatch.core.geometry.GeometryReport;
import io.isowatch.core.geometry.RollingCloudTracker;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything isowatch knows about one feed, engine-free: its windower, the geometry of its recent
 * window vectors and token clouds, and the alert rule that judges them. Engines keep one per feed
 * key, call {@link #accept} for each observation, embed the windows it returns however they batch,
 * and hand each embedding back to {@link #onEmbedded}.
 *
 * <p>Cost is kept small next to embedding: per window only O(tokens x width) token measures and an
 * O(width) copy into the window-vector cloud; every {@code evaluateEvery} windows the window cloud
 * is re-analyzed (O(M^2 d + M^3) for M window vectors, M < d) and the rule is evaluated on the
 * token measures averaged over those windows and on the window-cloud measures. Memory per feed is
 * fixed: see {@link #memoryBytes}.
 */
public final class FeedMonitor {
  static final String SNAPSHOT_KIND = "feed-monitor";
  static final int SNAPSHOT_VERSION = 1;

  private static final int TOKEN_SIGNALS = 3;

  private final String feedId;
  private final MonitorSettings settings;
  private final FeedWindower windower;
  private final RollingCloudTracker windowVectors;
  private final BaselineRule rule;
  private final double[] tokenSums = new double[TOKEN_SIGNALS];
  private final int[] tokenCounts = new int[TOKEN_SIGNALS];
  private Instant evaluationStart;

  private FeedMonitor(
      String feedId,
      MonitorSettings settings,
      FeedWindower windower,
      RollingCloudTracker windowVectors,
      BaselineRule rule) {
    this.feedId = feedId;
    this.settings = settings;
    this.windower = windower;
    this.windowVectors = windowVectors;
    this.rule = rule;
  }

  public static FeedMonitor create(String feedId, MonitorSettings settings) {
    return new FeedMonitor(
        feedId,
        settings,
        FeedWindower.create(feedId, settings.window()),
        RollingCloudTracker.builder()
            .dim(settings.width())
            .capacity(settings.windowCloudCapacity())
            .recomputeEvery(settings.evaluateEvery())
            .build(),
        settings.rule().build(feedId));
  }

  /** Bytes of state one feed holds with these settings (excluding transient work space). */
  public static long memoryBytes(MonitorSettings settings) {
    return FeedWindower.memoryBytes(settings.window())
        + RollingCloudTracker.memoryBytes(settings.width(), settings.windowCloudCapacity())
        + settings.rule().memoryBytes()
        + 256;
  }

  public String feedId() {
    return feedId;
  }

  /** Places an observation; returns the windows it completes and anything rejected. */
  public WindowerOutput accept(Observation observation) {
    return windower.accept(observation);
  }

  /** Releases everything pending at the end of a stream. */
  public WindowerOutput flush() {
    return windower.flush();
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
    TokenCloudSignals tokens = TokenCloudSignals.of(embedding.tokenStates());
    accumulate(0, tokens.rawAverageCosine());
    accumulate(1, tokens.centeredAverageCosine());
    accumulate(2, tokens.meanNormRatio());
    if (!windowVectors.update(toDoubles(embedding.pooled()))) {
      return new WindowVerdict(window, Map.of(), List.of());
    }
    Map<MonitorSignal, Double> signals = evaluate(windowVectors.latest().orElseThrow());
    List<Alert> alerts =
        rule.update(evaluationStart, window.lastEventTime(), labelled(signals)).stream().toList();
    evaluationStart = null;
    return new WindowVerdict(window, signals, alerts);
  }

  private Map<MonitorSignal, Double> evaluate(GeometryReport report) {
    Map<MonitorSignal, Double> signals = new EnumMap<>(MonitorSignal.class);
    signals.put(MonitorSignal.TOKEN_RAW_AVG_COSINE, meanAndReset(0));
    signals.put(MonitorSignal.TOKEN_CENTERED_AVG_COSINE, meanAndReset(1));
    signals.put(MonitorSignal.TOKEN_MEAN_NORM_RATIO, meanAndReset(2));
    if (windowVectors.size() < windowVectors.capacity()) {
      // Cloud measures depend on the number of vectors: judge them only on a full cloud, so that
      // the baseline and later values describe clouds of one size.
      for (MonitorSignal signal : MonitorSignal.values()) {
        signals.putIfAbsent(signal, Double.NaN);
      }
      return signals;
    }
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

  private static Map<String, Double> labelled(Map<MonitorSignal, Double> signals) {
    Map<String, Double> labelled = new LinkedHashMap<>();
    signals.forEach(
        (signal, value) -> {
          if (signal.judged()) {
            labelled.put(signal.label(), value);
          }
        });
    return labelled;
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

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }

  /** The whole per-feed state as versioned bytes; the settings are the caller's to keep. */
  public byte[] snapshot() {
    SnapshotWriter out =
        SnapshotWriter.start(SNAPSHOT_KIND, SNAPSHOT_VERSION)
            .writeString(feedId)
            .writeBytes(windower.snapshot())
            .writeBytes(windowVectors.snapshot())
            .writeBytes(rule.snapshot())
            .writeDoubles(tokenSums);
    for (int count : tokenCounts) {
      out.writeInt(count);
    }
    out.writeBoolean(evaluationStart != null);
    if (evaluationStart != null) {
      out.writeLong(evaluationStart.getEpochSecond()).writeInt(evaluationStart.getNano());
    }
    return out.toByteArray();
  }

  /** A monitor that continues exactly where the one that wrote {@code snapshot} stopped. */
  public static FeedMonitor restore(byte[] snapshot, MonitorSettings settings) {
    SnapshotReader in = SnapshotReader.open(snapshot, SNAPSHOT_KIND, SNAPSHOT_VERSION);
    String feedId = in.readString();
    FeedMonitor monitor =
        new FeedMonitor(
            feedId,
            settings,
            FeedWindower.restore(in.readBytes()),
            RollingCloudTracker.restore(in.readBytes()),
            BaselineRule.restore(in.readBytes()));
    double[] sums = in.readDoubles();
    if (sums.length != TOKEN_SIGNALS) {
      throw new CorruptSnapshotException(
          "feed-monitor snapshot has " + sums.length + " token sums, expected " + TOKEN_SIGNALS);
    }
    System.arraycopy(sums, 0, monitor.tokenSums, 0, TOKEN_SIGNALS);
    for (int i = 0; i < TOKEN_SIGNALS; i++) {
      monitor.tokenCounts[i] = in.readInt();
    }
    if (in.readBoolean()) {
      monitor.evaluationStart = Instant.ofEpochSecond(in.readLong(), in.readInt());
    }
    in.finish();
    return monitor;
  }
}
