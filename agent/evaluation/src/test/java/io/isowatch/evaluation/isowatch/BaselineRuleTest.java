package io.isowatch.evaluation.isowatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.alert.SignalEvidence;
import io.isowatch.evaluation.isowatch.BaselineRule.SignalBaseline;
import io.isowatch.evaluation.isowatch.BaselineRule.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineRuleTest {
  private static final String FEED = "cpu";
  private static final String ISO = "window_isoscore";
  private static final String LOGZ = "log_partition_isotropy";
  private static final String CLUSTER = "cluster_avg_cosine";
  private static final String COSINE = "raw_avg_cosine";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-06-01T12:00:00Z"), ZoneOffset.UTC);
  private static final int WARM_UP = 21;

  /** Window i spans 64 one-minute values and starts 8 minutes after window i - 1. */
  private static Instant start(long window) {
    return T0.plus(Duration.ofMinutes(8 * window));
  }

  private static Instant end(long window) {
    return start(window).plus(Duration.ofMinutes(63));
  }

  private static BaselineRule.Builder rule() {
    return BaselineRule.builder().feedId(FEED).warmUp(WARM_UP).clock(CLOCK);
  }

  private static Map<String, Double> signals(Object... nameValuePairs) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      map.put((String) nameValuePairs[i], (Double) nameValuePairs[i + 1]);
    }
    return map;
  }

  /** Feeds a rule window after window, recording the warm-up values of every signal. */
  private static final class Driver {
    final BaselineRule rule;
    final Map<String, List<Double>> warmUpValues = new LinkedHashMap<>();
    long window;

    Driver(BaselineRule rule) {
      this.rule = rule;
    }

    Optional<Alert> send(Map<String, Double> signals) {
      if (rule.status() == Status.WARMING_UP) {
        signals.forEach(
            (name, value) -> {
              List<Double> values = warmUpValues.computeIfAbsent(name, k -> new ArrayList<>());
              if (value != null && Double.isFinite(value)) {
                values.add(value);
              }
            });
      }
      return rule.update(start(window), end(window++), signals);
    }

    /** Seeded noise around fixed levels for the four signals; CLUSTER is NaN every 5th window. */
    void warmUp(long seed) {
      Random random = new Random(seed);
      for (int i = 0; i < WARM_UP; i++) {
        assertThat(
                send(
                    signals(
                        ISO, 0.6 + 0.02 * random.nextGaussian(),
                        LOGZ, -20 + random.nextGaussian(),
                        CLUSTER, i % 5 == 0 ? Double.NaN : 0.1 + 0.01 * random.nextGaussian(),
                        COSINE, 0.7 + 0.01 * random.nextGaussian())))
            .isEmpty();
      }
      assertThat(rule.status()).isEqualTo(Status.QUIET);
    }

    /** The baseline recomputed here from the recorded warm-up values. */
    SignalBaseline expected(String name) {
      List<Double> values = warmUpValues.get(name);
      double median = median(values);
      double mad = median(values.stream().map(v -> Math.abs(v - median)).toList());
      double floor = Math.max(1e-3 * Math.abs(median), 1e-9);
      return new SignalBaseline(median, Math.max(1.4826 * mad, floor), values.size());
    }

    /** The value of {@code name} that lies {@code z} spreads from its baseline. */
    double at(String name, double z) {
      SignalBaseline baseline = expected(name);
      return baseline.median() + z * baseline.spread();
    }

    /** A window with the given robust z for ISO, LOGZ, CLUSTER and COSINE. */
    Optional<Alert> sendZ(double iso, double logz, double cluster, double cosine) {
      return send(
          signals(
              ISO, at(ISO, iso),
              LOGZ, at(LOGZ, logz),
              CLUSTER, at(CLUSTER, cluster),
              COSINE, at(COSINE, cosine)));
    }

    Optional<Alert> sendZ(double z) {
      return sendZ(z, 0, 0, 0);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  @Test
  void baselineIsTheMedianAndScaledMadOfTheFiniteWarmUpValues() {
    for (int warmUp : new int[] {WARM_UP, WARM_UP + 1}) { // odd and even counts
      Driver driver = new Driver(rule().warmUp(warmUp).build());
      Random random = new Random(7);
      for (int i = 0; i < warmUp; i++) {
        assertThat(driver.rule.status()).isEqualTo(Status.WARMING_UP);
        assertThat(driver.rule.baseline(ISO)).isEmpty();
        driver.send(
            signals(
                ISO,
                0.6 + 0.02 * random.nextGaussian() + (i == 3 ? 5.0 : 0.0), // one outlier
                CLUSTER,
                i % 5 == 0 ? Double.NaN : 0.1 + 0.01 * random.nextGaussian()));
      }

      assertThat(driver.rule.status()).isEqualTo(Status.QUIET);
      for (String name : List.of(ISO, CLUSTER)) {
        SignalBaseline actual = driver.rule.baseline(name).orElseThrow();
        SignalBaseline expected = driver.expected(name);
        assertThat(actual.median()).isEqualTo(expected.median());
        assertThat(actual.spread()).isCloseTo(expected.spread(), within(1e-15));
        assertThat(actual.values()).isEqualTo(expected.values());
      }
      assertThat(driver.rule.baseline(CLUSTER).orElseThrow().values())
          .as("NaN values are left out")
          .isEqualTo(warmUp - (warmUp + 4) / 5);
      assertThat(driver.rule.baseline(ISO).orElseThrow().spread())
          .as("the outlier barely moves a robust spread")
          .isLessThan(0.05);
    }
  }

  @Test
  void aStepChangeFiresAfterExactlyConfirmWindowsWithTheStrongestEvidenceFirst() {
    for (int confirm : new int[] {1, 2, 3}) {
      Driver driver = new Driver(rule().confirm(confirm).build());
      driver.warmUp(11);
      for (int i = 0; i < 3; i++) {
        assertThat(driver.sendZ(0.5, -1, 1.5, 0.2)).isEmpty();
      }
      long firstBreach = driver.window;
      for (int i = 1; i < confirm; i++) {
        assertThat(driver.sendZ(-6.2, 4.1, 2.6, 0.3))
            .as("confirm %d, window %d", confirm, i)
            .isEmpty();
      }

      Alert alert = driver.sendZ(-6.2, 4.1, 2.6, 0.3).orElseThrow();

      long confirming = driver.window - 1;
      assertThat(confirming - firstBreach).isEqualTo(confirm - 1);
      assertThat(alert.id()).isEqualTo("cpu/geometry-baseline/1");
      assertThat(alert.feedId()).isEqualTo(FEED);
      assertThat(alert.rule()).isEqualTo("geometry-baseline");
      assertThat(alert.state()).isEqualTo(AlertState.FIRING);
      assertThat(alert.severity()).isEqualTo(Severity.WARNING);
      assertThat(alert.from()).isEqualTo(start(firstBreach));
      assertThat(alert.to()).isEqualTo(end(confirming));
      assertThat(alert.raisedAt()).isEqualTo(CLOCK.instant());
      assertThat(alert.evidence())
          .as("every signal at or above the clear threshold, largest |z| first")
          .extracting(SignalEvidence::signal)
          .containsExactly(ISO, LOGZ, CLUSTER);
      assertThat(alert.evidence().stream().mapToDouble(SignalEvidence::score).toArray())
          .containsExactly(new double[] {-6.2, 4.1, 2.6}, within(1e-9));
      for (SignalEvidence evidence : alert.evidence()) {
        SignalBaseline baseline = driver.expected(evidence.signal());
        assertThat(evidence.baseline()).isEqualTo(baseline.median());
        assertThat(evidence.spread()).isCloseTo(baseline.spread(), within(1e-15));
        assertThat(evidence.value())
            .isCloseTo(driver.at(evidence.signal(), evidence.score()), within(1e-12));
      }
      assertThat(alert.summary())
          .isEqualTo(
              "feed cpu: window_isoscore 6.2 sigma below its warm-up baseline,"
                  + " log_partition_isotropy 4.1 sigma above, cluster_avg_cosine 2.6 sigma above");
      assertThat(alert.suggestedAction())
          .isEqualTo(
              "check feed cpu for a regime change since "
                  + start(firstBreach)
                  + "; forecasts on it may be unreliable");
      assertThat(driver.rule.status()).isEqualTo(Status.FIRING);
      assertThat(driver.sendZ(-6.2, 4.1, 2.6, 0.3)).as("nothing new while it persists").isEmpty();
    }
  }

  @Test
  void aBreachThatDoesNotLastConfirmWindowsRaisesNothing() {
    Driver driver = new Driver(rule().confirm(3).build());
    driver.warmUp(12);

    for (int i = 0; i < 5; i++) {
      assertThat(driver.sendZ(5)).isEmpty();
      assertThat(driver.sendZ(5)).isEmpty();
      assertThat(driver.sendZ(3.9)).isEmpty(); // below the warn threshold: the run restarts
    }
    assertThat(driver.rule.status()).isEqualTo(Status.QUIET);
  }

  @Test
  void theSummaryNamesThreeSignalsAndCountsTheRest() {
    Driver driver = new Driver(rule().confirm(1).build());
    driver.warmUp(13);

    Alert alert = driver.sendZ(5, -4.5, 3.5, 3).orElseThrow();

    assertThat(alert.summary())
        .isEqualTo(
            "feed cpu: window_isoscore 5.0 sigma above its warm-up baseline,"
                + " log_partition_isotropy 4.5 sigma below, cluster_avg_cosine 3.5 sigma above,"
                + " and 1 more");
    assertThat(alert.evidence()).hasSize(4);
  }

  @Test
  void recoveryResolvesAfterClearAfterConsecutiveClearWindows() {
    Driver driver = new Driver(rule().clearAfter(3).build());
    driver.warmUp(14);
    driver.sendZ(6);
    long firstBreach = driver.window - 1;
    Alert firing = driver.sendZ(6).orElseThrow();

    assertThat(driver.sendZ(3)).as("between clear and warn: still open").isEmpty();
    assertThat(driver.sendZ(0.5)).isEmpty();
    assertThat(driver.sendZ(0.5)).isEmpty();
    assertThat(driver.sendZ(-2.6)).as("breaks the clear run").isEmpty();
    assertThat(driver.sendZ(0.5)).isEmpty();
    assertThat(driver.sendZ(-1)).isEmpty();
    Alert resolved = driver.sendZ(2.4).orElseThrow();

    assertThat(resolved.id()).isEqualTo(firing.id());
    assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.severity()).isEqualTo(Severity.WARNING);
    assertThat(resolved.from()).isEqualTo(start(firstBreach));
    assertThat(resolved.to()).isEqualTo(end(driver.window - 1));
    assertThat(resolved.evidence()).isEmpty();
    assertThat(resolved.summary())
        .isEqualTo(
            "feed cpu: every signal back within 2.5 sigma of its warm-up baseline for 3 windows");
    assertThat(resolved.suggestedAction())
        .isEqualTo(
            "none needed now; forecasts on feed cpu made between "
                + start(firstBreach)
                + " and "
                + end(driver.window - 1)
                + " may deserve a second look");
    assertThat(driver.rule.status()).isEqualTo(Status.QUIET);
    assertThat(driver.rule.cooldownRemaining()).isEqualTo(BaselineRule.DEFAULT_COOLDOWN);
  }

  @Test
  void theCooldownSuppressesANewAlertThenLetsAPersistingBreachThrough() {
    int cooldown = 5;
    Driver driver = new Driver(rule().cooldown(cooldown).clearAfter(1).build());
    driver.warmUp(15);
    driver.sendZ(6);
    driver.sendZ(6).orElseThrow();
    assertThat(driver.sendZ(0).orElseThrow().state()).isEqualTo(AlertState.RESOLVED);

    long firstBreach = driver.window;
    for (int i = 0; i < cooldown; i++) {
      assertThat(driver.sendZ(8)).as("cooldown window %d", i + 1).isEmpty();
      assertThat(driver.rule.cooldownRemaining()).isEqualTo(cooldown - 1 - i);
    }
    Alert next = driver.sendZ(8).orElseThrow();

    assertThat(next.id()).isEqualTo("cpu/geometry-baseline/2");
    assertThat(next.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(next.from()).isEqualTo(start(firstBreach));
    assertThat(driver.rule.alertsOpened()).isEqualTo(2);
  }

  @Test
  void aBreachThatEndsWithinTheCooldownNeverFires() {
    Driver driver = new Driver(rule().cooldown(4).clearAfter(1).build());
    driver.warmUp(16);
    driver.sendZ(6);
    driver.sendZ(6).orElseThrow();
    driver.sendZ(0).orElseThrow();

    for (int i = 0; i < 4; i++) {
      assertThat(driver.sendZ(6)).isEmpty();
    }
    assertThat(driver.sendZ(0)).isEmpty();
    assertThat(driver.sendZ(6)).as("a new run needs confirm windows again").isEmpty();
    assertThat(driver.sendZ(6)).isPresent();
  }

  @Test
  void anOpenWarningEscalatesOnceWithTheSameId() {
    Driver driver = new Driver(rule().clearAfter(1).build());
    driver.warmUp(17);
    driver.sendZ(5);
    Alert warning = driver.sendZ(-5).orElseThrow();

    Alert critical = driver.sendZ(-8).orElseThrow();

    assertThat(warning.severity()).isEqualTo(Severity.WARNING);
    assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(critical.state()).isEqualTo(AlertState.FIRING);
    assertThat(critical.id()).isEqualTo(warning.id());
    assertThat(critical.from()).isEqualTo(warning.from());
    assertThat(critical.to()).isEqualTo(end(driver.window - 1));
    assertThat(critical.evidence().get(0).score()).isCloseTo(-8, within(1e-9));
    assertThat(driver.sendZ(9)).as("already critical").isEmpty();
    assertThat(driver.sendZ(5)).as("severity does not step down").isEmpty();
    Alert resolved = driver.sendZ(0).orElseThrow();
    assertThat(resolved.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(resolved.id()).isEqualTo(warning.id());
  }

  @Test
  void aConfirmingWindowPastTheCriticalThresholdOpensACriticalAlert() {
    Driver driver = new Driver(rule().build());
    driver.warmUp(18);
    driver.sendZ(5);

    assertThat(driver.sendZ(7.5).orElseThrow().severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void aConstantSignalGetsAFlooredSpreadAndFiniteScores() {
    Driver driver = new Driver(rule().confirm(1).build());
    for (int i = 0; i < WARM_UP; i++) {
      driver.send(signals(ISO, 0.5, CLUSTER, 0.0));
    }

    SignalBaseline constant = driver.rule.baseline(ISO).orElseThrow();
    SignalBaseline zero = driver.rule.baseline(CLUSTER).orElseThrow();
    assertThat(constant.median()).isEqualTo(0.5);
    assertThat(constant.spread()).isEqualTo(0.5 * BaselineRule.RELATIVE_SPREAD_FLOOR);
    assertThat(zero.spread()).isEqualTo(BaselineRule.ABSOLUTE_SPREAD_FLOOR);

    assertThat(driver.send(signals(ISO, 0.5, CLUSTER, 0.0))).isEmpty();
    assertThat(driver.send(signals(ISO, 0.5004, CLUSTER, 0.0))).as("z = 0.8").isEmpty();
    Alert alert = driver.send(signals(ISO, 0.51, CLUSTER, 0.0)).orElseThrow();
    assertThat(alert.evidence())
        .singleElement()
        .satisfies(e -> assertThat(e.score()).isFinite().isCloseTo(20, within(1e-9)));
  }

  @Test
  void unavailableValuesAreSkippedAndAWindowWithNothingToScoreChangesNothing() {
    Driver driver = new Driver(rule().confirm(2).build());
    Random random = new Random(19);
    for (int i = 0; i < WARM_UP; i++) {
      driver.send(
          signals(
              ISO, i % 3 == 0 ? Double.NaN : 0.6 + 0.02 * random.nextGaussian(),
              LOGZ, i < 10 ? -20 + random.nextGaussian() : Double.NaN, // 10 of 21: too few
              COSINE, i % 2 == 0 ? null : Double.POSITIVE_INFINITY)); // never finite
    }
    assertThat(driver.rule.baseline(ISO).orElseThrow().values()).isEqualTo(14);
    assertThat(driver.rule.baseline(LOGZ)).as("fewer values than half the warm-up").isEmpty();
    assertThat(driver.rule.baseline(COSINE)).isEmpty();
    assertThat(driver.rule.signals()).containsExactly(ISO, LOGZ, COSINE);

    long firstBreach = driver.window;
    assertThat(driver.send(signals(ISO, driver.at(ISO, 6), LOGZ, 1e9))).isEmpty();
    assertThat(driver.send(signals(ISO, Double.NaN, LOGZ, 1e9, CLUSTER, 1e9))).isEmpty();
    assertThat(driver.send(signals(ISO, null))).isEmpty();
    Alert alert = driver.send(signals(ISO, driver.at(ISO, 6), LOGZ, -1e9)).orElseThrow();

    assertThat(alert.from()).isEqualTo(start(firstBreach));
    assertThat(alert.evidence()).extracting(SignalEvidence::signal).containsExactly(ISO);
    assertThat(driver.rule.signals()).containsExactly(ISO, LOGZ, COSINE, CLUSTER);
    assertThat(driver.rule.baseline(CLUSTER)).as("first seen after the warm-up").isEmpty();
  }

  @Test
  void moreSignalsThanTheCapAreRefusedAndLeaveTheRuleUnchanged() {
    BaselineRule rule = rule().maxSignals(3).build();
    rule.update(start(0), end(0), signals(ISO, 1.0, LOGZ, 2.0));
    List<String> signalsBefore = rule.signals();
    long windowsBefore = rule.windows();

    assertThatThrownBy(
            () -> rule.update(start(1), end(1), signals(ISO, 1.0, CLUSTER, 3.0, COSINE, 4.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a rule watches at most maxSignals = 3 signals; this window would make it 4 with"
                + " [cluster_avg_cosine, raw_avg_cosine]");
    assertThat(rule.signals()).isEqualTo(signalsBefore);
    assertThat(rule.windows()).isEqualTo(windowsBefore);
    rule.update(start(1), end(1), signals(CLUSTER, 3.0));
    assertThat(rule.signals()).hasSize(3);
  }

  @Test
  void badWindowsAreProgrammingErrors() {
    BaselineRule rule = rule().build();
    Map<String, Double> blank = new HashMap<>();
    blank.put(" ", 1.0);

    assertThatThrownBy(() -> rule.update(end(0), start(0), signals(ISO, 1.0)))
        .hasMessage("windowEnd 2024-01-01T00:00:00Z is before windowStart 2024-01-01T01:03:00Z");
    assertThatThrownBy(() -> rule.update(start(0), end(0), blank))
        .hasMessage("signal names must not be blank");
    assertThat(rule.windows()).isZero();
  }

  @Test
  void builderNamesTheFieldAtFault() {
    assertThatThrownBy(() -> BaselineRule.builder().build()).hasMessage("feedId is required");
    assertThatThrownBy(() -> rule().warmUp(1).build())
        .hasMessage("warmUp must be at least 2, got 1");
    assertThatThrownBy(() -> rule().confirm(0).build())
        .hasMessage("confirm must be at least 1, got 0");
    assertThatThrownBy(() -> rule().clearAfter(0).build())
        .hasMessage("clearAfter must be at least 1, got 0");
    assertThatThrownBy(() -> rule().cooldown(-1).build())
        .hasMessage("cooldown must be at least 0, got -1");
    assertThatThrownBy(() -> rule().maxSignals(0).build())
        .hasMessage("maxSignals must be at least 1, got 0");
    assertThatThrownBy(() -> rule().clearThreshold(Double.NaN).build())
        .hasMessage("clearThreshold must be positive and finite, got NaN");
    assertThatThrownBy(() -> rule().warnThreshold(2).build())
        .hasMessage("warnThreshold must be finite and at least clearThreshold (2.5), got 2.0");
    assertThatThrownBy(() -> rule().criticalThreshold(3).build())
        .hasMessage("criticalThreshold must be finite and at least warnThreshold (4.0), got 3.0");
  }

  /** Seeded noise with two regime changes, NaN holes and a late signal. */
  private static List<Map<String, Double>> script() {
    Random random = new Random(23);
    List<Map<String, Double>> windows = new ArrayList<>();
    for (int i = 0; i < 220; i++) {
      double iso = 0.6 + 0.02 * random.nextGaussian() - (i >= 60 && i < 75 ? 0.2 : 0);
      double logz = -20 + random.nextGaussian() + (i >= 110 && i < 130 ? (i < 115 ? 5.5 : 10) : 0);
      double cosine = i % 17 == 0 ? Double.NaN : 0.7 + 0.01 * random.nextGaussian();
      Map<String, Double> signals = signals(ISO, iso, LOGZ, logz, COSINE, cosine);
      if (i > 150) {
        signals.put(CLUSTER, random.nextGaussian());
      }
      windows.add(signals);
    }
    return windows;
  }

  private static List<Optional<Alert>> run(
      BaselineRule rule, List<Map<String, Double>> windows, int from) {
    List<Optional<Alert>> alerts = new ArrayList<>();
    for (int i = from; i < windows.size(); i++) {
      alerts.add(rule.update(start(i), end(i), windows.get(i)));
    }
    return alerts;
  }

  private static BaselineRule scriptedRule() {
    return rule().cooldown(4).build();
  }

  @Test
  void theScriptFiresResolvesAndEscalates() {
    List<Alert> alerts =
        run(scriptedRule(), script(), 0).stream().flatMap(Optional::stream).toList();

    assertThat(alerts)
        .extracting(Alert::id, Alert::state, Alert::severity)
        .containsExactly(
            tuple("cpu/geometry-baseline/1", AlertState.FIRING, Severity.CRITICAL),
            tuple("cpu/geometry-baseline/1", AlertState.RESOLVED, Severity.CRITICAL),
            tuple("cpu/geometry-baseline/2", AlertState.FIRING, Severity.WARNING),
            tuple("cpu/geometry-baseline/2", AlertState.FIRING, Severity.CRITICAL),
            tuple("cpu/geometry-baseline/2", AlertState.RESOLVED, Severity.CRITICAL));
  }

  @Test
  void memoryIsTheWarmUpValuesPerSignalPlusConstants() {
    assertThat(BaselineRule.memoryBytes(32, 49) - BaselineRule.memoryBytes(32, 48))
        .isEqualTo(8 * 32);
    assertThat(BaselineRule.memoryBytes(33, 48) - BaselineRule.memoryBytes(32, 48))
        .isEqualTo(8 * 48 + 200);
    assertThat(BaselineRule.memoryBytes(32, 48))
        .as("the figure the Javadoc states")
        .isEqualTo(18_944);
  }
}
