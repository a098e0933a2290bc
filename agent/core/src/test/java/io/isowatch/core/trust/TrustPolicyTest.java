package io.isowatch.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The forecast-trust rule: a low trust score alerts only when unreliable is the likelier side. */
class TrustPolicyTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final TrustSettings SETTINGS = TrustSettings.defaults();

  /** Log-odds of a probability. */
  private static double logOdds(double p) {
    return Math.log(p / (1 - p));
  }

  /** Forecast-trust alerts over 40 evaluations, trust at alpha / 2 in evaluations 10..19. */
  private static List<Alert> run(double riskWhileLow, double riskAfter) {
    TrustPolicy policy = new TrustPolicy("cpu", SETTINGS, Clock.fixed(T0, ZoneOffset.UTC));
    List<Alert> alerts = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      boolean low = k >= 10 && k < 20;
      double trust = low ? SETTINGS.falseAlarmRate() / 2 : 0.5;
      double risk = low ? riskWhileLow : k < 10 ? logOdds(0.2) : riskAfter;
      Instant at = T0.plus(Duration.ofMinutes(k));
      TrustReading reading = new TrustReading(trust, risk, Optional.empty(), true, true, List.of());
      policy.judge(at, at, reading, Optional.empty(), 0).stream()
          .filter(a -> a.rule().equals(TrustPolicy.FORECAST_TRUST))
          .forEach(alerts::add);
    }
    return alerts;
  }

  @Test
  void aLowTrustScoreAlertsWhenUnreliableForecastsAreMoreLikelyThanNot() {
    double likely = logOdds(TrustPolicy.MIN_RISK_PROBABILITY + 0.01);

    List<Alert> alerts = run(likely, logOdds(0.2));

    assertThat(alerts)
        .extracting(Alert::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(alerts.get(0).from()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(alerts.get(0).summary()).contains("P(unreliable) 0.51 >= 0.50");
    assertThat(alerts.get(1).summary()).contains("no longer unusual for this feed (trust 0.5000 >");
  }

  @Test
  void aLowTrustScoreOfAnUnlikelyRiskStaysSilent() {
    // unusual for this feed, but the model still says reliable is the likelier side
    assertThat(run(logOdds(TrustPolicy.MIN_RISK_PROBABILITY - 0.01), logOdds(0.2))).isEmpty();
  }

  @Test
  void aResolveWhileTrustStaysLowSaysTheRiskFellBelowEvenOdds() {
    TrustPolicy policy = new TrustPolicy("cpu", SETTINGS, Clock.fixed(T0, ZoneOffset.UTC));
    List<Alert> alerts = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      double risk = k < 10 ? logOdds(0.8) : logOdds(0.3);
      Instant at = T0.plus(Duration.ofMinutes(k));
      TrustReading reading =
          new TrustReading(
              SETTINGS.falseAlarmRate() / 2, risk, Optional.empty(), true, true, List.of());
      alerts.addAll(policy.judge(at, at, reading, Optional.empty(), 0));
    }

    assertThat(alerts)
        .extracting(Alert::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(alerts.get(1).summary())
        .contains("no longer more likely than not (P(unreliable) 0.30 < 0.50)");
  }
}
