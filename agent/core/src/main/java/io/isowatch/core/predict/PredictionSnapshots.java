package io.isowatch.core.predict;

import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;

/** Writes a {@link Prediction} into a snapshot and reads it back, bit for bit. */
public final class PredictionSnapshots {
  private PredictionSnapshots() {}

  public static void write(SnapshotWriter out, Prediction prediction) {
    float[] features = prediction.features();
    double[] widened = new double[features.length];
    for (int i = 0; i < features.length; i++) {
      widened[i] = features[i];
    }
    out.writeDoubles(prediction.logits())
        .writeDoubles(prediction.bins().edges())
        .writeDouble(prediction.offset())
        .writeDouble(prediction.scale())
        .writeDoubles(widened);
  }

  public static Prediction read(SnapshotReader in) {
    double[] logits = in.readDoubles();
    ValueBins bins = ValueBins.ofEdges(in.readDoubles());
    double offset = in.readDouble();
    double scale = in.readDouble();
    double[] widened = in.readDoubles();
    float[] features = new float[widened.length];
    for (int i = 0; i < widened.length; i++) {
      features[i] = (float) widened[i];
    }
    return new Prediction(logits, bins, offset, scale, features);
  }

  /** Bytes a prediction over {@code classes} bins with {@code width} features takes in memory. */
  public static long memoryBytes(int classes, int width) {
    return 8L * (2L * classes + 1) + 4L * width + 64;
  }
}
