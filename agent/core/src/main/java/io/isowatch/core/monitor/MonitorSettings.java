package io.isowatch.core.monitor;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.realized.TrackerLimits;
import io.isowatch.core.trust.TrustSettings;
import java.util.Objects;

/**
 * How a {@link FeedMonitor} windows, measures, forecasts and judges a feed.
 *
 * <pre>{@code
 * MonitorSettings settings = MonitorSettings.builder().width(384).evaluateEvery(4).build();
 * }</pre>
 *
 * @param window window length, stride, lateness and gaps
 * @param width the embedder's output width
 * @param windowCloudCapacity how many recent window vectors the window-cloud measures describe
 * @param evaluateEvery windows between evaluations of the signals and the alert policy
 * @param head the online softmax head (used when the model has no logits of its own)
 * @param horizon which value after a window the agent forecasts (1 = the next one)
 * @param intervalLevel central mass of the agent's forecast intervals, e.g. 0.9 for 5%..95%
 * @param driftReference predictions that make the shift-drift reference
 * @param driftRecent predictions that make "now" for the shift-drift signals
 * @param maxPendingForecasts forecasts waiting for their actuals at most
 * @param maxEmbeddingLag windows of one feed an engine may have complete but not yet embedded (its
 *     batch size bounds this): within it a monitor's verdicts do not depend on how late the
 *     embeddings come back; beyond it the oldest window's forecast is counted missing
 * @param trust calibration of the trust score and its alert policy
 */
