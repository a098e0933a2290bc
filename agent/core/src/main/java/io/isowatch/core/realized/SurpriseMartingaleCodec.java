package io.isowatch.core.realized;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link SurpriseMartingale}, nested in the feed-monitor snapshot (no header
 * of its own): the draws taken, the ring's next slot, the held surprisals, the bettors' three
 * shares, then log10 of the wealth and of its lowest value.
 */
public final class SurpriseMartingaleCodec {
  private SurpriseMartingaleCodec() {}

  public static void write(SnapshotWriter out, SurpriseMartingale martingale) {
    out.writeLong(martingale.draws)
        .writeInt(martingale.next)
        .writeDoubles(martingale.history, 0, martingale.count)
        .writeDoubles(martingale.shares)
        .writeDouble(martingale.log10Wealth)
        .writeDouble(martingale.log10Lowest);
  }

  /** Reads the state into {@code martingale}, a fresh one. */
  public static void read(SnapshotReader in, SurpriseMartingale martingale) {
    long draws = in.readLong();
    int next = in.readInt();
    double[] held = in.readDoubles();
    double[] shares = in.readDoubles();
    double wealth = in.readDouble();
    double lowest = in.readDouble();
    boolean ringFits =
        held.length <= SurpriseMartingale.HISTORY
            && next >= 0
            && next < SurpriseMartingale.HISTORY
            && (held.length == SurpriseMartingale.HISTORY || next == held.length)
            && draws >= held.length;
    if (!ringFits || shares.length != 3 || !(lowest <= wealth) || !Double.isFinite(lowest)) {
      throw new CorruptSnapshotException(
          "surprise-martingale snapshot holds "
              + held.length
              + " surprisals (next slot "
              + next
              + ", "
              + draws
              + " draws), "
              + shares.length
              + " shares, log10 wealth "
              + wealth
              + " above its lowest "
              + lowest
              + "?");
    }
    System.arraycopy(held, 0, martingale.history, 0, held.length);
    martingale.count = held.length;
    martingale.next = next;
    martingale.draws = draws;
    System.arraycopy(shares, 0, martingale.shares, 0, 3);
    martingale.log10Wealth = wealth;
    martingale.log10Lowest = lowest;
  }
}
