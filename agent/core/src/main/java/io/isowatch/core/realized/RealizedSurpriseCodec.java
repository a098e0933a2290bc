package io.isowatch.core.realized;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of {@link RealizedSurprise}, nested in the feed-monitor snapshot (no header of
 * its own): the surprisal sum, the |2 PIT - 1| sum and the count of outcomes since the last take.
 */
public final class RealizedSurpriseCodec {
  private RealizedSurpriseCodec() {}

  public static void write(SnapshotWriter out, RealizedSurprise surprise) {
    out.writeDouble(surprise.surprisalSum)
        .writeDouble(surprise.pitDeviationSum)
        .writeInt(surprise.count);
  }

  /** Reads the sums into {@code surprise}, a fresh accumulator. */
  public static void read(SnapshotReader in, RealizedSurprise surprise) {
    double surprisal = in.readDouble();
    double deviation = in.readDouble();
    int outcomes = in.readInt();
    if (outcomes < 0 || !Double.isFinite(surprisal) || !(deviation >= 0)) {
      throw new CorruptSnapshotException(
          "realized-surprise snapshot holds "
              + outcomes
              + " outcomes, sums "
              + surprisal
              + ", "
              + deviation);
    }
    surprise.surprisalSum = surprisal;
    surprise.pitDeviationSum = deviation;
    surprise.count = outcomes;
  }
}
