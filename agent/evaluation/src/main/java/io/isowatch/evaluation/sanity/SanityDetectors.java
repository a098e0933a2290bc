package io.isowatch.evaluation.sanity;

import io.isowatch.core.trust.TrustSettings;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.detect.TraceBuilder;
import io.isowatch.evaluation.isowatch.MonitorRecording;
import io.isowatch.evaluation.isowatch.SignalTraces;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Detectors that know nothing about a series, scored exactly like the real ones, so that a metric
 * which a useless score can win shows itself:
 *
 * <ul>
 *   <li><b>sanity:minus_time</b> and <b>sanity:time</b>: the score is -t or t. Alarms: the score's
 *       conformal p-value against its previous {@link TrustSettings#history()} values at isowatch's
 *       evaluation positions, judged by isowatch's alert policy.
 *   <li><b>sanity:noise</b>: an independent uniform "trust" at each evaluation where isowatch has a
 *       score (the same warm-up schedule), through isowatch's alert policy with isowatch's own
 *       readiness; score 1 - that trust. Seeded by the run's seed and the series.
 *   <li><b>never_alarms</b>: score 0, no alarm (NAB's null detector).
 *   <li><b>always_alarms</b>: score 1, an alarm at every judged position.
 * </ul>
 *
 * Like every detector, none has a score or an alarm before the profile's judged position.
 */
public final class SanityDetectors {
  public static final String MINUS_TIME = "sanity:minus_time";
  public static final String TIME = "sanity:time";
  public static final String NOISE = "sanity:noise";
  public static final String NEVER_ALARMS = "never_alarms";
  public static final String ALWAYS_ALARMS = "always_alarms";

  private SanityDetectors() {}

  public static List<String> names() {
    return List.of(MINUS_TIME, TIME, NOISE, NEVER_ALARMS, ALWAYS_ALARMS);
  }

  /**
   * The sanity traces of a series.
   *
   * @param recording isowatch's recording of the series, whose evaluation positions and readiness
   *     the noise follows; null when isowatch did not run (then every profile window end counts,
   *     ready once the trust history would be)
   */
  public static Map<String, Trace> of(
      LabelledSeries series, EvaluationProfile profile, MonitorRecording recording, long seed) {
    Schedule schedule = Schedule.of(series, profile, recording);
    int n = series.length();
    int from = profile.judgedFrom();
    Map<String, Trace> traces = new LinkedHashMap<>();
    TrustSettings trust = profile.trust();
    traces.put(MINUS_TIME, timeTrace(series, from, schedule, trust, -1));
    traces.put(TIME, timeTrace(series, from, schedule, trust, +1));
    traces.put(NOISE, noiseTrace(series, from, schedule, trust, seed));
    TraceBuilder never = new TraceBuilder(n, from);
    TraceBuilder always = new TraceBuilder(n, from);
    never.score(0, 0);
    always.score(0, 1);
    for (int i = from; i < n; i++) {
      always.alarm(i);
    }
    traces.put(NEVER_ALARMS, never.build());
    traces.put(ALWAYS_ALARMS, always.build());
    return traces;
  }

  private static Trace timeTrace(
      LabelledSeries series, int from, Schedule schedule, TrustSettings trust, int sign) {
    int n = series.length();
    TraceBuilder trace = new TraceBuilder(n, from);
    for (int i = 0; i < n; i++) {
      trace.score(i, sign * (double) i);
    }
    PolicyAlarms alarms =
        new PolicyAlarms(series.name() + "/" + (sign > 0 ? TIME : MINUS_TIME), trust);
    int history = trust.history();
    double[] past = new double[history];
    int held = 0;
    for (int k = 0; k < schedule.at().length; k++) {
      int at = schedule.at()[k];
      double score = sign * (double) at;
      int atLeast = 0;
      for (int j = 0; j < held; j++) {
        atLeast += past[j] >= score ? 1 : 0;
      }
      double pValue = (1.0 + atLeast) / (held + 1.0);
      boolean ready = held >= trust.calibration();
      if (alarms.judge(series.time(schedule.first()[k]), series.time(at), pValue, ready)) {
        trace.alarm(at);
      }
      past[k % history] = score;
      held = Math.min(held + 1, history);
    }
    return trace.build();
  }

  private static Trace noiseTrace(
      LabelledSeries series, int from, Schedule schedule, TrustSettings settings, long seed) {
    SplittableRandom random =
        new SplittableRandom(seed ^ ((long) (series.dataset() + "/" + series.name()).hashCode()));
    TraceBuilder trace = new TraceBuilder(series.length(), from);
    PolicyAlarms alarms = new PolicyAlarms(series.name() + "/" + NOISE, settings);
    for (int k = 0; k < schedule.at().length; k++) {
      int at = schedule.at()[k];
      if (!schedule.scored()[k]) {
        trace.score(at, Double.NaN);
        continue;
      }
      double trust = random.nextDouble();
      trace.score(at, 1 - trust);
      if (alarms.judge(
          series.time(schedule.first()[k]), series.time(at), trust, schedule.ready()[k])) {
        trace.alarm(at);
      }
    }
    return trace.build();
  }

  /** isowatch's evaluations: window positions, whether it had a score, whether it was ready. */
  private record Schedule(int[] first, int[] at, boolean[] scored, boolean[] ready) {
    static Schedule of(
        LabelledSeries series, EvaluationProfile profile, MonitorRecording recording) {
      if (recording != null) {
        int count = recording.evaluations();
        boolean[] scored = new boolean[count];
        for (int k = 0; k < count; k++) {
          scored[k] = Double.isFinite(SignalTraces.isowatchScore(recording, k));
        }
        return new Schedule(
            recording.firstIndex(), recording.lastIndex(), scored, recording.ready());
      }
      int window = profile.windowLength();
      int count = Math.max(0, (series.length() - window) / profile.stride() + 1);
      int[] first = new int[count];
      int[] at = new int[count];
      boolean[] ready = new boolean[count];
      int calibration = profile.trust().calibration();
      for (int k = 0; k < count; k++) {
        first[k] = k * profile.stride();
        at[k] = first[k] + window - 1;
        ready[k] = k >= calibration;
      }
      boolean[] scored = new boolean[count];
      Arrays.fill(scored, true);
      return new Schedule(first, at, scored, ready);
    }
  }
}
