package io.isowatch.evaluation.isowatch;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts when a feed's signals leave the range they kept while the feed was known to be fine: the
 * first {@code warmUp} windows. One instance watches one feed. The evaluation's single-signal
 * detector ({@link SignalTraces}); the agent's own alerts come from the trust policy, so this rule
 * lives here, not in the core, and keeps no snapshot.
 *
 * <pre>{@code
 * BaselineRule rule = BaselineRule.builder().feedId("cpu").build();
 * for (Window window : windows) {
 *   Map<String, Double> signals = new LinkedHashMap<>();
 *   signals.put("window_isoscore", report.isoScore());
 *   signals.put("log_partition_isotropy", report.partition().log());
 *   rule.update(window.firstEventTime(), window.lastEventTime(), signals)
 *       .ifPresent(alertSink::send);
 * }
 * }</pre>
 *
 * <h2>Baseline</h2>
 *
 * Each signal's finite values over the first {@code warmUp} windows are reduced to their median and
 * their median absolute deviation (MAD) times {@value #MAD_TO_SIGMA}, which estimates the standard
 * deviation of normal data and ignores a minority of outliers. The baseline is then frozen. The
 * spread is never smaller than {@value #RELATIVE_SPREAD_FLOOR} times |median|, nor than {@value
 * #ABSOLUTE_SPREAD_FLOOR}: a signal that was constant during the warm-up (MAD 0) then scores a
 * finite, if large, z for any change instead of an infinite one. A signal needs finite values in at
 * least half of the warm-up windows (and at least 2) to get a baseline; a signal without one, or
 * first seen after the warm-up, is never judged. NaN and infinite values mean "not available this
 * window" and are skipped everywhere.
 *
 * <h2>Judging</h2>
 *
 * After the warm-up each available signal scores a robust z = (value - median) / spread; both
 * directions count. A window <em>breaches</em> when some |z| reaches {@code warnThreshold}, and is
 * <em>clear</em> when every |z| is below {@code clearThreshold}. A window in which no signal could
 * be scored changes nothing: it neither extends nor breaks a run, nor counts down the cooldown.
 *
 * <ul>
 *   <li>{@code confirm} consecutive breaching windows open an alert: {@link AlertState#FIRING},
 *       {@link Severity#CRITICAL} if the max |z| of the confirming window reaches {@code
 *       criticalThreshold}, else {@link Severity#WARNING};
 *   <li>an open warning whose window reaches {@code criticalThreshold} is sent again as FIRING with
 *       severity CRITICAL and the same id; severity never steps down while the alert is open;
 *   <li>{@code clearAfter} consecutive clear windows resolve it: {@link AlertState#RESOLVED}, same
 *       id, with the highest severity it reached;
 *   <li>for {@code cooldown} windows after a resolution no alert opens. Breaching windows during
 *       the cooldown still count towards {@code confirm}, so a breach that persists opens the next
 *       alert on the first window after the cooldown, dated from its first breaching window.
 * </ul>
 *
 * Each alert's id is {@code <feedId>/geometry-baseline/<n>}, n counting from 1 per rule; {@code
 * from} is the start of its first breaching window and {@code to} the end of the current one. Its
 * evidence lists every scored signal with |z| at or above {@code clearThreshold}, largest |z| first
 * (so a resolution carries none).
 *
 * <h2>Memory</h2>
 *
 * Bounded by the builder: at most {@code maxSignals} signals (a window that would add more is
 * refused), each holding {@code warmUp} doubles until the baseline freezes and a median and spread
 * after. {@link #memoryBytes} gives the bound: 18,944 bytes with the defaults. Not thread-safe.
 */
public final class BaselineRule {
  /** The rule name carried by every alert this rule raises. */
  public static final String RULE = "geometry-baseline";

  public static final int DEFAULT_WARM_UP = 48;
  public static final int DEFAULT_CONFIRM = 2;
  public static final double DEFAULT_WARN_THRESHOLD = 4.0;
  public static final double DEFAULT_CRITICAL_THRESHOLD = 7.0;
  public static final double DEFAULT_CLEAR_THRESHOLD = 2.5;
  public static final int DEFAULT_CLEAR_AFTER = 3;
  public static final int DEFAULT_COOLDOWN = 8;
  public static final int DEFAULT_MAX_SIGNALS = 32;

  /** Scales a MAD to a standard deviation for normally distributed data: 1 / Phi^-1(3/4). */
  public static final double MAD_TO_SIGMA = 1.4826;

  /** The spread is at least this fraction of |median|. */
  public static final double RELATIVE_SPREAD_FLOOR = 1e-3;

  /** The spread is at least this, even when the median is 0. */
  public static final double ABSOLUTE_SPREAD_FLOOR = 1e-9;

  private static final int BYTES_PER_SIGNAL = 200;
  private static final int OVERHEAD_BYTES = 256;
  private static final int SIGNALS_IN_SUMMARY = 3;

  /** Where the rule stands. */
  public enum Status {
    /** Still collecting the first {@code warmUp} windows; nothing is judged yet. */
    WARMING_UP,
    /** Judging, no alert open. */
    QUIET,
    /** An alert is open. */
    FIRING
  }

  /**
   * One signal's frozen warm-up baseline.
   *
   * @param median the median of its warm-up values
   * @param spread the MAD scaled to a standard deviation, floored (see the class comment)
   * @param values how many warm-up values it was computed from
   */
  public record SignalBaseline(double median, double spread, int values) {}

  private final String feedId;
  private final int warmUp;
  private final int confirm;
  private final double warnThreshold;
  private final double criticalThreshold;
  private final double clearThreshold;
  private final int clearAfter;
  private final int cooldown;
  private final int maxSignals;
  private final Clock clock;

  private final Map<String, Signal> signals = new LinkedHashMap<>();
  private long windows;
  private Status status = Status.WARMING_UP;
  private int breachStreak;
  private Instant breachStart;
  private int clearStreak;
  private int cooldownLeft;
  private long alertsOpened;
  private String openId;
  private Severity openSeverity;
  private Instant openFrom;

  private BaselineRule(Builder builder) {
    this.feedId = builder.feedId;
    this.warmUp = builder.warmUp;
    this.confirm = builder.confirm;
    this.warnThreshold = builder.warnThreshold;
    this.criticalThreshold = builder.criticalThreshold;
    this.clearThreshold = builder.clearThreshold;
    this.clearAfter = builder.clearAfter;
    this.cooldown = builder.cooldown;
    this.maxSignals = builder.maxSignals;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The most bytes a rule with these bounds holds: during the warm-up, with every signal seen. */
  public static long memoryBytes(int maxSignals, int warmUp) {
    return (long) maxSignals * ((long) Double.BYTES * warmUp + BYTES_PER_SIGNAL) + OVERHEAD_BYTES;
  }

  /**
   * Judges one window's signals and returns the alert message it calls for, if any: at most one per
   * window (a new FIRING, an escalation, or a RESOLVED).
   *
   * @param windowStart event time of the window's first value
   * @param windowEnd event time of the window's last value
   * @param signals signal name to value, in the order evidence ties are broken; NaN, infinite or
   *     null values are skipped
   * @throws IllegalArgumentException if the window would take the rule past {@code maxSignals}
   *     distinct signals, a name is blank, or the window ends before it starts; the rule is then
   *     unchanged
   */
  public Optional<Alert> update(
      Instant windowStart, Instant windowEnd, Map<String, Double> signals) {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException(
          "windowEnd " + windowEnd + " is before windowStart " + windowStart);
    }
    register(signals.keySet());
    windows++;
    if (status == Status.WARMING_UP) {
      signals.forEach(
          (name, value) -> {
            if (value != null && Double.isFinite(value)) {
              this.signals.get(name).addWarmUp(value);
            }
          });
      if (windows == warmUp) {
        this.signals.values().forEach(signal -> signal.freeze(minBaselineValues()));
        status = Status.QUIET;
      }
      return Optional.empty();
    }

    List<SignalEvidence> scored = score(signals);
    if (scored.isEmpty()) {
      return Optional.empty();
    }
    double maxAbs = Math.abs(scored.get(0).score());
    return status == Status.QUIET
        ? judgeQuiet(windowStart, windowEnd, scored, maxAbs)
        : judgeFiring(windowEnd, scored, maxAbs);
  }

  private Optional<Alert> judgeQuiet(
      Instant windowStart, Instant windowEnd, List<SignalEvidence> scored, double maxAbs) {
    boolean coolingDown = cooldownLeft > 0;
    if (coolingDown) {
      cooldownLeft--;
    }
    if (maxAbs >= warnThreshold) {
      if (breachStreak == 0) {
        breachStart = windowStart;
      }
      breachStreak++;
    } else {
      breachStreak = 0;
      breachStart = null;
    }
    if (breachStreak < confirm || coolingDown) {
      return Optional.empty();
    }
    alertsOpened++;
    openId = feedId + "/" + RULE + "/" + alertsOpened;
    openSeverity = maxAbs >= criticalThreshold ? Severity.CRITICAL : Severity.WARNING;
    openFrom = breachStart;
    status = Status.FIRING;
    breachStreak = 0;
    breachStart = null;
    clearStreak = 0;
    return Optional.of(firing(windowEnd, scored));
  }

  private Optional<Alert> judgeFiring(
      Instant windowEnd, List<SignalEvidence> scored, double maxAbs) {
    clearStreak = maxAbs < clearThreshold ? clearStreak + 1 : 0;
    if (clearStreak >= clearAfter) {
      Alert resolved =
          new Alert(
              openId,
              feedId,
              RULE,
              openSeverity,
              AlertState.RESOLVED,
              openFrom,
              windowEnd,
              "feed "
                  + feedId
                  + ": every signal back within "
                  + plain(clearThreshold)
                  + " sigma of its warm-up baseline for "
                  + clearAfter
                  + (clearAfter == 1 ? " window" : " windows"),
              List.of(),
              "none needed now; forecasts on feed "
                  + feedId
                  + " made between "
                  + openFrom
                  + " and "
                  + windowEnd
                  + " may deserve a second look",
              clock.instant());
      status = Status.QUIET;
      cooldownLeft = cooldown;
      clearStreak = 0;
      openId = null;
      openSeverity = null;
      openFrom = null;
      return Optional.of(resolved);
    }
    if (maxAbs >= criticalThreshold && openSeverity == Severity.WARNING) {
      openSeverity = Severity.CRITICAL;
      return Optional.of(firing(windowEnd, scored));
    }
    return Optional.empty();
  }

  private Alert firing(Instant windowEnd, List<SignalEvidence> scored) {
    List<SignalEvidence> evidence =
        scored.stream().filter(e -> Math.abs(e.score()) >= clearThreshold).toList();
    StringBuilder summary = new StringBuilder("feed ").append(feedId).append(": ");
    for (int i = 0; i < Math.min(SIGNALS_IN_SUMMARY, evidence.size()); i++) {
      SignalEvidence e = evidence.get(i);
      summary
          .append(i == 0 ? "" : ", ")
          .append(e.signal())
          .append(' ')
          .append(String.format(Locale.ROOT, "%.1f", Math.abs(e.score())))
          .append(" sigma ")
          .append(e.score() < 0 ? "below" : "above")
          .append(i == 0 ? " its warm-up baseline" : "");
    }
    if (evidence.size() > SIGNALS_IN_SUMMARY) {
      summary.append(", and ").append(evidence.size() - SIGNALS_IN_SUMMARY).append(" more");
    }
    return new Alert(
        openId,
        feedId,
        RULE,
        openSeverity,
        AlertState.FIRING,
        openFrom,
        windowEnd,
        summary.toString(),
        evidence,
        "check feed "
            + feedId
            + " for a regime change since "
            + openFrom
            + "; forecasts on it may be unreliable",
        clock.instant());
  }

  /** Scores of the signals that have a baseline and a value, largest |z| first, ties in order. */
  private List<SignalEvidence> score(Map<String, Double> values) {
    List<SignalEvidence> scored = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          SignalBaseline baseline = signals.get(name).baseline;
          if (baseline != null && value != null && Double.isFinite(value)) {
            double z = (value - baseline.median()) / baseline.spread();
            scored.add(new SignalEvidence(name, value, baseline.median(), baseline.spread(), z));
          }
        });
    scored.sort(Comparator.comparingDouble((SignalEvidence e) -> Math.abs(e.score())).reversed());
    return scored;
  }

  /** Adds the names not seen before, or throws leaving the rule unchanged. */
  private void register(Set<String> names) {
    List<String> added = new ArrayList<>();
    for (String name : names) {
      Objects.requireNonNull(name, "signal name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("signal names must not be blank");
      }
      if (!signals.containsKey(name)) {
        added.add(name);
      }
    }
    if (signals.size() + added.size() > maxSignals) {
      throw new IllegalArgumentException(
          "a rule watches at most maxSignals = "
              + maxSignals
              + " signals; this window would make it "
              + (signals.size() + added.size())
              + " with "
              + added);
    }
    for (String name : added) {
      signals.put(name, new Signal(status == Status.WARMING_UP ? warmUp : 0));
    }
  }

  private int minBaselineValues() {
    return Math.max(2, (warmUp + 1) / 2);
  }

  /** The rule's stage: warming up, quiet, or with an alert open. */
  public Status status() {
    return status;
  }

  /** The frozen baseline of {@code signal}; empty during the warm-up or if it has none. */
  public Optional<SignalBaseline> baseline(String signal) {
    Signal held = signals.get(signal);
    return held == null ? Optional.empty() : Optional.ofNullable(held.baseline);
  }

  /** The signal names seen so far, in first-seen order. */
  public List<String> signals() {
    return List.copyOf(signals.keySet());
  }

  /** Windows given to {@link #update} so far. */
  public long windows() {
    return windows;
  }

  /** Windows still to pass before a new alert may open; 0 outside a cooldown. */
  public int cooldownRemaining() {
    return cooldownLeft;
  }

  /** Alerts opened so far (escalations and resolutions not counted). */
  public long alertsOpened() {
    return alertsOpened;
  }

  public String feedId() {
    return feedId;
  }

  /** {@code 2.5}, {@code 4}: a threshold as written, without trailing zeros. */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The median of {@code values[0..n)}; sorts that range. */
  static double median(double[] values, int n) {
    Arrays.sort(values, 0, n);
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** One signal: its warm-up values until the freeze, its baseline after. */
  private static final class Signal {
    double[] warmUp;
    int warmUpCount;
    SignalBaseline baseline;

    Signal(int warmUpCapacity) {
      this.warmUp = warmUpCapacity > 0 ? new double[warmUpCapacity] : null;
    }

    void addWarmUp(double value) {
      warmUp[warmUpCount++] = value;
    }

    void freeze(int minValues) {
      if (warmUpCount >= minValues) {
        double[] values = Arrays.copyOf(warmUp, warmUpCount);
        double median = median(values, warmUpCount);
        for (int i = 0; i < warmUpCount; i++) {
          values[i] = Math.abs(values[i] - median);
        }
        double spread =
            Math.max(
                MAD_TO_SIGMA * median(values, warmUpCount),
                Math.max(RELATIVE_SPREAD_FLOOR * Math.abs(median), ABSOLUTE_SPREAD_FLOOR));
        baseline = new SignalBaseline(median, spread, warmUpCount);
      }
      warmUp = null;
      warmUpCount = 0;
    }
  }

  /** Builds a {@link BaselineRule}; {@code feedId} is required, the rest have defaults. */
  public static final class Builder {
    private String feedId;
    private int warmUp = DEFAULT_WARM_UP;
    private int confirm = DEFAULT_CONFIRM;
    private double warnThreshold = DEFAULT_WARN_THRESHOLD;
    private double criticalThreshold = DEFAULT_CRITICAL_THRESHOLD;
    private double clearThreshold = DEFAULT_CLEAR_THRESHOLD;
    private int clearAfter = DEFAULT_CLEAR_AFTER;
    private int cooldown = DEFAULT_COOLDOWN;
    private int maxSignals = DEFAULT_MAX_SIGNALS;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The feed the rule watches; names its alerts. */
    public Builder feedId(String feedId) {
      this.feedId = feedId;
      return this;
    }

    /** Windows that build the baseline (default 48). */
    public Builder warmUp(int warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /** Consecutive breaching windows that open an alert (default 2). */
    public Builder confirm(int confirm) {
      this.confirm = confirm;
      return this;
    }

    /** |z| at which a window breaches (default 4). */
    public Builder warnThreshold(double warnThreshold) {
      this.warnThreshold = warnThreshold;
      return this;
    }

    /** |z| at which an alert is critical (default 7). */
    public Builder criticalThreshold(double criticalThreshold) {
      this.criticalThreshold = criticalThreshold;
      return this;
    }

    /** |z| under which, for every signal, a window is clear (default 2.5). */
    public Builder clearThreshold(double clearThreshold) {
      this.clearThreshold = clearThreshold;
      return this;
    }

    /** Consecutive clear windows that resolve an alert (default 3). */
    public Builder clearAfter(int clearAfter) {
      this.clearAfter = clearAfter;
      return this;
    }

    /** Windows after a resolution during which no alert opens (default 8). */
    public Builder cooldown(int cooldown) {
      this.cooldown = cooldown;
      return this;
    }

    /** Distinct signals the rule accepts (default 32). */
    public Builder maxSignals(int maxSignals) {
      this.maxSignals = maxSignals;
      return this;
    }

    /** Stamps {@link Alert#raisedAt()} (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public BaselineRule build() {
      if (feedId == null || feedId.isBlank()) {
        throw new IllegalArgumentException("feedId is required");
      }
      Objects.requireNonNull(clock, "clock");
      atLeast("warmUp", warmUp, 2);
      atLeast("confirm", confirm, 1);
      atLeast("clearAfter", clearAfter, 1);
      atLeast("cooldown", cooldown, 0);
      atLeast("maxSignals", maxSignals, 1);
      if (!(clearThreshold > 0) || Double.isInfinite(clearThreshold)) {
        throw new IllegalArgumentException(
            "clearThreshold must be positive and finite, got " + clearThreshold);
      }
      if (!(warnThreshold >= clearThreshold) || Double.isInfinite(warnThreshold)) {
        throw new IllegalArgumentException(
            "warnThreshold must be finite and at least clearThreshold ("
                + clearThreshold
                + "), got "
                + warnThreshold);
      }
      if (!(criticalThreshold >= warnThreshold) || Double.isInfinite(criticalThreshold)) {
        throw new IllegalArgumentException(
            "criticalThreshold must be finite and at least warnThreshold ("
                + warnThreshold
                + "), got "
                + criticalThreshold);
      }
      return new BaselineRule(this);
    }

    private static void atLeast(String field, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(field + " must be at least " + min + ", got " + value);
      }
    }
  }
}
