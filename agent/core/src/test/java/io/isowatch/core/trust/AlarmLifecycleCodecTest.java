package io.isowatch.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.Severity;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An alarm's bytes sit inside the policy's; the trust-policy fixtures hold released ones. */
class AlarmLifecycleCodecTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final AlarmLifecycle.Text TEXT = new AlarmLifecycle.Text("s", List.of(), "a");

  private static AlarmLifecycle alarm() {
    return new AlarmLifecycle("cpu", "rule", 2, 2, 1, CLOCK);
  }

  private static Optional<Alert> step(AlarmLifecycle alarm, int k, boolean breach) {
    Instant at = T0.plusSeconds(60L * k);
    Severity severity = k % 5 == 0 ? Severity.CRITICAL : Severity.WARNING;
    return alarm.update(breach, severity, at, at.plusSeconds(60), () -> TEXT, () -> TEXT);
  }

  /** Breaches at the pattern's 1s: opens, escalates, resolves, cools down, opens again. */
  private static final String PATTERN = "0110111100011101110000";

  private static List<Alert> run(AlarmLifecycle alarm, int from, int to) {
    List<Alert> alerts = new ArrayList<>();
    for (int k = from; k < to; k++) {
      step(alarm, k, PATTERN.charAt(k) == '1').ifPresent(alerts::add);
    }
    return alerts;
  }

  @Test
  void aReadAlarmContinuesAnOpenAlertUnderTheSameId() {
    AlarmLifecycle original = alarm();
    run(original, 0, 5);
    assertThat(original.isOpen()).as("open when written").isTrue();

    SnapshotWriter out = SnapshotWriter.start("test", 1);
    AlarmLifecycleCodec.write(out, original);
    AlarmLifecycle copy = alarm();
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "test", 1);
    AlarmLifecycleCodec.read(in, copy);
    in.finish();

    List<Alert> expected = run(original, 5, PATTERN.length());
    assertThat(expected).hasSizeGreaterThan(2);
    assertThat(run(copy, 5, PATTERN.length())).isEqualTo(expected);
    assertThat(copy.opened()).isEqualTo(original.opened());
  }
}
