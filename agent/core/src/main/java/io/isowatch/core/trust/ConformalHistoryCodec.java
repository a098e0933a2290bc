package io.isowatch.core.trust;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link ConformalHistory}, nested in the trust scorer's and policy's
 * snapshots and the surprise martingale's (it has no header of its own): count and next slot, the
 * ring, then the same for the delay ring. Capacities come from the settings, so a history of other
 * settings is refused.
 */
public final class ConformalHistoryCodec {
  private ConformalHistoryCodec() {}

  public static void write(SnapshotWriter out, ConformalHistory history) {
    out.writeInt(history.count)
        .writeInt(history.next)
        .writeDoubles(history.values)
        .writeInt(history.delayedCount)
        .writeInt(history.delayedNext)
        .writeDoubles(history.delayed);
  }

  /** Reads into {@code history}, built from the settings the bytes were written with. */
  public static void read(SnapshotReader in, ConformalHistory history) {
    int count = in.readInt();
    int next = in.readInt();
    double[] state = in.readDoubles();
    int delayedCount = in.readInt();
    int delayedNext = in.readInt();
    double[] delayedState = in.readDoubles();
    if (state.length != history.values.length
        || delayedState.length != history.delayed.length
        || count < 0
        || count > state.length
        || next < 0
        || next >= state.length
        || delayedCount < 0
        || delayedCount > delayedState.length
        || delayedNext < 0
        || delayedNext >= Math.max(1, delayedState.length)) {
      throw new CorruptSnapshotException(
          "score history of "
              + state.length
              + " (+"
              + delayedState.length
              + " delayed) does not match the settings' "
              + history.values.length
              + " (+"
              + history.delayed.length
              + "); restore with the settings it was written with");
    }
    history.count = count;
    history.next = next;
    history.delayedCount = delayedCount;
    history.delayedNext = delayedNext;
    System.arraycopy(state, 0, history.values, 0, state.length);
    System.arraycopy(delayedState, 0, history.delayed, 0, delayedState.length);
  }
}
