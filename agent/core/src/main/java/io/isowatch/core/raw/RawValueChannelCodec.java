package io.isowatch.core.raw;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link RawValueChannel}, nested in the signal-vector builder's part of a
 * monitor snapshot (no header of its own): values seen, the value and change rings, then the eight
 * Page-Hinkley and CUSUM statistics. The windows come from the channel's construction, so a channel
 * of other windows is refused.
 */
public final class RawValueChannelCodec {
  /** Page-Hinkley (mean, count, up, up minimum, down, down minimum) and CUSUM (up, down). */
  private static final int DETECTORS = 8;

  private RawValueChannelCodec() {}

  public static void write(SnapshotWriter out, RawValueChannel channel) {
    out.writeLong(channel.seen)
        .writeDoubles(channel.values)
        .writeDoubles(channel.changes)
        .writeDoubles(
            new double[] {
              channel.phMean,
              channel.phCount,
              channel.phUp,
              channel.phUpMin,
              channel.phDown,
              channel.phDownMin,
              channel.cusumUp,
              channel.cusumDown
            });
  }

  /** Reads into {@code channel}, which must have the windows the bytes were written with. */
  public static void read(SnapshotReader in, RawValueChannel channel) {
    long seen = in.readLong();
    double[] valueRing = in.readDoubles();
    double[] changeRing = in.readDoubles();
    double[] detectors = in.readDoubles();
    if (seen < 0
        || valueRing.length != channel.values.length
        || changeRing.length != channel.changes.length
        || detectors.length != DETECTORS) {
      throw new CorruptSnapshotException(
          "raw-value channel of "
              + valueRing.length
              + " values does not match the settings' "
              + channel.values.length
              + "; restore with the settings it was written with");
    }
    channel.seen = seen;
    System.arraycopy(valueRing, 0, channel.values, 0, valueRing.length);
    System.arraycopy(changeRing, 0, channel.changes, 0, changeRing.length);
    channel.phMean = detectors[0];
    channel.phCount = (long) detectors[1];
    channel.phUp = detectors[2];
    channel.phUpMin = detectors[3];
    channel.phDown = detectors[4];
    channel.phDownMin = detectors[5];
    channel.cusumUp = detectors[6];
    channel.cusumDown = detectors[7];
    channel.reorderOlder();
  }
}
