package io.isowatch.core.geometry;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link RollingCloudTracker} snapshot. Version 1: dim, capacity, recompute
 * interval and cluster options, the update counters, the held vectors oldest first (so the ring
 * restarts at slot 0), then the latest report.
 *
 * <p>Version 2 has version 1's layout; its report was computed with norms summed in four partial
 * sums ({@code SquaredNorm}), which moves the measures in their last bits. A version 1 snapshot is
 * still read: until the next recomputation its report differs from today's arithmetic in those
 * bits, after it the tracker continues exactly like a fresh one.
 */
final class RollingCloudTrackerCodec {
  static final String KIND = "rolling-cloud";
  static final int VERSION = 2;

  private RollingCloudTrackerCodec() {}

  static byte[] write(RollingCloudTracker tracker) {
    SnapshotWriter out =
        SnapshotWriter.start(KIND, VERSION)
            .writeInt(tracker.dim())
            .writeInt(tracker.capacity())
            .writeInt(tracker.recomputeEvery());
    GeometryState.writeClusterOptions(out, tracker.analyzer.clusterOptions());
    out.writeLong(tracker.updates).writeInt(tracker.sinceRecompute);
    out.writeDoubles(tracker.cloud().asMatrix().data, 0, tracker.size * tracker.dim());
    GeometryState.writeReport(out, tracker.latest());
    return out.toByteArray();
  }

  static RollingCloudTracker read(byte[] snapshot) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    RollingCloudTracker.Builder builder =
        RollingCloudTracker.builder()
            .dim(in.readInt())
            .capacity(in.readInt())
            .recomputeEvery(in.readInt());
    GeometryState.readClusterOptions(in).ifPresent(builder::clusterIsotropy);
    RollingCloudTracker tracker = builder.build();
    tracker.updates = in.readLong();
    tracker.sinceRecompute = in.readInt();
    double[] held = in.readDoubles();
    int dim = tracker.dim();
    if (held.length % dim != 0 || held.length / dim > tracker.capacity()) {
      throw new CorruptSnapshotException(
          "rolling-cloud snapshot holds " + held.length + " values, not whole vectors that fit");
    }
    System.arraycopy(held, 0, tracker.buffer, 0, held.length);
    tracker.size = held.length / dim;
    tracker.next = tracker.size % tracker.capacity();
    tracker.latest = GeometryState.readReport(in);
    in.finish();
    return tracker;
  }
}
