package io.isowatch.core.monitor;

import java.util.Locale;

/**
 * Every signal a {@link FeedMonitor} produces, with its meaning: a fixed set, so metrics built from
 * it have bounded names and labels. {@code TOKEN_*} signals are averaged over the windows since the
 * last evaluation; {@code WINDOW_*} signals describe the cloud of recent window vectors.
 */
public enum MonitorSignal {
  TOKEN_RAW_AVG_COSINE("raw average cosine of each window's token states (anisotropy)"),
  TOKEN_CENTERED_AVG_COSINE("centered average cosine of each window's token states"),
  TOKEN_MEAN_NORM_RATIO("|mean| / mean norm of each window's token states"),
  WINDOW_RAW_AVG_COSINE("raw average cosine of the recent window vectors"),
  WINDOW_CENTERED_AVG_COSINE("centered average cosine of the recent window vectors"),
  WINDOW_ISOSCORE("IsoScore of the recent window vectors (1 = isotropic)"),
  WINDOW_LOG_PARTITION_ISOTROPY("log partition isotropy of the recent window vectors"),
  WINDOW_LOG_CENTERED_PARTITION_ISOTROPY(
      "log partition isotropy of the recent window vectors, centered"),
  /**
   * Integer-valued: its warm-up spread is often 0, so a step of one component would read as a huge
   * z-score. Exported, not judged; the participation ratio is its continuous twin and is judged.
   */
  WINDOW_EFFECTIVE_DIM_80(
      "principal components holding 80% of the window vectors' variance", false),
  WINDOW_PARTICIPATION_RATIO("participation ratio of the window vectors' covariance spectrum"),
  WINDOW_MEAN_NORM_RATIO("|mean| / mean norm of the recent window vectors");

  private final String help;
  private final boolean judged;

  MonitorSignal(String help) {
    this(help, true);
  }

  MonitorSignal(String help, boolean judged) {
    this.help = help;
    this.judged = judged;
  }

  /** Whether the alert rule judges this signal (every signal is exported as a metric). */
  public boolean judged() {
    return judged;
  }

  /** The snake_case name used in metrics, alerts and JSON, e.g. {@code window_isoscore}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One line on what the signal measures. */
  public String help() {
    return help;
  }
}
