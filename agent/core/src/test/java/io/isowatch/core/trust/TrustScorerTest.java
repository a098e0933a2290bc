package io.isowatch.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.risk.LinearRiskModel;
import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.risk.SignalVector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustScorerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final double ALPHA = 0.1;

  /** A model with weights drawn at random: the scorer must not care what the risk means. */
  private static LinearRiskModel randomModel(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = RiskFeatures.count();
    double[] mean = new double[n];
    double[] scale = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = random.nextGaussian();
      scale[i] = 0.5 + random.nextDouble();
      weight[i] = random.nextGaussian();
    }
    return new LinearRiskModel("test", mean, scale, weight, -2);
  }

  /** Stationary features: each drawn afresh, the same distribution throughout. */
  private static SignalVector draw(SplittableRandom random, double shift) {
    double[] x = new double[RiskFeatures.count()];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian() + shift;
    }
    return new SignalVector(x);
  }

  private static TrustSettings settings(int history) {
    return TrustSettings.forFalseAlarmRate(ALPHA).withCalibration(Math.min(history, 9), history);
  }

  /**
   * One reading per independent feed, after a random number of evaluations past a full history: the
   * count of breaches is Binomial(feeds, alpha) if the p-value is exactly uniform. 4.5 standard
   * deviations either side: a correct scorer fails this with probability below 1e-5.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 64, 256})
  void onStationaryFeedsTheBreachRateIsAlphaAtEveryHistorySize(int history) {
    TrustSettings settings = settings(history);
    LinearRiskModel model = randomModel(history);
    SplittableRandom random = new SplittableRandom(1000 + history);
    int feeds = 2000;
    int breaches = 0;
    int belowHalf = 0;
    for (int f = 0; f < feeds; f++) {
      TrustScorer scorer = new TrustScorer(settings, model);
      int evaluations = history + settings.delay() + random.nextInt(20);
      TrustReading last = null;
      for (int k = 0; k <= evaluations; k++) {
        last = scorer.evaluate(draw(random, 0));
      }
      assertThat(last.ready()).isTrue();
      breaches += last.trust() <= ALPHA ? 1 : 0;
      belowHalf += last.trust() <= 0.5 ? 1 : 0;
    }
    assertThat(breaches).isBetween(bound(feeds, ALPHA, -4.5), bound(feeds, ALPHA, 4.5));
    assertThat(belowHalf).isBetween(bound(feeds, 0.5, -4.5), bound(feeds, 0.5, 4.5));
  }

  /**
   * The change statistic's p-value is uniform on an unchanged feed at every history size, as the
   * risk's is, so the {@code value-change} rule breaches alpha with probability alpha; and it is
   * its own: the trust score is the risk's p-value alone.
   */
  @ParameterizedTest
  @ValueSource(ints = {16, 64, 256})
  void theChangeStatisticsPValueBreachesAtRateAlphaAtEveryHistorySize(int history) {
    TrustSettings settings = settings(history);
    LinearRiskModel model = randomModel(history + 1);
    SplittableRandom random = new SplittableRandom(2000 + history);
    int feeds = 2000;
    int breaches = 0;
    for (int f = 0; f < feeds; f++) {
      TrustScorer scorer = new TrustScorer(settings, model);
      TrustScorer riskOnly = new TrustScorer(settings, model);
      int evaluations = history + settings.delay() + random.nextInt(20);
      TrustReading last = null;
      TrustReading risk = null;
      for (int k = 0; k <= evaluations; k++) {
        SignalVector x = draw(random, 0);
        last = scorer.evaluate(x, Math.abs(random.nextGaussian()));
        risk = riskOnly.evaluate(x);
      }
      assertThat(last.trust()).isEqualTo(risk.trust());
      breaches += last.change().orElseThrow().pValue() <= ALPHA ? 1 : 0;
    }
    assertThat(breaches).isBetween(bound(feeds, ALPHA, -4.5), bound(feeds, ALPHA, 4.5));
  }

  /**
   * A jump in the raw values alone (the risk model here ignores every feature) opens one {@code
   * value-change} alert at the jump that says the values left their range and names the change
   * statistic, and resolves saying they are back; the forecast-trust rule stays out of it.
   */
  @Test
  void aJumpInTheValuesAloneOpensAValueChangeAlertThatSaysTheValuesLeftTheirRange() {
    TrustSettings settings = TrustSettings.defaults();
    TrustScorer scorer = new TrustScorer(settings, RiskModel.constant());
    TrustPolicy policy = new TrustPolicy("cpu", settings, Clock.systemUTC());
    SplittableRandom random = new SplittableRandom(12);
    List<Alert> alerts = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      double peak = k >= 200 && k < 206 ? 30 : Math.abs(random.nextGaussian());
      Instant at = T0.plus(Duration.ofMinutes(k));
      alerts.addAll(
          policy.judge(at, at, scorer.evaluate(draw(random, 0), peak), Optional.empty(), 0));
    }
    Instant change = T0.plus(Duration.ofMinutes(200));
    Instant settled = T0.plus(Duration.ofMinutes(230));
    List<Alert> atChange =
        alerts.stream()
            .filter(a -> a.rule().equals(TrustPolicy.VALUE_CHANGE))
            .filter(a -> !a.from().isBefore(change) && a.from().isBefore(settled))
            .toList();
    Alert firing = atChange.get(0);
    assertThat(firing.state()).isEqualTo(AlertState.FIRING);
    assertThat(firing.from()).isEqualTo(change);
    assertThat(firing.summary()).contains("left their usual range").contains("peak |z| 30.0");
    assertThat(firing.evidence().get(0).signal()).isEqualTo(TrustPolicy.VALUE_CHANGE_SIGNAL);
    Alert resolved =
        atChange.stream().filter(a -> a.state() == AlertState.RESOLVED).findFirst().orElseThrow();
    assertThat(resolved.id()).isEqualTo(firing.id());
    assertThat(resolved.summary()).contains("back within their usual range");
    assertThat(
            alerts.stream()
                .filter(a -> a.rule().equals(TrustPolicy.FORECAST_TRUST))
                .filter(a -> !a.from().isBefore(change) && a.from().isBefore(settled)))
        .isEmpty();
  }

  private static int bound(int n, double p, double sigmas) {
    return (int) Math.round(n * p + sigmas * Math.sqrt(n * p * (1 - p)));
  }

  /**
   * Equal risks (a model that ignores every feature) are the worst case for ties; the randomized
   * p-value is still uniform, where the plain one would be 1 at every evaluation.
   */
  @Test
  void tiesAreBrokenAtRandomSoAConstantRiskStillBreachesAtRateAlpha() {
    TrustScorer scorer = new TrustScorer(settings(64), RiskModel.constant());
    SplittableRandom random = new SplittableRandom(5);
    int judged = 0;
    int breaches = 0;
    for (int k = 0; k < 6000; k++) {
      TrustReading reading = scorer.evaluate(draw(random, 0));
      if (reading.ready()) {
        judged++;
        breaches += reading.trust() <= ALPHA ? 1 : 0;
      }
    }
    // with every risk equal, the p-value is U itself: i.i.d. uniform, so a plain binomial bound
    assertThat(breaches).isBetween(bound(judged, ALPHA, -4.5), bound(judged, ALPHA, 4.5));
  }

  @Test
  void theRandomizedPValueCountsHigherValuesAndSharesTies() {
    ConformalHistory history = new ConformalHistory(8, 0);
    for (double v : new double[] {1, 2, 2, 3}) {
      history.add(v);
    }
    // above 2: one (3); equal: two; (1 + u (2 + 1)) / 5
    assertThat(history.randomizedPValue(2, 0.5)).isCloseTo((1 + 0.5 * 3) / 5, within(1e-12));
    assertThat(history.randomizedPValue(2, 1)).isCloseTo(4.0 / 5, within(1e-12));
    assertThat(history.randomizedPValue(4, 1)).isCloseTo(1.0 / 5, within(1e-12));
    assertThat(history.randomizedPValue(0, 0.25)).isCloseTo((4 + 0.25) / 5, within(1e-12));
  }

  /** Spearman's rho of the trust score with time on one stationary feed of 5000 evaluations. */
  @Test
  void theScoreDoesNotFollowTime() {
    TrustScorer scorer = new TrustScorer(settings(256), randomModel(9));
    SplittableRandom random = new SplittableRandom(9);
    List<Double> trusts = new ArrayList<>();
    for (int k = 0; k < 5000; k++) {
      TrustReading reading = scorer.evaluate(draw(random, 0));
      if (reading.ready()) {
        trusts.add(reading.trust());
      }
    }
    double rho = spearmanWithIndex(trusts);
    // under no trend rho has standard deviation ~ 1 / sqrt(n - 1); neighbouring p-values share
    // most of their history, so allow 5 of them
    assertThat(Math.abs(rho)).isLessThan(5 / Math.sqrt(trusts.size() - 1));
  }

  static double spearmanWithIndex(List<Double> values) {
    int n = values.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values.get(a), values.get(b)));
    double[] rank = new double[n];
    for (int r = 0; r < n; r++) {
      rank[order[r]] = r;
    }
    double mean = (n - 1) / 2.0;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - mean) * (rank[i] - mean);
      sxx += (i - mean) * (i - mean);
    }
    return sxy / sxx;
  }

  @Test
  void aRiskAboveEveryPastOneScoresAtMostOneOverTheHistoryPlusOne() {
    TrustSettings settings = settings(64);
    LinearRiskModel model = randomModel(3);
    TrustScorer scorer = new TrustScorer(settings, model);
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < 200; k++) {
      scorer.evaluate(draw(random, 0));
    }
    // push every feature 50 sd in the direction of its weight: the risk exceeds all past ones
    double[] x = new double[RiskFeatures.count()];
    for (int i = 0; i < x.length; i++) {
      x[i] = model.mean(i) + Math.signum(model.weight(i)) * 50 * model.scale(i);
    }
    for (int k = 0; k < settings.delay(); k++) {
      TrustReading reading = scorer.evaluate(new SignalVector(x));
      assertThat(reading.trust()).isLessThanOrEqualTo(1.0 / (64 + 1));
      assertThat(reading.risk()).isCloseTo(model.risk(new SignalVector(x)), within(1e-12));
    }
  }

  @Test
  void aRestoredScorerContinuesIdentically() {
    TrustSettings settings = settings(64);
    LinearRiskModel model = randomModel(4);
    TrustScorer scorer = new TrustScorer(settings, model);
    SplittableRandom random = new SplittableRandom(4);
    for (int k = 0; k < 100; k++) {
      scorer.evaluate(draw(random, 0), Math.abs(random.nextGaussian()));
    }
    TrustScorer copy = TrustScorer.restore(scorer.snapshot(), settings, model);
    for (int k = 0; k < 100; k++) {
      SignalVector x = draw(random, 0);
      double peak = Math.abs(random.nextGaussian());
      TrustReading a = scorer.evaluate(x, peak);
      TrustReading b = copy.evaluate(x, peak);
      assertThat(b.change()).isEqualTo(a.change()).isPresent();
      assertThat(b.trust()).isEqualTo(a.trust());
      assertThat(b.risk()).isEqualTo(a.risk());
    }
    assertThat(copy.evaluationsUntilReady()).isEqualTo(scorer.evaluationsUntilReady()).isZero();
  }

  @Test
  void evidenceIsEachFeaturesContributionLargestPushFirstAndSumsToTheRisk() {
    LinearRiskModel model = randomModel(6);
    TrustScorer scorer = new TrustScorer(settings(16), model);
    SignalVector x = draw(new SplittableRandom(6), 0);
    TrustReading reading = scorer.evaluate(x);
    double sum = model.intercept();
    for (SignalScore score : reading.signals()) {
      int i = RiskFeatures.index(score.signal());
      double expected = model.weight(i) * (x.get(i) - model.mean(i)) / model.scale(i);
      assertThat(score.contribution()).isCloseTo(expected, within(1e-12));
      sum += score.contribution();
    }
    assertThat(sum).isCloseTo(reading.risk(), within(1e-9));
    for (int k = 1; k < reading.signals().size(); k++) {
      assertThat(reading.signals().get(k).contribution())
          .isLessThanOrEqualTo(reading.signals().get(k - 1).contribution());
    }
  }

  @Test
  void oneChangeGivesOneAlertThatNamesItsFeaturesAndResolvesWithTheSameIdSayingWhy() {
    TrustSettings settings = TrustSettings.defaults();
    LinearRiskModel model = randomModel(8);
    TrustScorer scorer = new TrustScorer(settings, model);
    TrustPolicy policy = new TrustPolicy("cpu", settings, Clock.systemUTC());
    SplittableRandom random = new SplittableRandom(8);
    int top = 0;
    for (int i = 1; i < RiskFeatures.count(); i++) {
      top = Math.abs(model.weight(i)) > Math.abs(model.weight(top)) ? i : top;
    }
    List<Alert> alerts = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      double[] x = draw(random, 0).values();
      if (k >= 200 && k < 206) {
        x[top] += Math.signum(model.weight(top)) * 40 * model.scale(top);
      }
      Instant at = T0.plus(Duration.ofMinutes(k));
      alerts.addAll(
          policy.judge(at, at, scorer.evaluate(new SignalVector(x)), Optional.empty(), 0));
    }
    Instant change = T0.plus(Duration.ofMinutes(200));
    Instant settled = T0.plus(Duration.ofMinutes(230));
    List<Alert> afterChange =
        alerts.stream()
            .filter(a -> !a.from().isBefore(change) && a.from().isBefore(settled))
            .toList();
    Alert firing = afterChange.get(0);
    assertThat(firing.state()).isEqualTo(AlertState.FIRING);
    assertThat(firing.from()).isEqualTo(change);
    String name = RiskFeatures.names().get(top);
    assertThat(firing.evidence().get(0).signal()).isEqualTo(name);
    // the evidence carries the feature's push in log-odds, as the summary prints it
    double push = firing.evidence().get(0).contribution();
    assertThat(push).isPositive();
    assertThat(firing.summary()).contains(String.format(Locale.ROOT, "%s %+.2f", name, push));
    assertThat(firing.summary()).contains("pushed by " + name + " +");
    Alert resolved =
        afterChange.stream()
            .filter(a -> a.state() == AlertState.RESOLVED)
            .findFirst()
            .orElseThrow();
    assertThat(resolved.id()).isEqualTo(firing.id());
    assertThat(resolved.summary()).contains("no longer unusual").doesNotContain("<=");
    // one change, one alert: nothing else opened for it
    assertThat(afterChange.stream().filter(a -> a.state() == AlertState.FIRING).map(Alert::id))
        .containsOnly(firing.id());
  }

  /**
   * Alerts opened on an unchanged feed whose features are strongly autocorrelated (AR(1), phi 0.9,
   * as rolling features are), so neighbouring p-values are too: the mean number of alerts per
   * evaluation stays under alpha / confirm, the bound the settings state per 1,000 observations.
   */
  @Test
  void anUnchangedFeedOpensAtMostAlphaOverConfirmAlertsPerEvaluation() {
    TrustSettings settings = TrustSettings.forFalseAlarmRate(ALPHA);
    LinearRiskModel model = randomModel(11);
    SplittableRandom random = new SplittableRandom(11);
    int feeds = 40;
    int evaluations = 2000;
    long opened = 0;
    long judged = 0;
    for (int f = 0; f < feeds; f++) {
      TrustScorer scorer = new TrustScorer(settings, model);
      TrustPolicy policy = new TrustPolicy("f" + f, settings, Clock.systemUTC());
      double[] state = new double[RiskFeatures.count()];
      for (int k = 0; k < evaluations; k++) {
        for (int i = 0; i < state.length; i++) {
          state[i] = 0.9 * state[i] + Math.sqrt(1 - 0.81) * random.nextGaussian();
        }
        TrustReading reading = scorer.evaluate(new SignalVector(state));
        judged += reading.ready() ? 1 : 0;
        Instant at = T0.plus(Duration.ofMinutes(k));
        opened +=
            policy.judge(at, at, reading, Optional.empty(), 0).stream()
                .filter(a -> a.state() == AlertState.FIRING)
                .count();
      }
    }
    double perEvaluation = opened / (double) judged;
    assertThat(perEvaluation).isLessThanOrEqualTo(ALPHA / settings.confirm());
    // and the settings' figure is that bound, per 1,000 values at 32 values an evaluation
    assertThat(settings.falseAlarmsPerThousandAtMost(32))
        .isCloseTo(ALPHA / settings.confirm() * 1000 / 32, within(1e-12));
  }
}
