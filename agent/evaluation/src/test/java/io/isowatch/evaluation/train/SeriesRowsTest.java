package io.isowatch.evaluation.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.SyntheticFeeds;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.detect.TraceBuilder;
import io.isowatch.evaluation.isowatch.MonitorRecording;
import io.isowatch.evaluation.score.ForecastScore;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeriesRowsTest {

  /** A recording with an evaluation every stride values from the first window's end. */
  private static MonitorRecording recording(int length, EvaluationProfile profile) {
    double[] forecasts = new double[length];
    Arrays.fill(forecasts, Double.NaN);
    return recording(length, profile, forecasts, 1);
  }

  private static MonitorRecording recording(
      int length, EvaluationProfile profile, double[] forecasts, int horizon) {
    int first = profile.windowLength() - 1;
    int n = (length - 1 - first) / profile.stride() + 1;
    int[] firstIndex = new int[n];
    int[] lastIndex = new int[n];
    double[][] signals = new double[n][];
    for (int k = 0; k < n; k++) {
      lastIndex[k] = first + k * profile.stride();
      firstIndex[k] = lastIndex[k] - first;
      signals[k] = new double[MonitorSignal.values().length];
      Arrays.fill(signals[k], Double.NaN);
      signals[k][MonitorSignal.SHIFT_COMMON.ordinal()] = Math.sin(k);
    }
    return new MonitorRecording(
        firstIndex, lastIndex, signals, new boolean[n], new boolean[n], forecasts, horizon);
  }

  /**
   * The training rows are the ruler's steps: each row pairs the score that holds at a scored step
   * (as the ruler's TraceBuilder holds it) with that step's target (as ForecastScore judges it).
   */
  @Test
  void eachRowIsAStepTheRulerScoresWithTheScoreThatHoldsThereAndItsTarget() {
    LabelledSeries series = SyntheticFeeds.feed(SyntheticFeeds.Change.LEVEL, 1200, 7);
    EvaluationProfile profile = EvaluationProfile.forLength(series.length(), 8, false);
    MonitorRecording recording = recording(series.length(), profile);
    SeriesRows rows = SeriesRows.of(series, profile, recording).orElseThrow();

    double[] perEvaluation = new double[recording.evaluations()];
    TraceBuilder builder = new TraceBuilder(series.length(), profile.judgedFrom());
    for (int k = 0; k < perEvaluation.length; k++) {
      perEvaluation[k] = k;
      builder.score(recording.lastIndex()[k], k);
    }
    Trace ruler = builder.build();
    assertThat(rows.trace(perEvaluation)).containsExactly(ruler.scores());

    ForecastScore.Targets targets = ForecastScore.targets(rows.labels(), profile.judgedFrom());
    int expected = 0;
    for (int t = 0; t < series.length(); t++) {
      if (targets.scored()[t] && Double.isFinite(ruler.scores()[t])) {
        assertThat(rows.steps()[expected]).isEqualTo((int) ruler.scores()[t]);
        assertThat(rows.targets()[expected]).isEqualTo(targets.target()[t]);
        expected++;
      }
    }
    assertThat(rows.steps()).hasSize(expected).isNotEmpty();
    assertThat(rows.vectors().length).isEqualTo(recording.evaluations());
  }

  /**
   * Where the agent's own forecasts were recorded, a step is a target when the last-value labels or
   * the agent's labels (as evaluate builds them) have an event within the lookahead: an agent that
   * is badly wrong for a stretch the last value handles makes targets there.
   */
  @Test
  void theTargetIsAnErrorEventOfTheLastValueOrOfTheAgentsForecasts() {
    LabelledSeries series = SyntheticFeeds.feed(SyntheticFeeds.Change.VARIANCE, 1600, 5);
    EvaluationProfile profile = EvaluationProfile.forLength(series.length(), 8, false);
    int horizon = 4;
    double[] forecasts = new double[series.length()];
    Arrays.fill(forecasts, Double.NaN);
    double spread = 0;
    for (int t = 1; t < series.length(); t++) {
      spread = Math.max(spread, Math.abs(series.value(t) - series.value(t - 1)));
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(9);
    for (int t = 0; t + horizon < series.length(); t++) {
      // close to the truth, except for a stretch where the agent misses by far more than any step
      boolean off = t >= 1000 && t < 1100;
      forecasts[t] =
          series.value(t + horizon) + (off ? 20 * spread : 0.01 * spread * random.nextGaussian());
    }
    MonitorRecording recording = recording(series.length(), profile, forecasts, horizon);
    SeriesRows rows = SeriesRows.of(series, profile, recording).orElseThrow();
    assertThat(rows.agentLabels()).isPresent();

    ForecastScore.Targets lastValue = ForecastScore.targets(rows.labels(), profile.judgedFrom());
    ForecastScore.Targets agent =
        ForecastScore.targets(rows.agentLabels().orElseThrow(), profile.judgedFrom());
    int row = 0;
    int fromAgentOnly = 0;
    for (int t = 0; t < series.length(); t++) {
      if (!lastValue.scored()[t] || t < recording.lastIndex()[0]) {
        continue;
      }
      boolean byAgent = agent.scored()[t] && agent.target()[t];
      assertThat(rows.targets()[row])
          .as("target at %d", t)
          .isEqualTo(lastValue.target()[t] || byAgent);
      if (byAgent && !lastValue.target()[t]) {
        fromAgentOnly++;
      }
      row++;
    }
    assertThat(row).isEqualTo(rows.steps().length);
    assertThat(fromAgentOnly).as("targets only the agent's errors make").isPositive();
  }

  @Test
  void syntheticFeedsAreDeterministicAndCoverEveryKindOfChange() {
    var feeds = SyntheticFeeds.generate(16, 3);
    var again = SyntheticFeeds.generate(16, 3);
    for (int i = 0; i < feeds.size(); i++) {
      assertThat(again.get(i).values()).containsExactly(feeds.get(i).values());
    }
    Set<String> kinds = feeds.stream().map(f -> f.name().split("-")[0]).collect(Collectors.toSet());
    assertThat(kinds).hasSize(SyntheticFeeds.Change.values().length);
  }

  /** A flat line is flat: the value repeats for the whole stretch the change covers. */
  @Test
  void aFlatLineChangeRepeatsItsValue() {
    LabelledSeries series = SyntheticFeeds.feed(SyntheticFeeds.Change.FLAT_LINE, 2000, 11);
    int longest = 0;
    int run = 0;
    for (int t = 1; t < series.length(); t++) {
      run = series.value(t) == series.value(t - 1) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    assertThat(longest).isGreaterThanOrEqualTo(19);
  }
}
