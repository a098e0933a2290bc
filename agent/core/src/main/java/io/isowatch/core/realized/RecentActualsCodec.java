package io.isowatch.core.realized;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of {@link RecentActuals}, nested in the realized-error snapshot (no header of its
 * own): capacity, count, next slot and values since the last gap, then each slot's event time and
 * gap flag, then the values and their naive scales. The capacity is in the bytes, so the ring is
 * rebuilt at the size it was written with.
 */
final class RecentActualsCodec {
  /** Largest capacity believed: guards against allocating from a corrupt length. */
  private static final int MAX_CAPACITY = 1 << 24;

  private RecentActualsCodec() {}

  static void write(SnapshotWriter out, RecentActuals ring) {
    out.writeInt(ring.capacity()).writeInt(ring.count).writeInt(ring.next).writeInt(ring.sinceGap);
    for (int i = 0; i < ring.capacity(); i++) {
      out.writeLong(ring.seconds[i]).writeInt(ring.nanos[i]).writeBoolean(ring.afterGap[i]);
    }
    out.writeDoubles(ring.values).writeDoubles(ring.scales);
  }

  static RecentActuals read(SnapshotReader in) {
    int capacity = in.readInt();
    if (capacity < 2 || capacity > MAX_CAPACITY) {
      throw bad();
    }
    RecentActuals ring = new RecentActuals(capacity);
    ring.count = in.readInt();
    ring.next = in.readInt();
    ring.sinceGap = in.readInt();
    if (ring.count < 0
        || ring.count > capacity
        || ring.next < 0
        || ring.next >= capacity
        || ring.sinceGap < 0) {
      throw bad();
    }
    for (int i = 0; i < capacity; i++) {
      ring.seconds[i] = in.readLong();
      ring.nanos[i] = in.readInt();
      ring.afterGap[i] = in.readBoolean();
    }
    double[] values = in.readDoubles();
    double[] scales = in.readDoubles();
    if (values.length != capacity || scales.length != capacity) {
      throw bad();
    }
    System.arraycopy(values, 0, ring.values, 0, capacity);
    System.arraycopy(scales, 0, ring.scales, 0, capacity);
    return ring;
  }

  private static CorruptSnapshotException bad() {
    return new CorruptSnapshotException("realized-error snapshot has a bad actuals ring");
  }
}
