package io.isowatch.core.realized;

import java.util.Locale;

/** Who made a forecast. */
public enum ForecastOrigin {
  /** The agent's own softmax head (or the model's logits). */
  AGENT,
  /** The user's forecaster, carried in the feed's records. */
  PRODUCTION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
