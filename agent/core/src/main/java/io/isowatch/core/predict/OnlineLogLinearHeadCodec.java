package io.isowatch.core.predict;

import io.isowatch.core.math.FloatArrays;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of an {@link OnlineLogLinearHead} snapshot. Version 1: width, the warm-up targets
 * seen, the bin edges, then weights and Adagrad accumulators (floats widened to doubles, so they
 * come back exactly).
 */
final class OnlineLogLinearHeadCodec {
  static final String KIND = "online-log-linear-head";
  static final int VERSION = 1;

  private OnlineLogLinearHeadCodec() {}

  static byte[] write(OnlineLogLinearHead head) {
    return SnapshotWriter.start(KIND, VERSION)
        .writeInt(head.width)
        .writeInt(head.warmupSeen)
        .writeDoubles(head.warmupTargets)
        .writeDoubles(head.bins.edges())
        .writeDoubles(FloatArrays.widened(head.weights))
        .writeDoubles(FloatArrays.widened(head.squaredGradients))
        .toByteArray();
  }

  /** Settings are not in the bytes: the operator's configuration owns them. */
  static OnlineLogLinearHead read(byte[] snapshot, HeadSettings settings) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    OnlineLogLinearHead head = new OnlineLogLinearHead(settings, in.readInt());
    head.warmupSeen = in.readInt();
    double[] warmup = in.readDoubles();
    if (warmup.length != head.warmupTargets.length || head.warmupSeen > warmup.length) {
      throw new CorruptSnapshotException(
          "head snapshot has a warm-up of "
              + warmup.length
              + ", settings say "
              + settings.warmup());
    }
    System.arraycopy(warmup, 0, head.warmupTargets, 0, warmup.length);
    head.bins = ValueBins.ofEdges(in.readDoubles());
    head.weights = FloatArrays.rounded(in.readDoubles());
    head.squaredGradients = FloatArrays.rounded(in.readDoubles());
    int expected = head.bins.count() * (head.width + 1);
    if (head.weights.length != expected || head.squaredGradients.length != expected) {
      throw new CorruptSnapshotException(
          "head snapshot has " + head.weights.length + " weights, expected " + expected);
    }
    in.finish();
    return head;
  }
}
