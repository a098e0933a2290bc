package io.isowatch.core.risk;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link RecentMedian}, nested in the signal-vector builder's part of a
 * monitor snapshot (no header of its own): count, next slot and the ring.
 */
final class RecentMedianCodec {
  private RecentMedianCodec() {}

  static void write(SnapshotWriter out, RecentMedian median) {
    out.writeInt(median.count).writeInt(median.next).writeDoubles(median.values);
  }

  /** Reads into {@code median}, which must have the capacity the bytes were written with. */
  static void read(SnapshotReader in, RecentMedian median) {
    int count = in.readInt();
    int next = in.readInt();
    double[] state = in.readDoubles();
    if (state.length != median.values.length
        || count < 0
        || count > state.length
        || next < 0
        || next >= state.length) {
      throw new CorruptSnapshotException(
          "signal baseline of " + state.length + " does not match " + median.values.length);
    }
    median.count = count;
    median.next = next;
    System.arraycopy(state, 0, median.values, 0, state.length);
    median.sortRing();
  }
}
