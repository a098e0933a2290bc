package io.isowatch.evaluation.sanity;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.alert.AlertState;
import io.isowatch.core.trust.TrustPolicy;
import io.isowatch.core.trust.TrustReading;
import io.isowatch.core.trust.TrustSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * isowatch's own alarm machinery, fed a trust value that does not come from the monitor: the {@link
 * TrustPolicy} with the profile's settings (α, confirmations, clearing, cooldown), so that a sanity
 * detector alarms exactly as isowatch would on the same trust values.
 */
final class PolicyAlarms {
  private final TrustPolicy policy;
  private final Set<String> fired = new HashSet<>();

  PolicyAlarms(String feedId, TrustSettings settings) {
    this.policy = new TrustPolicy(feedId, settings, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  /** Judges one evaluation; true when a new alert fires. */
  boolean judge(Instant from, Instant to, double trust, boolean ready) {
    TrustReading reading =
        new TrustReading(trust, 1 - trust, Optional.empty(), false, ready, List.of());
    boolean opened = false;
    for (Alert alert : policy.judge(from, to, reading, Optional.empty(), 0)) {
      opened |= alert.state() == AlertState.FIRING && fired.add(alert.id());
    }
    return opened;
  }
}
