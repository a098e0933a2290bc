package io.isowatch.evaluation.train;

import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.risk.RawView;
import io.isowatch.core.risk.SignalVectorBuilder;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.isowatch.MonitorRecording;
import io.isowatch.evaluation.label.ForecastLabels;
import io.isowatch.evaluation.label.Forecasts;
import io.isowatch.evaluation.label.LabelRule;
import io.isowatch.evaluation.label.LabelSets;
import io.isowatch.evaluation.score.ForecastScore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One series' training rows: the monitor's signal vector at each evaluation (rebuilt from the
 * recording with the same {@link SignalVectorBuilder} the monitor runs, fed the series' values up
 * to each evaluated window's end) and, for each step the ruler scores, which evaluation's score
 * holds there and whether that step is a target. The target is "a forecast made within the next
 * lookahead is an error event" of the last-value label set <em>or</em> of the agent's label set
 * (its own forecasts, from the recording, as {@code evaluate} labels them): the product judges the
 * forecasts it monitors, and a change the last value recovers from in a few steps (a level shift)
 * still hurts a model forecasting from a window that straddles it. Rows are the steps the
 * last-value labels score; where the agent's labels score too, their events count. The alignment is
 * the ruler's: a score holds from its evaluation's last value until the next evaluation, nothing
 * counts before {@link EvaluationProfile#judgedFrom()}, and targets are {@link
 * ForecastScore#targets}. No dataset's anomaly or change-point labels are read.
 *
 * @param corpus the corpus the series belongs to (its dataset, or {@code synthetic})
 * @param name the series' name
 * @param vectors the signal vector of each evaluation
 * @param steps the evaluation whose score holds at each scored step
 * @param targets whether each scored step is a target
 * @param labels the last-value labels (for scoring a risk trace the ruler's way)
 * @param agentLabels the agent's labels, when its forecasts were recorded and enough are judged
 * @param evaluationAt the position of each evaluation
 * @param judgedFrom the profile's first judged position
 */
public record SeriesRows(
    String corpus,
    String name,
    double[][] vectors,
    int[] steps,
    boolean[] targets,
    ForecastLabels labels,
    Optional<ForecastLabels> agentLabels,
    int[] evaluationAt,
    int judgedFrom) {

  /** The rows of a series, or empty when its last-value labels are too few to be scored. */
  public static Optional<SeriesRows> of(
      LabelledSeries series, EvaluationProfile profile, MonitorRecording recording) {
    ForecastLabels labels =
        ForecastLabels.of(
            series.values(),
            Forecasts.lastValue(series.values(), LabelSets.NAIVE_HORIZON),
            LabelRule.DEFAULT);
    if (labels.judgedCount() < LabelRule.DEFAULT.minLabelled() || recording.evaluations() == 0) {
      return Optional.empty();
    }
    SignalVectorBuilder builder = new SignalVectorBuilder();
    int n = recording.evaluations();
    double[][] vectors = new double[n][];
    int fed = 0;
    for (int k = 0; k < n; k++) {
      int at = recording.lastIndex()[k];
      while (fed <= at) {
        builder.add(series.value(fed++));
      }
      RawView raw = builder.view();
      Map<String, Double> signals = new LinkedHashMap<>();
      for (MonitorSignal signal : MonitorSignal.values()) {
        if (signal.judged()) {
          signals.put(signal.label(), recording.signal(k, signal));
        }
      }
      vectors[k] = builder.vector(raw, signals).values();
    }
    ForecastScore.Targets targets = ForecastScore.targets(labels, profile.judgedFrom());
    Optional<ForecastLabels> agent = agentLabels(series, profile, recording);
    ForecastScore.Targets agentTargets =
        agent.map(a -> ForecastScore.targets(a, profile.judgedFrom())).orElse(null);
    int[] evaluationAt = recording.lastIndex().clone();
    int count = 0;
    int[] steps = new int[series.length()];
    boolean[] target = new boolean[series.length()];
    int k = -1;
    for (int t = 0; t < series.length(); t++) {
      while (k + 1 < n && evaluationAt[k + 1] <= t) {
        k++;
      }
      if (k < 0 || t < profile.judgedFrom() || !targets.scored()[t]) {
        continue;
      }
      steps[count] = k;
      target[count] =
          targets.target()[t]
              || (agentTargets != null && agentTargets.scored()[t] && agentTargets.target()[t]);
      count++;
    }
    return Optional.of(
        new SeriesRows(
            series.dataset(),
            series.name(),
            vectors,
            java.util.Arrays.copyOf(steps, count),
            java.util.Arrays.copyOf(target, count),
            labels,
            agent,
            evaluationAt,
            profile.judgedFrom()));
  }

  /** The agent's label set, as {@code evaluate} builds it, when enough of it is judged. */
  static Optional<ForecastLabels> agentLabels(
      LabelledSeries series, EvaluationProfile profile, MonitorRecording recording) {
    if (recording.forecasts() == null || recording.forecasts().length != series.length()) {
      return Optional.empty();
    }
    ForecastLabels agent =
        ForecastLabels.of(
            series.values(),
            Forecasts.pointsAhead(
                LabelSets.AGENT, recording.forecasts(), recording.horizon(), profile.stride()),
            LabelRule.DEFAULT);
    return agent.judgedCount() >= LabelRule.DEFAULT.minLabelled()
        ? Optional.of(agent)
        : Optional.empty();
  }

  /**
   * The trace of per-evaluation scores held the ruler's way (NaN before the first / judgedFrom).
   */
  public double[] trace(double[] perEvaluation) {
    int length = labels.length();
    double[] trace = new double[length];
    java.util.Arrays.fill(trace, Double.NaN);
    int k = -1;
    for (int t = 0; t < length; t++) {
      while (k + 1 < evaluationAt.length && evaluationAt[k + 1] <= t) {
        k++;
      }
      if (k >= 0 && t >= judgedFrom) {
        trace[t] = perEvaluation[k];
      }
    }
    return trace;
  }
}
