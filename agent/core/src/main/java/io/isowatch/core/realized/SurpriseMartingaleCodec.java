package io.isowatch.core.realized;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import io.isowatch.core.trust.ConformalHistoryCodec;

/**
 * The byte layout of a {@link SurpriseMartingale}, nested in the feed-monitor snapshot (no header
 * of its own): the draws taken, the held surprisals ({@link ConformalHistoryCodec}), the bettors'
 * three shares, then log10 of the wealth and of its lowest value.
 */
public final class SurpriseMartingaleCodec {
  private SurpriseMartingaleCodec() {}

  public static void write(SnapshotWriter out, SurpriseMartingale martingale) {
    out.writeLong(martingale.draws);
    ConformalHistoryCodec.write(out, martingale.history);
    out.writeDoubles(martingale.shares)
        .writeDouble(martingale.log10Wealth)
        .writeDouble(martingale.log10Lowest);
  }

  /** Reads the state into {@code martingale}, a fresh one. */
  public static void read(SnapshotReader in, SurpriseMartingale martingale) {
    long draws = in.readLong();
    ConformalHistoryCodec.read(in, martingale.history);
    double[] shares = in.readDoubles();
    double wealth = in.readDouble();
    double lowest = in.readDouble();
    int held = martingale.history.count();
    if (draws < held || shares.length != 3 || !(lowest <= wealth) || !Double.isFinite(lowest)) {
      throw new CorruptSnapshotException(
          "surprise-martingale snapshot holds "
              + held
              + " surprisals after "
              + draws
              + " draws, "
              + shares.length
              + " shares, log10 wealth "
              + wealth
              + " above its lowest "
              + lowest
              + "?");
    }
    martingale.draws = draws;
    System.arraycopy(shares, 0, martingale.shares, 0, 3);
    martingale.log10Wealth = wealth;
    martingale.log10Lowest = lowest;
  }
}
