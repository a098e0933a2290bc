package io.isowatch.core.trust;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Clock;

/**
 * The byte layout of a {@link TrustPolicy} snapshot: the realized-error history, then each rule's
 * alarm. Version 2 added the value-change alarm after the trust alarm; a version 1 snapshot is read
 * with that alarm fresh, as the rule did not exist when it was written.
 */
final class TrustPolicyCodec {
  static final String KIND = "trust-policy";
  static final int VERSION = 2;

  private TrustPolicyCodec() {}

  static byte[] write(TrustPolicy policy) {
    SnapshotWriter out = SnapshotWriter.start(KIND, VERSION);
    ConformalHistoryCodec.write(out, policy.errors);
    AlarmLifecycleCodec.write(out, policy.trustAlarm);
    AlarmLifecycleCodec.write(out, policy.changeAlarm);
    AlarmLifecycleCodec.write(out, policy.errorAlarm);
    AlarmLifecycleCodec.write(out, policy.qualityAlarm);
    return out.toByteArray();
  }

  /** Feed id, settings and clock are not in the bytes: the caller's configuration owns them. */
  static TrustPolicy read(byte[] snapshot, String feedId, TrustSettings settings, Clock clock) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    TrustPolicy policy = new TrustPolicy(feedId, settings, clock);
    ConformalHistoryCodec.read(in, policy.errors);
    try {
      AlarmLifecycleCodec.read(in, policy.trustAlarm);
      if (in.version() >= 2) {
        AlarmLifecycleCodec.read(in, policy.changeAlarm);
      }
      AlarmLifecycleCodec.read(in, policy.errorAlarm);
      AlarmLifecycleCodec.read(in, policy.qualityAlarm);
    } catch (IllegalArgumentException e) {
      throw new CorruptSnapshotException("trust-policy snapshot: " + e.getMessage());
    }
    in.finish();
    return policy;
  }
}
