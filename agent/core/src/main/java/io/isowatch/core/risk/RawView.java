package io.isowatch.core.risk;

import io.isowatch.core.raw.RawFeatures;
import java.util.Optional;

/**
 * What the raw-value channels say as of one value: against the long history (256 values) and the
 * short one (64), each empty while its history fills. Kept per window until the window is embedded,
 * so that a verdict does not depend on how far the values ran ahead of the embeddings.
 *
 * @param longHistory the features against the long history
 * @param shortHistory the features against the short history
 * @param peakValueZ the largest |value z| or |step z| against the long history over the newest
 *     {@value SignalVectorBuilder#PEAK_WINDOW} values, or the |z| of the newest steps' scale, of
 *     the newest values' lag autocorrelation or of their median's shift if larger: the trust
 *     score's change statistic; NaN while the long history fills
 */
public record RawView(
    Optional<RawFeatures> longHistory, Optional<RawFeatures> shortHistory, double peakValueZ) {
  /** Before any value. */
  public static final RawView NONE = new RawView(Optional.empty(), Optional.empty(), Double.NaN);

  /** A view without a change statistic (NaN). */
  public RawView(Optional<RawFeatures> longHistory, Optional<RawFeatures> shortHistory) {
    this(longHistory, shortHistory, Double.NaN);
  }
}
