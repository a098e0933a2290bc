package io.isowatch.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.realized.ForecastOrigin;
import io.isowatch.core.realized.ForecastOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrustScorerTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static Instant at(int evaluation) {
    return T0.plus(Duration.ofMinutes(evaluation));
  }

  private static ForecastOutcome outcome(int evaluation, double scaledError) {
    return new ForecastOutcome(
        ForecastOrigin.AGENT,
        at(evaluation),
        at(evaluation).plusSeconds(30),
        0,
        Double.NaN,
        Double.NaN,
        0,
        scaledError,
        Optional.empty(),
        true);
  }

  /** A feed whose signals and errors are drawn from one distribution throughout. */
  private static final class StationaryFeed {
    final SplittableRandom random;
    final boolean predictive;

    StationaryFeed(long seed, boolean predictive) {
      this.random = new SplittableRandom(seed);
      this.predictive = predictive;
    }

    Map<String, Double> signals(double shift) {
      Map<String, Double> signals = new LinkedHashMap<>();
      signals.put("a", random.nextGaussian() + shift);
      signals.put("b", 3 + 0.5 * random.nextGaussian());
      signals.put("c", random.nextGaussian());
      return signals;
    }

    double error(Map<String, Double> signals) {
      double noise = Math.abs(random.nextGaussian());
      return predictive ? Math.exp(0.8 * signals.get("a")) * (0.5 + 0.5 * noise) : 1 + noise;
    }
  }

  private static double breachRate(TrustSettings settings, StationaryFeed feed, int evaluations) {
    TrustScorer scorer = new TrustScorer(settings);
    int ready = 0;
    int breaches = 0;
    for (int i = 0; i < evaluations; i++) {
      Map<String, Double> signals = feed.signals(0);
      TrustReading reading = scorer.evaluate(at(i), signals);
      if (reading.ready()) {
        ready++;
        if (reading.trust() <= settings.falseAlarmRate()) {
          breaches++;
        }
      }
      double error = feed.error(signals);
      for (int k = 0; k < settings.errorLag(); k++) {
        scorer.onOutcome(outcome(i, error));
      }
    }
    return (double) breaches / ready;
  }

  @Test
  void onAStationaryFeedTheBreachRateIsTheConfiguredFalseAlarmRate() {
    for (double alpha : new double[] {0.05, 0.02}) {
      TrustSettings settings = TrustSettings.defaults().withFalseAlarmRate(alpha);
      double uncalibrated = breachRate(settings, new StationaryFeed(1, false), 4000);
      double calibrated = breachRate(settings, new StationaryFeed(2, true), 4000);
      // binomial sd at n = 4000 is under 0.0035; rolling-history dependence widens it somewhat
      assertThat(uncalibrated)
          .as("uncalibrated, alpha %s", alpha)
          .isCloseTo(alpha, within(0.4 * alpha));
      assertThat(calibrated)
          .as("calibrated, alpha %s", alpha)
          .isCloseTo(alpha, within(0.4 * alpha));
    }
  }

  @Test
  void learnsEachSignalsDirectionFromTheErrorsThatFollowed() {
    TrustSettings settings = TrustSettings.defaults();
    TrustScorer scorer = new TrustScorer(settings);
    SplittableRandom random = new SplittableRandom(4);
    TrustReading last = null;
    for (int i = 0; i < 400; i++) {
      double up = random.nextGaussian();
      double down = random.nextGaussian();
      double noise = random.nextGaussian();
      Map<String, Double> signals = new LinkedHashMap<>();
      signals.put("up", up);
      signals.put("down", down);
      signals.put("noise", noise);
      last = scorer.evaluate(at(i), signals);
      double error = Math.exp(up - down + 0.3 * random.nextGaussian());
      for (int k = 0; k < settings.errorLag(); k++) {
        scorer.onOutcome(outcome(i, error));
      }
    }
    Map<String, Double> rho = scorer.predictiveness();
    assertThat(rho.get("up")).isGreaterThan(0.4);
    assertThat(rho.get("down")).isLessThan(-0.4);
    assertThat(Math.abs(rho.get("noise"))).isLessThan(0.2);
    assertThat(last.calibrated()).isTrue();
    SignalScore noiseScore =
        last.signals().stream().filter(s -> s.signal().equals("noise")).findFirst().orElseThrow();
    SignalScore upScore =
        last.signals().stream().filter(s -> s.signal().equals("up")).findFirst().orElseThrow();
    assertThat(upScore.weight()).isGreaterThan(noiseScore.weight());

    // a fall of "down" is what raises the risk, since it predicted larger errors
    Map<String, Double> falling = new LinkedHashMap<>();
    falling.put("up", 0.0);
    falling.put("down", -4.0);
    falling.put("noise", 0.0);
    Map<String, Double> rising = new LinkedHashMap<>(falling);
    rising.put("down", 4.0);
    TrustScorer copy = TrustScorer.restore(scorer.snapshot(), settings);
    assertThat(scorer.evaluate(at(400), falling).trust()).isLessThan(0.05);
    assertThat(copy.evaluate(at(400), rising).trust()).isGreaterThan(0.5);
  }

  @Test
  void thePolicyFiresSoonAfterAnInjectedChangeAndRarelyBefore() {
    TrustSettings settings = TrustSettings.defaults();
    int detected = 0;
    int falseAlarms = 0;
    for (long seed = 1; seed <= 5; seed++) {
      StationaryFeed feed = new StationaryFeed(seed, true);
      TrustScorer scorer = new TrustScorer(settings);
      TrustPolicy policy = new TrustPolicy("f", settings, Clock.systemUTC());
      int change = 600;
      Integer firstAfter = null;
      for (int i = 0; i < 700; i++) {
        Map<String, Double> signals = feed.signals(i >= change ? 4 : 0);
        TrustReading reading = scorer.evaluate(at(i), signals);
        List<Alert> alerts = policy.judge(at(i), at(i), reading, Optional.empty(), 0);
        for (Alert alert : alerts) {
          if (alert.state() == AlertState.FIRING
              && alert.rule().equals(TrustPolicy.FORECAST_TRUST)) {
            if (i < change) {
              falseAlarms++;
            } else if (firstAfter == null) {
              firstAfter = i;
            }
          }
        }
        double error = feed.error(signals);
        for (int k = 0; k < settings.errorLag(); k++) {
          scorer.onOutcome(outcome(i, error));
        }
      }
      if (firstAfter != null && firstAfter - change <= 3) {
        detected++;
      }
    }
    assertThat(detected).isEqualTo(5);
    // alpha 0.01 per evaluation and 2 confirmations: rare before the change (550 judged each)
    assertThat(falseAlarms).isLessThanOrEqualTo(2);
  }

  @Test
  void alertsCarryTheirEvidenceAndResolveWithTheSameId() {
    TrustSettings settings = TrustSettings.defaults().withConfirm(1);
    TrustScorer scorer = new TrustScorer(settings);
    TrustPolicy policy = new TrustPolicy("cpu", settings, Clock.systemUTC());
    StationaryFeed feed = new StationaryFeed(8, true);
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double shift = i >= 300 && i < 303 ? 6 : 0;
      Map<String, Double> signals = feed.signals(shift);
      alerts.addAll(
          policy.judge(at(i), at(i), scorer.evaluate(at(i), signals), Optional.empty(), 0));
      double error = feed.error(signals);
      for (int k = 0; k < settings.errorLag(); k++) {
        scorer.onOutcome(outcome(i, error));
      }
    }
    Alert firing =
        alerts.stream()
            .filter(a -> a.state() == AlertState.FIRING && !a.from().isBefore(at(300)))
            .findFirst()
            .orElseThrow();
    assertThat(firing.from()).isEqualTo(at(300));
    assertThat(firing.evidence().get(0).signal()).isEqualTo("a");
    assertThat(firing.evidence().get(0).score()).isGreaterThan(3);
    assertThat(firing.evidence().get(0).predictiveness()).isGreaterThan(0.3);
    assertThat(firing.summary()).contains("cpu").contains("trust");
    assertThat(alerts)
        .anySatisfy(
            a -> {
              assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
              assertThat(a.id()).isEqualTo(firing.id());
            });
  }
}
