package io.isowatch.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.realized.ForecastOrigin;
import io.isowatch.core.realized.RealizedError;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrustPolicyCodecTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final TrustSettings SETTINGS =
      TrustSettings.forFalseAlarmRate(0.1).withCalibration(9, 32);

  /**
   * Evaluations in the seeded state: a gap, a run of low trust, a run of value changes, then rising
   * errors; the snapshot is taken while the realized-error alert is open. The continuation resolves
   * it and opens another trust alert.
   */
  private static final int SEEDED = 57;

  /** One evaluation at minute {@code k}; {@code withChange} false is the input a v1 feed saw. */
  private static List<Alert> judge(
      TrustPolicy policy, SplittableRandom random, int k, boolean withChange) {
    boolean low = k >= 30 && k < 36 || k >= 70 && k < 76;
    double trust = low ? 0.01 : 0.2 + 0.8 * random.nextDouble();
    Optional<ValueChange> change =
        withChange
            ? Optional.of(new ValueChange(3, k >= 40 && k < 45 ? 0.02 : random.nextDouble()))
            : Optional.empty();
    // risk 1 log-odds (P = 0.73): a low trust score is a breach
    TrustReading reading = new TrustReading(trust, 1, change, true, true, List.of());
    double mase = (k >= 52 && k < 62 ? 6 : 1) + 0.3 * random.nextDouble();
    RealizedError error = new RealizedError(ForecastOrigin.AGENT, 1, mase, 0.9, 8, k, 0);
    Instant to = T0.plus(Duration.ofMinutes(k));
    return policy.judge(to.minusSeconds(60), to, reading, Optional.of(error), k == 20 ? 2 : 0);
  }

  private static TrustPolicy seeded(boolean withChange) {
    TrustPolicy policy = new TrustPolicy("cpu", SETTINGS, CLOCK);
    SplittableRandom random = new SplittableRandom(61);
    for (int k = 0; k < SEEDED; k++) {
      judge(policy, random, k, withChange);
    }
    return policy;
  }

  /** The alerts of the next 40 evaluations, the same continuation for every policy. */
  private static List<Alert> continuation(TrustPolicy policy, boolean withChange) {
    SplittableRandom random = new SplittableRandom(67);
    List<Alert> alerts = new ArrayList<>();
    for (int k = SEEDED; k < SEEDED + 40; k++) {
      alerts.addAll(judge(policy, random, k, withChange));
    }
    return alerts;
  }

  /**
   * Version 1's layout, as the release before the value-change rule wrote it: the same pieces
   * without the change alarm. {@code AlarmLifecycle} and {@code ConformalHistory} have written the
   * same bytes since, so their writers compose it faithfully.
   */
  private static byte[] version1(TrustPolicy policy) {
    SnapshotWriter out = SnapshotWriter.start("trust-policy", 1);
    ConformalHistoryCodec.write(out, policy.errors);
    AlarmLifecycleCodec.write(out, policy.trustAlarm);
    AlarmLifecycleCodec.write(out, policy.errorAlarm);
    AlarmLifecycleCodec.write(out, policy.qualityAlarm);
    return out.toByteArray();
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        TrustPolicyCodec.KIND, TrustPolicyCodec.VERSION, TrustPolicyCodec.write(seeded(true)));
  }

  @Test
  void version2ContinuesLikeAFreshPolicyFedTheSameInput() {
    TrustPolicy restored =
        TrustPolicyCodec.read(SnapshotFixtures.load("trust-policy", 2), "cpu", SETTINGS, CLOCK);
    TrustPolicy fresh = seeded(true);
    assertThat(restored.errorAlarm.isOpen()).isTrue();

    List<Alert> expected = continuation(fresh, true);
    // the open realized-error alert resolves (under the id it was opened with) and trust fires
    assertThat(expected)
        .extracting(Alert::rule)
        .contains(TrustPolicy.REALIZED_ERROR, TrustPolicy.FORECAST_TRUST);
    assertThat(continuation(restored, true)).isEqualTo(expected);
  }

  @Test
  void theVersion1FixtureIsThatLayoutOfTheSeededState() {
    SnapshotFixtures.assertStored("trust-policy", 1, version1(seeded(false)));
  }

  @Test
  void version1ContinuesLikeAFreshPolicyThatNeverSawAValueChange() {
    TrustPolicy restored =
        TrustPolicyCodec.read(SnapshotFixtures.load("trust-policy", 1), "cpu", SETTINGS, CLOCK);
    TrustPolicy fresh = seeded(false);

    List<Alert> expected = continuation(fresh, false);
    assertThat(expected)
        .extracting(Alert::rule)
        .contains(TrustPolicy.REALIZED_ERROR, TrustPolicy.FORECAST_TRUST);
    assertThat(continuation(restored, false)).isEqualTo(expected);
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                TrustPolicyCodec.read(
                    SnapshotFixtures.header("trust-policy", 3), "cpu", SETTINGS, CLOCK))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'trust-policy' snapshot has format version 3, this build reads versions 1 to 2: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                TrustPolicyCodec.read(
                    SnapshotFixtures.header("trust-scorer", 3), "cpu", SETTINGS, CLOCK))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'trust-scorer' state, expected 'trust-policy': "
                + SnapshotAdvice.MISMATCH);
  }
}
