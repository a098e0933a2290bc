package io.isowatch.core.risk;

import io.isowatch.core.raw.RawValueChannelCodec;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link SignalVectorBuilder}, nested in a monitor snapshot (no header of its
 * own): the long and short raw channels, each model signal's baseline in {@link RiskFeatures}'
 * signal order, the agent-error baseline, then the ring of recent |value z|.
 */
public final class SignalVectorBuilderCodec {
  private SignalVectorBuilderCodec() {}

  public static void write(SnapshotWriter out, SignalVectorBuilder builder) {
    RawValueChannelCodec.write(out, builder.raw);
    RawValueChannelCodec.write(out, builder.shortRaw);
    for (RecentMedian baseline : builder.baselines) {
      RecentMedianCodec.write(out, baseline);
    }
    RecentMedianCodec.write(out, builder.agentError);
    out.writeLong(builder.absZSeen).writeDoubles(builder.recentAbsZ);
  }

  /** Reads into {@code builder}, a fresh one. */
  public static void read(SnapshotReader in, SignalVectorBuilder builder) {
    RawValueChannelCodec.read(in, builder.raw);
    RawValueChannelCodec.read(in, builder.shortRaw);
    for (RecentMedian baseline : builder.baselines) {
      RecentMedianCodec.read(in, baseline);
    }
    RecentMedianCodec.read(in, builder.agentError);
    long seen = in.readLong();
    double[] ring = in.readDoubles();
    if (seen < 0 || ring.length != SignalVectorBuilder.PEAK_WINDOW) {
      throw new CorruptSnapshotException(
          "signal-vector snapshot holds "
              + ring.length
              + " recent |z|, not "
              + SignalVectorBuilder.PEAK_WINDOW);
    }
    builder.absZSeen = seen;
    System.arraycopy(ring, 0, builder.recentAbsZ, 0, ring.length);
  }
}
