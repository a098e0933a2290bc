package io.isowatch.evaluation.isowatch;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.detect.TraceBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link MonitorRecording} into traces, the same way for a fresh run and a cached one:
 *
 * <ul>
 *   <li><b>isowatch</b>: score 1 - trust score (blank while the monitor reports no finite trust);
 *       alarms = new FIRING alerts of the monitor's own alert policy.
 *   <li><b>signal:&lt;label&gt;</b>: a {@link BaselineRule} on that signal alone, started at the
 *       signal's first finite value and warmed up over the profile's warm-up evaluations from
 *       there, its other settings at their defaults; score = |robust z| against its frozen warm-up
 *       baseline (blank until then), alarms = its FIRING alerts. Signals that need the head's
 *       targets or ready predictions first (shift drift, predictive, realized error) are thus
 *       judged as soon as they have a baseline, not never.
 *   <li><b>signal:realized_surprise_martingale</b>: not judged by the monitor, so by its own rule:
 *       score = its growth, alarms = each time the growth reaches {@link #MARTINGALE_ALARM}.
 * </ul>
 *
 * Nothing counts before the profile's {@link EvaluationProfile#judgedFrom} position, the same for
 * every detector: scores are blank and alarms are dropped there. A score holds from its
 * evaluation's position (the window's last value) until the next one.
 */
public final class SignalTraces {
  public static final String ISOWATCH = "isowatch";
  public static final String SIGNAL_PREFIX = "signal:";

  private SignalTraces() {}

  /**
   * The surprise martingale's growth (log10) at which its row alarms: 100-fold evidence, which a
   * feed whose forecasts did not change reaches after 100 realized values or more on average.
   */
  public static final double MARTINGALE_ALARM = 2;

  /**
   * The detector names a recording gives: isowatch, one per judged signal, then the surprise
   * martingale.
   */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(ISOWATCH);
    for (MonitorSignal signal : judgedSignals()) {
      names.add(SIGNAL_PREFIX + signal.label());
    }
    names.add(SIGNAL_PREFIX + MonitorSignal.REALIZED_SURPRISE_MARTINGALE.label());
    return names;
  }

  /** isowatch's score at evaluation {@code k}: 1 - trust, NaN without a finite trust. */
  public static double isowatchScore(MonitorRecording recording, int k) {
    double trust = recording.signal(k, MonitorSignal.TRUST_SCORE);
    return Double.isFinite(trust) ? 1 - trust : Double.NaN;
  }

  /** A trace per name of {@link #names()}. */
  public static Map<String, Trace> of(
      LabelledSeries series, EvaluationProfile profile, MonitorRecording recording) {
    Map<String, Trace> traces = new LinkedHashMap<>();
    TraceBuilder isowatch = new TraceBuilder(series.length(), profile.judgedFrom());
    for (int k = 0; k < recording.evaluations(); k++) {
      int at = recording.lastIndex()[k];
      isowatch.score(at, isowatchScore(recording, k));
      if (recording.alarm()[k]) {
        isowatch.alarm(at);
      }
    }
    traces.put(ISOWATCH, isowatch.build());
    for (MonitorSignal signal : judgedSignals()) {
      traces.put(SIGNAL_PREFIX + signal.label(), signalTrace(series, profile, recording, signal));
    }
    traces.put(
        SIGNAL_PREFIX + MonitorSignal.REALIZED_SURPRISE_MARTINGALE.label(),
        martingaleTrace(series, profile, recording));
    return traces;
  }

  /**
   * The surprise martingale by its own rule rather than a baseline's: its growth is the score, and
   * each time it reaches {@link #MARTINGALE_ALARM} from below is an alarm.
   */
  private static Trace martingaleTrace(
      LabelledSeries series, EvaluationProfile profile, MonitorRecording recording) {
    TraceBuilder trace = new TraceBuilder(series.length(), profile.judgedFrom());
    boolean above = false;
    for (int k = 0; k < recording.evaluations(); k++) {
      double growth = recording.signal(k, MonitorSignal.REALIZED_SURPRISE_MARTINGALE);
      int at = recording.lastIndex()[k];
      trace.score(at, growth);
      boolean reached = growth >= MARTINGALE_ALARM;
      if (reached && !above) {
        trace.alarm(at);
      }
      above = reached;
    }
    return trace.build();
  }

  private static Trace signalTrace(
      LabelledSeries series,
      EvaluationProfile profile,
      MonitorRecording recording,
      MonitorSignal signal) {
    TraceBuilder trace = new TraceBuilder(series.length(), profile.judgedFrom());
    BaselineRule rule = null;
    Set<String> fired = new HashSet<>(); // an escalation repeats its alert's id
    for (int k = 0; k < recording.evaluations(); k++) {
      double value = recording.signal(k, signal);
      int at = recording.lastIndex()[k];
      if (rule == null && !Double.isFinite(value)) {
        continue; // warm-up starts at the first finite value
      }
      if (rule == null) {
        rule =
            BaselineRule.builder()
                .feedId(series.name() + "/" + signal.label())
                .warmUp(profile.warmUpEvaluations())
                .build();
      }
      // A value of the warm-up is not judged, also not the one that completes it.
      boolean judged = rule.status() != BaselineRule.Status.WARMING_UP;
      Optional<Alert> alert =
          rule.update(
              series.time(recording.firstIndex()[k]),
              series.time(at),
              Map.of(signal.label(), value));
      if (alert.isPresent()
          && alert.get().state() == AlertState.FIRING
          && fired.add(alert.get().id())) {
        trace.alarm(at);
      }
      if (judged) {
        BaselineRule frozen = rule;
        trace.score(
            at,
            Double.isFinite(value)
                ? frozen
                    .baseline(signal.label())
                    .map(b -> Math.abs(value - b.median()) / b.spread())
                    .orElse(Double.NaN)
                : Double.NaN);
      }
    }
    return trace.build();
  }

  private static List<MonitorSignal> judgedSignals() {
    List<MonitorSignal> signals = new ArrayList<>();
    for (MonitorSignal signal : MonitorSignal.values()) {
      if (signal.judged()) {
        signals.add(signal);
      }
    }
    return signals;
  }
}
