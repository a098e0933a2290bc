package io.isowatch.connectors.synthetic;

import java.util.Objects;

/**
 * A change of regime in one synthetic feed, at a known observation index: the ground truth that
 * alerts are compared with.
 *
 * <pre>{@code
 * RegimeChange shift = new RegimeChange("synthetic-0", 1500, RegimeChange.Kind.LEVEL_SHIFT, 4.0);
 * }</pre>
 *
 * @param feedId the feed that changes, e.g. {@code "synthetic-0"}
 * @param index the 0-based index of the first observation of the feed in the new regime; its event
 *     time is {@link SyntheticFeed#timeOf(long)}
 * @param kind what changes
 * @param magnitude how much, in the unit of the kind (see {@link Kind})
 */
public record RegimeChange(String feedId, long index, Kind kind, double magnitude) {

  /** Observations a {@link Kind#NOISE_BURST} lasts; the noise returns to its level after it. */
  public static final int BURST_LENGTH = 50;

  /** What a regime change alters, and the unit of its magnitude. */
  public enum Kind {
    /**
     * The level moves by {@code magnitude} times the feed's scale ({@link FeedProfile#scale()}),
     * for good. Negative magnitudes shift down.
     */
    LEVEL_SHIFT,
    /** The noise standard deviation is multiplied by {@code magnitude} (> 0), for good. */
    VARIANCE_CHANGE,
    /**
     * The frequencies of the seasonal components are multiplied by {@code magnitude} (> 0), for
     * good; the seasonal phase stays continuous at the change.
     */
    FREQUENCY_CHANGE,
    /**
     * The noise standard deviation is multiplied by {@code magnitude} (> 0) for {@link
     * #BURST_LENGTH} observations, then returns to what it was.
     */
    NOISE_BURST;

    /** Whether the magnitude multiplies something, and so must be positive. */
    boolean multiplicative() {
      return this != LEVEL_SHIFT;
    }
  }

  public RegimeChange {
    Objects.requireNonNull(feedId, "feedId");
    Objects.requireNonNull(kind, "kind");
    if (feedId.isBlank()) {
      throw new IllegalArgumentException("feedId must not be blank");
    }
    if (index < 0) {
      throw new IllegalArgumentException("index must be at least 0, got " + index);
    }
    if (!Double.isFinite(magnitude)) {
      throw new IllegalArgumentException("magnitude must be finite, got " + magnitude);
    }
    if (kind.multiplicative() && magnitude <= 0) {
      throw new IllegalArgumentException(
          "magnitude of a " + kind + " must be positive, got " + magnitude);
    }
  }
}
