package io.isowatch.core.risk;

import io.isowatch.core.raw.RawFeatures;
import io.isowatch.core.raw.RawValueChannel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one feed's {@link SignalVector}s: the raw-value channel on the values as they arrive, and
 * a robust z of every model-dependent signal against its own last {@value #BASELINE} values (so a
 * geometry or drift signal enters as "how unusual for this feed", not as a level that depends on
 * the embedding model). Heavy-tailed features are squashed (signed log1p of z-like values, log of
 * ratios) so a flat line's enormous z cannot dominate a linear model.
 *
 * <p>Memory: the raw channel ({@link RawValueChannel#memoryBytes}) and twice {@value #BASELINE}
 * doubles per model signal; see {@link #memoryBytes()}. Not thread-safe; one per feed.
 */
public final class SignalVectorBuilder {
  /** Recent values a model signal's z is computed against. */
  public static final int BASELINE = 48;

  /** Values a model signal's baseline needs before its z counts. */
  public static final int MIN_BASELINE = 8;

  /** Raw history the channel needs before its features count (and at most keeps). */
  public static final int RAW_MIN_HISTORY = 64;

  public static final int RAW_SHORT_WINDOW = 16;
  public static final int RAW_LONG_WINDOW = 256;
  public static final int SHORT_RAW_RECENT = 8;
  public static final int SHORT_RAW_HISTORY = 64;
  public static final int SHORT_RAW_MIN_HISTORY = 32;

  /**
   * Values a view's peak |z| spans: one default window stride (8), so that the views of consecutive
   * windows cover every value; the monitor judges the largest peak of the windows since its last
   * evaluation, so a spike between evaluations counts. Each value counts with the larger of its
   * value z and its step z ({@link RawValueChannel#newestChangeZ}): on the synthetic ruler ({@code
   * evaluate --synthetic 192}, EVALUATION.md) that caught 224 change windows with 271 false alarms,
   * against 212 and 293 on the value z alone (NAB score +3.4, paired 90% interval [+1.1, +5.9]).
   * The peak also takes the |z| of the newest 16 steps' scale ({@link
   * RawValueChannel#newestStepScaleZ}), which sees what no single value shows: a flat line, a
   * variance or frequency change; on the same ruler it caught 242 windows with 244 false alarms,
   * against 223 and 282 (NAB score +6.2 [+3.5, +8.9]; flat lines 33 of 49 against 17). And it takes
   * the |z| of the newest 32 values' lag-8 autocorrelation ({@link
   * RawValueChannel#newestAutocorrelationZ}), which sees a faster or slower cycle where noise hides
   * it from the steps' scale: the same 242 windows caught with 208 false alarms (frequency changes
   * 13 of 42 against 9). And it takes the |z| of the newest 32 values' median against the older
   * values' median and robust spread ({@link RawValueChannel#newestLevelShiftZ}), which sees a
   * sustained jump on a feed whose benign spikes make every value z of the jump look ordinary.
   * Paired on the same feeds: NAB score +2.8 [+1.1, +4.8] on the spiky ruler (level shifts 17 of 49
   * against 7), +3.1 [+0.8, +6.1] on its sparse form, +2.7 [+0.8, +4.8] with heavy noise, -0.2
   * [-1.8, +1.2] on the light ruler, where it changes little.
   */
  public static final int PEAK_WINDOW = 8;

  /** Bounds on log ratios, so that a flat stretch gives large but bounded features. */
  static final double LOG_RATIO_BOUND = 12;

  /** The model signals with a baseline: token, window, drift and surprise groups, in order. */
  private static final List<String> MODEL_SIGNALS = modelSignals();

  // Vector positions, looked up once: vector() runs at every evaluation of every feed.
  private static final int[] Z = indices(MODEL_SIGNALS, false, "_z");
  private static final int[] SIGNED = indices(RiskFeatures.SIGNED_RAW, false, "");
  private static final int[] SIGNED_ABS = indices(RiskFeatures.SIGNED_RAW, false, "_abs");
  private static final int[] SHORT = indices(List.of(RawFeatures.NAMES), true, "");
  private static final int[] SHORT_SIGNED = indices(RiskFeatures.SIGNED_RAW, true, "");
  private static final int[] SHORT_SIGNED_ABS = indices(RiskFeatures.SIGNED_RAW, true, "_abs");

  // package-private for SignalVectorBuilderCodec, the only other reader and writer of this state
  final RawValueChannel raw =
      new RawValueChannel(RAW_SHORT_WINDOW, RAW_LONG_WINDOW, RAW_MIN_HISTORY);

  /**
   * The same statistics against the last 64 values only (the ruler's error scale); the change
   * statistic reads the long channel's level shift only, so this one does not track it.
   */
  final RawValueChannel shortRaw =
      new RawValueChannel(SHORT_RAW_RECENT, SHORT_RAW_HISTORY, SHORT_RAW_MIN_HISTORY, false);

  /** The larger of |value z| and |step z| of the newest {@link #PEAK_WINDOW} values, a ring. */
  final double[] recentAbsZ = new double[PEAK_WINDOW];

  long absZSeen;

  final RecentMedian[] baselines = new RecentMedian[MODEL_SIGNALS.size()];
  final RecentMedian agentError = new RecentMedian(BASELINE);

  public SignalVectorBuilder() {
    for (int i = 0; i < baselines.length; i++) {
      baselines[i] = new RecentMedian(BASELINE);
    }
  }

  /** The vector positions of the names (or of their short-history twins), suffixed. */
  private static int[] indices(List<String> names, boolean shortHistory, String suffix) {
    int[] indices = new int[names.size()];
    for (int k = 0; k < indices.length; k++) {
      String name = shortHistory ? RiskFeatures.shortHistory(names.get(k)) : names.get(k);
      indices[k] = RiskFeatures.index(name + suffix);
    }
    return indices;
  }

  private static List<String> modelSignals() {
    List<String> all = new java.util.ArrayList<>(RiskFeatures.TOKEN_SIGNALS);
    all.addAll(RiskFeatures.WINDOW_SIGNALS);
    all.addAll(RiskFeatures.DRIFT_SIGNALS);
    all.addAll(RiskFeatures.SURPRISE_SIGNALS);
    return List.copyOf(all);
  }

  /**
   * Takes the feed's next value (in event-time order). Cheap: the raw features are computed only
   * when {@link #view} asks for them.
   */
  public void add(double value) {
    shortRaw.add(value);
    double z = raw.add(value);
    if (!Double.isNaN(z)) {
      double larger = Math.max(Math.abs(z), Math.abs(raw.newestChangeZ()));
      recentAbsZ[(int) (absZSeen++ % PEAK_WINDOW)] = larger;
    }
  }

  /** The raw features as of the newest value taken; {@link RawView#NONE}'s parts while warm-up. */
  public RawView view() {
    Optional<RawFeatures> longView = raw.features();
    double peak = Double.NaN;
    if (longView.isPresent()) {
      peak = 0;
      for (int k = 0; k < Math.min(absZSeen, PEAK_WINDOW); k++) {
        peak = Math.max(peak, recentAbsZ[k]);
      }
      peak = withinPeak(peak, raw.newestStepScaleZ());
      peak = withinPeak(peak, raw.newestLevelShiftZ());
      peak = withinPeak(peak, raw.newestAutocorrelationZ());
    }
    return new RawView(longView, shortRaw.features(), peak);
  }

  /**
   * The larger of {@code peak} and |z|; a z still undefined (NaN, its history filling) leaves it.
   */
  private static double withinPeak(double peak, double z) {
    return Double.isNaN(z) ? peak : Math.max(peak, Math.abs(z));
  }

  /**
   * The vector of one evaluation: the raw {@code view} as of the evaluated window's end (empty
   * while the raw channels warm up) and the monitor's signals by label (NaN or absent = not
   * available). Each model signal's value joins its baseline after it is scored.
   */
  public SignalVector vector(RawView view, Map<String, Double> signals) {
    double[] x = new double[RiskFeatures.count()];
    if (view.longHistory().isPresent()) {
      double[] squashed = squash(view.longHistory().get().toArray());
      System.arraycopy(squashed, 0, x, 0, squashed.length);
      for (int k = 0; k < SIGNED.length; k++) {
        x[SIGNED_ABS[k]] = Math.abs(x[SIGNED[k]]);
      }
      // the short-history view as of the same value (its history fills first)
      double[] shortView = squash(view.shortHistory().map(RawFeatures::toArray).orElse(null));
      for (int i = 0; shortView != null && i < shortView.length; i++) {
        x[SHORT[i]] = shortView[i];
      }
      for (int k = 0; k < SHORT_SIGNED.length; k++) {
        x[SHORT_SIGNED_ABS[k]] = Math.abs(x[SHORT_SIGNED[k]]);
      }
    } else {
      x[RiskFeatures.index(RiskFeatures.RAW_MISSING)] = 1;
    }
    double error = value(signals, RiskFeatures.AGENT_ERROR_SIGNAL);
    if (Double.isFinite(error) && error >= 0 && agentError.count() >= MIN_BASELINE) {
      double median = agentError.median();
      x[RiskFeatures.index(RiskFeatures.AGENT_ERROR)] =
          median > 0 ? logRatio(error / median) : (error > 0 ? LOG_RATIO_BOUND : 0);
    } else {
      x[RiskFeatures.index(RiskFeatures.AGENT_ERROR_MISSING)] = 1;
    }
    if (Double.isFinite(error) && error >= 0) {
      agentError.add(error);
    }
    int tokenEnd = RiskFeatures.TOKEN_SIGNALS.size();
    int windowEnd = tokenEnd + RiskFeatures.WINDOW_SIGNALS.size();
    int driftEnd = windowEnd + RiskFeatures.DRIFT_SIGNALS.size();
    boolean tokens = group(0, tokenEnd, signals, x);
    boolean windows = group(tokenEnd, windowEnd, signals, x);
    boolean drift = group(windowEnd, driftEnd, signals, x);
    boolean surprise = group(driftEnd, MODEL_SIGNALS.size(), signals, x);
    x[RiskFeatures.index(RiskFeatures.TOKEN_MISSING)] = tokens ? 0 : 1;
    x[RiskFeatures.index(RiskFeatures.WINDOW_MISSING)] = windows ? 0 : 1;
    x[RiskFeatures.index(RiskFeatures.DRIFT_MISSING)] = drift ? 0 : 1;
    x[RiskFeatures.index(RiskFeatures.SURPRISE_MISSING)] = surprise ? 0 : 1;
    x[RiskFeatures.index(RiskFeatures.GEOMETRY_MAX)] =
        Math.max(maxAbs(x, 0, tokenEnd), maxAbs(x, tokenEnd, windowEnd));
    x[RiskFeatures.index(RiskFeatures.DRIFT_MAX)] = maxAbs(x, windowEnd, driftEnd);
    return new SignalVector(x);
  }

  /** The raw features in {@link RawFeatures#NAMES} order, squashed; null for null. */
  private static double[] squash(double[] f) {
    if (f == null) {
      return null;
    }
    return new double[] {
      signedLog(f[0]),
      signedLog(f[1]),
      logRatio(f[2]),
      logRatio(f[3]),
      signedLog(f[4]),
      Math.log1p(f[5]),
      Math.log1p(f[6]),
      logRatio(f[7]),
      logRatio(f[8]),
      Math.log1p(f[9])
    };
  }

  /**
   * Scores the model signals {@code from} (inclusive) to {@code to} of {@link #MODEL_SIGNALS} into
   * x; whether any of them was scored.
   */
  private boolean group(int from, int to, Map<String, Double> signals, double[] x) {
    boolean any = false;
    for (int k = from; k < to; k++) {
      double value = value(signals, MODEL_SIGNALS.get(k));
      if (!Double.isFinite(value)) {
        continue;
      }
      RecentMedian baseline = baselines[k];
      if (baseline.count() >= MIN_BASELINE) {
        x[Z[k]] = signedLog(baseline.z(value));
        any = true;
      }
      baseline.add(value);
    }
    return any;
  }

  private static double maxAbs(double[] x, int from, int to) {
    double max = 0;
    for (int k = from; k < to; k++) {
      max = Math.max(max, Math.abs(x[Z[k]]));
    }
    return max;
  }

  private static double value(Map<String, Double> signals, String label) {
    Double value = signals.get(label);
    return value == null ? Double.NaN : value;
  }

  /** sign(z) log(1 + |z|): linear near 0, logarithmic in the tails. */
  static double signedLog(double z) {
    return Math.copySign(Math.log1p(Math.abs(z)), z);
  }

  /** log of a positive ratio, bounded; 0 for a ratio of 1. */
  static double logRatio(double ratio) {
    if (!(ratio > 0)) {
      return -LOG_RATIO_BOUND;
    }
    return Math.max(-LOG_RATIO_BOUND, Math.min(LOG_RATIO_BOUND, Math.log(ratio)));
  }

  /** Bytes this builder holds, at most. */
  public static long memoryBytes() {
    return new RawValueChannel(RAW_SHORT_WINDOW, RAW_LONG_WINDOW, RAW_MIN_HISTORY).memoryBytes()
        + new RawValueChannel(SHORT_RAW_RECENT, SHORT_RAW_HISTORY, SHORT_RAW_MIN_HISTORY, false)
            .memoryBytes()
        + (MODEL_SIGNALS.size() + 1) * (16L * BASELINE + 48)
        + 8L * PEAK_WINDOW
        + 80;
  }
}
