package io.isowatch.core.trust;

import io.isowatch.core.alert.Severity;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of an {@link AlarmLifecycle}, nested in the trust policy's snapshot (no header of
 * its own): the run counters, the start of the current breach run, and the open alert if any (its
 * id, severity and start). Feed, rule, thresholds and clock come from the settings, not the bytes.
 */
final class AlarmLifecycleCodec {
  private AlarmLifecycleCodec() {}

  static void write(SnapshotWriter out, AlarmLifecycle alarm) {
    out.writeInt(alarm.breachRun)
        .writeInt(alarm.clearRun)
        .writeInt(alarm.cooldownLeft)
        .writeLong(alarm.opened);
    out.writeOptionalInstant(alarm.runFrom);
    out.writeBoolean(alarm.openId != null);
    if (alarm.openId != null) {
      out.writeString(alarm.openId).writeString(alarm.openSeverity.name());
      out.writeOptionalInstant(alarm.openFrom);
    }
  }

  /**
   * Reads into {@code alarm}; an unknown severity throws {@link IllegalArgumentException}, which
   * the policy's codec reports as a corrupt snapshot.
   */
  static void read(SnapshotReader in, AlarmLifecycle alarm) {
    alarm.breachRun = in.readInt();
    alarm.clearRun = in.readInt();
    alarm.cooldownLeft = in.readInt();
    alarm.opened = in.readLong();
    alarm.runFrom = in.readOptionalInstant();
    if (in.readBoolean()) {
      alarm.openId = in.readString();
      alarm.openSeverity = Severity.valueOf(in.readString());
      alarm.openFrom = in.readOptionalInstant();
    }
  }
}
