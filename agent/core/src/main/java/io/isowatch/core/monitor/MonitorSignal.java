package io.isowatch.core.monitor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every signal a {@link FeedMonitor} produces, with its meaning: a fixed set, so metrics built from
 * it have bounded names and labels. {@code TOKEN_*} signals are averaged over the windows since the
 * last evaluation; {@code WINDOW_*} signals describe the cloud of recent window vectors; {@code
 * SHIFT_*} and {@code PREDICTIVE_*} describe the predictive softmax; the last ones are the realized
 * error and the trust score built from all the others.
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
  WINDOW_MEAN_NORM_RATIO("|mean| / mean norm of the recent window vectors"),
  SHIFT_LOG_PARTITION_MEAN("mean log Z of the recent predictive softmaxes"),
  SHIFT_LOG_PARTITION_SPREAD("standard deviation of log Z over the recent predictions"),
  SHIFT_COMMON("common logit shift a since the reference: invisible to softmax"),
  SHIFT_EFFECTIVE("effective logit shift r since the reference: moves predictions"),
  SHIFT_RATIO("|a| / (|a| + r): the share of the logit shift softmax cannot see"),
  PREDICTIVE_ENTROPY("mean entropy of the recent predictive distributions, nats"),
  PREDICTIVE_KL("KL(p_ref || p_now) of the mean predictive distributions, nats"),
  REALIZED_SURPRISAL(
      "mean surprisal (-log predictive density) of the values realized since the last evaluation,"
          + " nats per scaled unit"),
  REALIZED_PIT_DEVIATION(
      "mean |2 PIT - 1| of the values realized since the last evaluation under the agent's"
          + " predictive distribution (0.5 when calibrated, towards 1 in its tails)"),
  /**
   * Exported, not judged: the risk model's features are fixed by its artifact, and this one is an
   * evidence scale with a guarantee of its own ({@link
   * io.isowatch.core.realized.SurpriseMartingale}).
   */
  REALIZED_SURPRISE_MARTINGALE(
      "log10 growth, since its lowest point, of a conformal test martingale on the realized"
          + " surprisals (2 = 100-fold evidence that values land where the model expected them less,"
          + " or more, than before on this feed)",
      false),
  REALIZED_MASE("recent realized error of the forecasts, MASE"),
  TRUST_SCORE("trust in the feed's forecasts: conformal p-value of the risk (low = alert)", false),
  RISK_SCORE(
      "risk: the trained risk model's log-odds that forecasts become unreliable within the horizon",
      false),
  VALUE_CHANGE_SCORE(
      "p-value of the raw values' peak |z| (of the values, their steps, the steps' scale, the"
          + " values' lag-8 autocorrelation and their median)"
          + " against its recent history (low = values left their range; the value-change rule"
          + " alerts at or below alpha)",
      false);

  private final String help;
  private final boolean judged;

  MonitorSignal(String help) {
    this(help, true);
  }

  MonitorSignal(String help, boolean judged) {
    this.help = help;
    this.judged = judged;
  }

  /** Whether the trust score weighs this signal (every signal is exported as a metric). */
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

  /** The {@link #judged} signals of a verdict by {@link #label}: what the risk vector reads. */
  public static Map<String, Double> judgedByLabel(Map<MonitorSignal, Double> signals) {
    Map<String, Double> labelled = new LinkedHashMap<>();
    signals.forEach(
        (signal, value) -> {
          if (signal.judged) {
            labelled.put(signal.label(), value);
          }
        });
    return labelled;
  }
}
