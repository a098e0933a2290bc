package io.isowatch.evaluation.sanity;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.evaluation.EvaluationProfile;
import io.isowatch.evaluation.data.LabelledSeries;
import io.isowatch.evaluation.data.Truth;
import io.isowatch.evaluation.detect.Trace;
import io.isowatch.evaluation.isowatch.MonitorRecording;
import io.isowatch.evaluation.label.ForecastLabels;
import io.isowatch.evaluation.label.Forecasts;
import io.isowatch.evaluation.label.LabelRule;
import io.isowatch.evaluation.metric.RulerCheck;
import io.isowatch.evaluation.score.ForecastScore;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SanityDetectorsTest {
  private static final EvaluationProfile PROFILE = EvaluationProfile.large(8);

  private static LabelledSeries randomWalk(int length, long seed) {
    Random random = new Random(seed);
    double[] values = new double[length];
    Instant[] times = new Instant[length];
    for (int i = 0; i < length; i++) {
      values[i] = (i == 0 ? 0 : values[i - 1]) + random.nextGaussian();
      times[i] = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * i);
    }
    return new LabelledSeries("test", "walk-" + seed, values, times, new Truth.ForecastError(), 0);
  }

  /**
   * A recording like the monitor's at stride 8: trust is NaN for the first {@code blank}
   * evaluations, then present; ready from evaluation {@code readyFrom}.
   */
  private static MonitorRecording recording(int length, int blank, int readyFrom) {
    int count = (length - 64) / 8 + 1;
    int[] first = new int[count];
    int[] last = new int[count];
    double[][] signals = new double[count][MonitorSignal.values().length];
    boolean[] ready = new boolean[count];
    for (int k = 0; k < count; k++) {
      first[k] = 8 * k;
      last[k] = first[k] + 63;
      Arrays.fill(signals[k], Double.NaN);
      signals[k][MonitorSignal.TRUST_SCORE.ordinal()] = k < blank ? Double.NaN : 0.5;
      ready[k] = k >= readyFrom;
    }
    double[] forecasts = new double[length];
    Arrays.fill(forecasts, Double.NaN);
    return new MonitorRecording(first, last, signals, new boolean[count], ready, forecasts, 1);
  }

  @Test
  void timeScoresAreTheIndexAndNothingCountsBeforeTheJudgedStart() {
    LabelledSeries series = randomWalk(2000, 1);
    Map<String, Trace> traces = SanityDetectors.of(series, PROFILE, null, 7);
    int from = PROFILE.judgedFrom();

    assertThat(traces.keySet()).containsExactlyElementsOf(SanityDetectors.names());
    for (Trace trace : traces.values()) {
      assertThat(Arrays.stream(trace.scores(), 0, from).allMatch(Double::isNaN)).isTrue();
      assertThat(Arrays.stream(trace.alarms()).allMatch(a -> a >= from)).isTrue();
    }
    for (int i = from; i < series.length(); i++) {
      assertThat(traces.get(SanityDetectors.TIME).scores()[i]).isEqualTo(i);
      assertThat(traces.get(SanityDetectors.MINUS_TIME).scores()[i]).isEqualTo(-i);
    }
    // a rising score is always the most extreme of its history: isowatch's policy opens one alert
    // as soon as the history is ready (49 evaluations, before the judged start) and never clears
    // it, so no alarm counts; a falling one never breaches
    assertThat(traces.get(SanityDetectors.TIME).alarms()).isEmpty();
    assertThat(traces.get(SanityDetectors.MINUS_TIME).alarms()).isEmpty();
    assertThat(traces.get(SanityDetectors.NEVER_ALARMS).alarms()).isEmpty();
    assertThat(traces.get(SanityDetectors.ALWAYS_ALARMS).alarms()).hasSize(series.length() - from);
  }

  @Test
  void noiseFollowsIsowatchsScheduleAndReadiness() {
    LabelledSeries series = randomWalk(20_000, 2);
    MonitorRecording notReady = recording(series.length(), 100, Integer.MAX_VALUE);
    MonitorRecording ready = recording(series.length(), 100, 150);

    Trace silent = SanityDetectors.of(series, PROFILE, notReady, 7).get(SanityDetectors.NOISE);
    Trace noisy = SanityDetectors.of(series, PROFILE, ready, 7).get(SanityDetectors.NOISE);

    // blank wherever isowatch had no score: before the 100th evaluation (last value 63 + 8 * 100)
    int firstScored = 63 + 8 * 100;
    assertThat(Arrays.stream(noisy.scores(), 0, firstScored).allMatch(Double::isNaN)).isTrue();
    assertThat(Arrays.stream(noisy.scores(), firstScored, series.length()))
        .allMatch(s -> s >= 0 && s <= 1);
    // the policy never breaches while the trust is not ready; with 2 confirmations at α = 0.02
    // over ~2,300 ready evaluations about one alert is expected, and the same seed repeats it
    assertThat(silent.alarms()).isEmpty();
    assertThat(noisy.alarms()).isNotEmpty();
    assertThat(Arrays.stream(noisy.alarms()).allMatch(a -> a >= 63 + 8 * 150)).isTrue();
    assertThat(SanityDetectors.of(series, PROFILE, ready, 7).get(SanityDetectors.NOISE).scores())
        .containsExactly(noisy.scores());
  }

  /**
   * The noise row alarms through isowatch's policy at the profile's α. Its trust is uniform, so an
   * evaluation breaches with probability α and, with 2 confirmations, an alert opens about α² an
   * evaluation: under 1 in the ~2,300 ready evaluations here at α = 0.02 (expect 0.9), and at α =
   * 0.2 one every 25 evaluations or so, each then held open until 3 clear evaluations and 8 of
   * cooldown have passed (about 40 evaluations an alert, so 30 to 90 alerts).
   */
  @Test
  void theNoiseRowAlarmsAtTheProfilesFalseAlarmRate() {
    LabelledSeries series = randomWalk(20_000, 3);
    MonitorRecording ready = recording(series.length(), 100, 150);

    int atDefault =
        SanityDetectors.of(series, PROFILE, ready, 7).get(SanityDetectors.NOISE).alarms().length;
    int atTwenty =
        SanityDetectors.of(
                series, PROFILE.withTrust(TrustSettings.forFalseAlarmRate(0.2)), ready, 7)
            .get(SanityDetectors.NOISE)
            .alarms()
            .length;

    assertThat(PROFILE.trust()).isEqualTo(TrustSettings.defaults());
    assertThat(atDefault).isLessThanOrEqualTo(4);
    assertThat(atTwenty).isBetween(30, 90);
  }

  @Test
  void onStationaryWalksEverySanityRowIsAtChanceAndTheRulerPassesThem() {
    int seeds = 12;
    Map<String, double[]> aurocs = new java.util.LinkedHashMap<>();
    SanityDetectors.names().forEach(name -> aurocs.put(name, new double[seeds]));
    for (int seed = 0; seed < seeds; seed++) {
      LabelledSeries series = randomWalk(6000, 10 + seed);
      ForecastLabels labels =
          ForecastLabels.of(
              series.values(), Forecasts.lastValue(series.values(), 8), LabelRule.DEFAULT);
      Map<String, Trace> traces =
          SanityDetectors.of(series, PROFILE, recording(series.length(), 80, 130), seed);
      for (Map.Entry<String, Trace> entry : traces.entrySet()) {
        aurocs.get(entry.getKey())[seed] =
            ForecastScore.of(entry.getValue().scores(), labels, PROFILE.judgedFrom(), 0.05).auroc();
      }
    }
    Map<String, Map<String, Double>> table = new java.util.LinkedHashMap<>();
    aurocs.forEach(
        (name, values) ->
            table.put(
                name, Map.of("auroc:last_value", Arrays.stream(values).average().orElseThrow())));
    table.put("real", Map.of("auroc:last_value", 0.7));

    assertThat(RulerCheck.broken(table, SanityDetectors.names())).isEmpty();
  }

  @Test
  void aLabelThatFollowsTimeIsCaughtByTheTimeRows() {
    // events only in the first third: what an expanding threshold gives after a calm start
    LabelledSeries series = randomWalk(3000, 3);
    int n = series.length();
    double[] error = new double[n];
    boolean[] event = new boolean[n];
    boolean[] judged = new boolean[n];
    Random random = new Random(4);
    for (int t = 600; t < n - 8; t++) {
      error[t] = 1;
      judged[t] = true;
      event[t] = t < 1200 ? random.nextDouble() < 0.2 : random.nextDouble() < 0.01;
    }
    ForecastLabels frontLoaded = new ForecastLabels("front", 8, 8, error, event, judged);
    Map<String, Trace> traces = SanityDetectors.of(series, PROFILE, null, 1);
    double minusTime =
        ForecastScore.of(
                traces.get(SanityDetectors.MINUS_TIME).scores(),
                frontLoaded,
                PROFILE.judgedFrom(),
                0.05)
            .auroc();

    assertThat(minusTime).isGreaterThan(RulerCheck.CHANCE_HIGH);
    assertThat(
            RulerCheck.broken(
                Map.of(
                    SanityDetectors.MINUS_TIME,
                    Map.of("auroc:front", minusTime),
                    "real",
                    Map.of("auroc:front", 0.9)),
                SanityDetectors.names()))
        .containsKey("auroc:front");
  }
}
