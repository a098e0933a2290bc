package io.isowatch.core.drift;

import io.isowatch.core.math.FloatArrays;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/**
 * The byte layout of a {@link ShiftDriftTracker} snapshot. Version 2: reference and recent sizes,
 * classes, the counts and the ring position, then (once classes are known) the two reference sums
 * (doubles) and the filled recent logits in ring order (floats, as predictions hold them). Version
 * 1 held the recent logits as doubles; it is read, each logit rounded to the float a prediction
 * holds today (a model's logits were floats to begin with, so theirs come back exactly).
 */
final class ShiftDriftTrackerCodec {
  static final String KIND = "shift-drift";
  static final int VERSION = 2;

  private ShiftDriftTrackerCodec() {}

  static byte[] write(ShiftDriftTracker tracker) {
    SnapshotWriter out =
        SnapshotWriter.start(KIND, VERSION)
            .writeInt(tracker.referenceSize)
            .writeInt(tracker.recentSize)
            .writeInt(tracker.classes)
            .writeInt(tracker.referenceCount)
            .writeInt(tracker.recentCount)
            .writeInt(tracker.next);
    if (tracker.classes > 0) {
      out.writeDoubles(tracker.referenceLogitSum).writeDoubles(tracker.referenceProbabilitySum);
      for (int i = 0; i < tracker.recentCount; i++) {
        out.writeFloats(tracker.recent[i]);
      }
    }
    return out.toByteArray();
  }

  static ShiftDriftTracker read(byte[] snapshot) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    ShiftDriftTracker tracker = new ShiftDriftTracker(in.readInt(), in.readInt());
    int classes = in.readInt();
    int referenceCount = in.readInt();
    int recentCount = in.readInt();
    int next = in.readInt();
    if (tracker.referenceSize < 1
        || tracker.recentSize < 1
        || recentCount > tracker.recentSize
        || next >= tracker.recentSize) {
      throw new CorruptSnapshotException("shift-drift snapshot has inconsistent sizes");
    }
    if (classes > 0) {
      tracker.reset(classes);
      tracker.referenceLogitSum = requireLength(in.readDoubles(), classes);
      tracker.referenceProbabilitySum = requireLength(in.readDoubles(), classes);
      for (int i = 0; i < recentCount; i++) {
        tracker.recent[i] =
            requireLength(
                in.version() == 1 ? FloatArrays.rounded(in.readDoubles()) : in.readFloats(),
                classes);
      }
      tracker.referenceCount = referenceCount;
      tracker.recentCount = recentCount;
      tracker.next = next;
    }
    in.finish();
    return tracker;
  }

  private static double[] requireLength(double[] values, int classes) {
    requireLength(values.length, classes);
    return values;
  }

  private static float[] requireLength(float[] values, int classes) {
    requireLength(values.length, classes);
    return values;
  }

  private static void requireLength(int length, int classes) {
    if (length != classes) {
      throw new CorruptSnapshotException(
          "shift-drift snapshot has a vector of " + length + ", expected " + classes);
    }
  }
}
