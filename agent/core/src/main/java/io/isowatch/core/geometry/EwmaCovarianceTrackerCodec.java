package io.isowatch.core.geometry;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of an {@link EwmaCovarianceTracker} snapshot. Version 1: dim, alpha and the
 * recompute interval, the counters and weight sums, mean and scatter, the unit-vector process, then
 * the latest moment geometry.
 */
final class EwmaCovarianceTrackerCodec {
  static final String KIND = "ewma-covariance";
  static final int VERSION = 1;

  private EwmaCovarianceTrackerCodec() {}

  static byte[] write(EwmaCovarianceTracker tracker) {
    SnapshotWriter out =
        SnapshotWriter.start(KIND, VERSION)
            .writeInt(tracker.dim())
            .writeDouble(tracker.alpha())
            .writeInt(tracker.recomputeEvery())
            .writeLong(tracker.updates)
            .writeInt(tracker.sinceRecompute)
            .writeDouble(tracker.weightSquares)
            .writeDouble(tracker.meanNorm)
            .writeDoubles(tracker.mean)
            .writeDoubles(tracker.scatter)
            .writeLong(tracker.unitUpdates)
            .writeDouble(tracker.unitWeightSquares)
            .writeDoubles(tracker.unitMean);
    GeometryState.writeMoments(out, tracker.latest);
    return out.toByteArray();
  }

  static EwmaCovarianceTracker read(byte[] snapshot) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    EwmaCovarianceTracker tracker =
        EwmaCovarianceTracker.builder()
            .dim(in.readInt())
            .alpha(in.readDouble())
            .recomputeEvery(in.readInt())
            .build();
    tracker.updates = in.readLong();
    tracker.sinceRecompute = in.readInt();
    tracker.weightSquares = in.readDouble();
    tracker.meanNorm = in.readDouble();
    copyExactly(in.readDoubles(), tracker.mean, "mean");
    copyExactly(in.readDoubles(), tracker.scatter, "scatter");
    tracker.unitUpdates = in.readLong();
    tracker.unitWeightSquares = in.readDouble();
    copyExactly(in.readDoubles(), tracker.unitMean, "unit mean");
    tracker.latest = GeometryState.readMoments(in);
    in.finish();
    return tracker;
  }

  private static void copyExactly(double[] source, double[] target, String field) {
    if (source.length != target.length) {
      throw new CorruptSnapshotException(
          "ewma-covariance snapshot has "
              + source.length
              + " values for the "
              + field
              + ", expected "
              + target.length);
    }
    System.arraycopy(source, 0, target, 0, source.length);
  }
}