public record MonitorSettings(
    WindowSpec window,
    int width,
    int windowCloudCapacity,
    int evaluateEvery,
    HeadSettings head,
    int horizon,
    double intervalLevel,
    int driftReference,
    int driftRecent,
    int maxPendingForecasts,
    int maxEmbeddingLag,
    TrustSettings trust) {
  public static final int DEFAULT_WIDTH = 384;
  public static final int DEFAULT_WINDOW_CLOUD_CAPACITY = 32;
  public static final int DEFAULT_EVALUATE_EVERY = 4;
  public static final int DEFAULT_HORIZON = 1;
  public static final double DEFAULT_INTERVAL_LEVEL = 0.9;
  public static final int DEFAULT_DRIFT_REFERENCE = 64;
  public static final int DEFAULT_DRIFT_RECENT = 16;
  public static final int DEFAULT_MAX_PENDING_FORECASTS = 64;
  public static final int DEFAULT_MAX_EMBEDDING_LAG = 64;

  /** Released values kept to scale errors and to reconcile forecasts no window announced. */
  static final int RECENT_ACTUALS = 64;

  /** Largest horizon: forecasts further ahead would need a longer ring of actuals. */
  public static final int MAX_HORIZON = RECENT_ACTUALS - 1;

  /** Reconciled forecasts the rolling realized error is computed over. */
  static final int ERROR_HISTORY = 64;

  public MonitorSettings {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(trust, "trust");
    if (width < 1) {
      throw new IllegalArgumentException("width must be at least 1, got " + width);
    }
    if (windowCloudCapacity < 2) {
      throw new IllegalArgumentException(
          "windowCloudCapacity must be at least 2, got " + windowCloudCapacity);
    }
    if (evaluateEvery < 1) {
      throw new IllegalArgumentException("evaluateEvery must be at least 1, got " + evaluateEvery);
    }
    if (horizon < 1 || horizon > MAX_HORIZON) {
      throw new IllegalArgumentException(
          "horizon must be in [1, " + MAX_HORIZON + "], got " + horizon);
    }
    if (!(intervalLevel > 0 && intervalLevel < 1)) {
      throw new IllegalArgumentException("intervalLevel must be in (0, 1), got " + intervalLevel);
    }
    if (driftReference < 1 || driftRecent < 1) {
      throw new IllegalArgumentException(
          "driftReference and driftRecent must be at least 1, got "
              + driftReference
              + ", "
              + driftRecent);
    }
    if (maxPendingForecasts < 1) {
      throw new IllegalArgumentException(
          "maxPendingForecasts must be at least 1, got " + maxPendingForecasts);
    }
    if (maxEmbeddingLag < 1 || maxEmbeddingLag > 4096) {
      throw new IllegalArgumentException(
          "maxEmbeddingLag must be in [1, 4096], got " + maxEmbeddingLag);
    }
  }

  /**
   * Values a new feed needs before it can fire its first forecast-trust alert: its first window,
   * then windows of {@code stride} new values up to the first evaluation whose trust score can
   * breach ({@link TrustSettings#evaluationsBeforeReady()} + 1), then {@code confirm - 1} more
   * breaching evaluations. A shorter feed cannot alert at all (1,944 values with the defaults).
   */
  public long valuesBeforeFirstAlert() {
    long evaluation = trust.evaluationsBeforeReady() + trust.confirm();
    return window.length() + (long) window.stride() * (evaluation * evaluateEvery - 1);
  }

  /** The bounds of each feed's realized-error tracker under these settings. */
  public TrackerLimits trackerLimits() {
    return new TrackerLimits(
        horizon,
        maxPendingForecasts,
        maxEmbeddingLag,
        // values released while the oldest waiting window waits: the windows after it, and a
        // window's length to refill after a gap
        (maxEmbeddingLag + 1) * window.stride() + window.length(),
        RECENT_ACTUALS,
        ERROR_HISTORY);
  }

  /**
   * The embedding lag an engine that batches up to {@code maxBatch} windows needs: the default, or
   * the batch size when larger (memory grows by about 1 KB per feed per window above the default).
   */
  public static int embeddingLagFor(int maxBatch) {
    return Math.max(DEFAULT_MAX_EMBEDDING_LAG, maxBatch);
  }

  /**
   * Fails with a message naming both settings when an engine's batches of {@code maxBatch} windows
   * could keep a feed's windows waiting longer than these settings reconcile exactly.
   *
   * @param option the engine's name for its batch size, for the message
   */
  public void requireEmbeddingLagCovers(int maxBatch, String option) {
    if (maxBatch > maxEmbeddingLag) {
      throw new IllegalArgumentException(
          option
              + " "
              + maxBatch
              + " exceeds the monitor's maxEmbeddingLag "
              + maxEmbeddingLag
              + ": a feed's windows could wait longer for their embedding than its forecasts can"
              + " be reconciled; lower "
              + option
              + " or raise maxEmbeddingLag to at least "
              + maxBatch);
    }
  }

  public static MonitorSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change a few. */
  public Builder toBuilder() {
    return new Builder()
        .window(window)
        .width(width)
        .windowCloudCapacity(windowCloudCapacity)
        .evaluateEvery(evaluateEvery)
        .head(head)
        .horizon(horizon)
        .intervalLevel(intervalLevel)
        .drift(driftReference, driftRecent)
        .maxPendingForecasts(maxPendingForecasts)
        .maxEmbeddingLag(maxEmbeddingLag)
        .trust(trust);
  }

  /** Builds {@link MonitorSettings}; every field starts at its default. */
  public static final class Builder {
    private WindowSpec window = WindowSpec.defaults();
    private int width = DEFAULT_WIDTH;
    private int windowCloudCapacity = DEFAULT_WINDOW_CLOUD_CAPACITY;
    private int evaluateEvery = DEFAULT_EVALUATE_EVERY;
    private HeadSettings head = HeadSettings.defaults();
    private int horizon = DEFAULT_HORIZON;
    private double intervalLevel = DEFAULT_INTERVAL_LEVEL;
    private int driftReference = DEFAULT_DRIFT_REFERENCE;
    private int driftRecent = DEFAULT_DRIFT_RECENT;
    private int maxPendingForecasts = DEFAULT_MAX_PENDING_FORECASTS;
    private int maxEmbeddingLag = DEFAULT_MAX_EMBEDDING_LAG;
    private TrustSettings trust = TrustSettings.defaults();

    private Builder() {}

    public Builder window(WindowSpec window) {
      this.window = window;
      return this;
    }

    public Builder width(int width) {
      this.width = width;
      return this;
    }

    public Builder windowCloudCapacity(int windowCloudCapacity) {
      this.windowCloudCapacity = windowCloudCapacity;
      return this;
    }

    public Builder evaluateEvery(int evaluateEvery) {
      this.evaluateEvery = evaluateEvery;
      return this;
    }

    public Builder head(HeadSettings head) {
      this.head = head;
      return this;
    }

    public Builder horizon(int horizon) {
      this.horizon = horizon;
      return this;
    }

    public Builder intervalLevel(double intervalLevel) {
      this.intervalLevel = intervalLevel;
      return this;
    }

    public Builder drift(int reference, int recent) {
      this.driftReference = reference;
      this.driftRecent = recent;
      return this;
    }

    public Builder maxPendingForecasts(int maxPendingForecasts) {
      this.maxPendingForecasts = maxPendingForecasts;
      return this;
    }

    public Builder maxEmbeddingLag(int maxEmbeddingLag) {
      this.maxEmbeddingLag = maxEmbeddingLag;
      return this;
    }

    public Builder trust(TrustSettings trust) {
      this.trust = trust;
      return this;
    }

    public MonitorSettings build() {
      return new MonitorSettings(
          window,
          width,
          windowCloudCapacity,
          evaluateEvery,
          head,
          horizon,
          intervalLevel,
          driftReference,
          driftRecent,
          maxPendingForecasts,
          maxEmbeddingLag,
          trust);
    }
  }
}
