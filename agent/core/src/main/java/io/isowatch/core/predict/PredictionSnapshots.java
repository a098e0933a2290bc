package io.isowatch.core.predict;

import io.isowatch.core.math.FloatArrays;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@link Prediction}s held in one snapshot and reads them back, bit for bit.
 *
 * <p>Layout 2: the logits as floats, then the bins as the index of an equal set written earlier in
 * the same snapshot, or -1 followed by the edges; then offset, scale and the features (floats). A
 * feed's predictions share their bins (a model's never change, a learning head's once, at the end
 * of its warm-up), so each set is written once and, read back, held once. Layout 1 wrote every
 * prediction's logits, edges and features as doubles; it is still read, equal bins shared, each
 * logit rounded to the float a prediction holds (a model's come back exactly).
 *
 * <pre>{@code
 * PredictionSnapshots.Writer predictions = PredictionSnapshots.writer();
 * for (Prediction p : held) predictions.write(out, p);
 * }</pre>
 */
public final class PredictionSnapshots {
  /** The layout {@link Writer} writes. */
  public static final int LAYOUT = 2;

  private PredictionSnapshots() {}

  public static Writer writer() {
    return new Writer();
  }

  /** A reader of predictions written in {@code layout} (1 or 2) into one snapshot. */
  public static Reader reader(int layout) {
    if (layout != 1 && layout != LAYOUT) {
      throw new IllegalArgumentException("prediction layout must be 1 or " + LAYOUT);
    }
    return new Reader(layout);
  }

  /**
   * Bytes one prediction over {@code classes} bins with {@code width} features takes in memory,
   * without its bins, which predictions share ({@link #binsBytes}).
   */
  public static long memoryBytes(int classes, int width) {
    return 4L * classes + 4L * width + 96;
  }

  /** Bytes one set of {@code classes} bins takes in memory: its edges and centres. */
  public static long binsBytes(int classes) {
    return 8L * (2L * classes + 1) + 64;
  }

  /** Writes the predictions of one snapshot, each set of bins once. */
  public static final class Writer {
    private final List<ValueBins> written = new ArrayList<>();

    private Writer() {}

    public void write(SnapshotWriter out, Prediction prediction) {
      out.writeFloats(prediction.logits());
      int index = indexOf(written, prediction.bins());
      out.writeInt(index);
      if (index < 0) {
        out.writeDoubles(prediction.bins().edges());
        written.add(prediction.bins());
      }
      out.writeDouble(prediction.offset())
          .writeDouble(prediction.scale())
          .writeFloats(prediction.features());
    }
  }

  /** Reads the predictions of one snapshot, in the order they were written. */
  public static final class Reader {
    private final int layout;
    private final List<ValueBins> read = new ArrayList<>();

    private Reader(int layout) {
      this.layout = layout;
    }

    public Prediction read(SnapshotReader in) {
      return layout == 1 ? readLayout1(in) : readLayout2(in);
    }

    private Prediction readLayout2(SnapshotReader in) {
      float[] logits = in.readFloats();
      int index = in.readInt();
      ValueBins bins;
      if (index == -1) {
        bins = edges(in.readDoubles());
        read.add(bins);
      } else if (index >= 0 && index < read.size()) {
        bins = read.get(index);
      } else {
        throw new CorruptSnapshotException(
            "a prediction refers to bins " + index + " of the " + read.size() + " written");
      }
      return prediction(logits, bins, in.readDouble(), in.readDouble(), in.readFloats());
    }

    private Prediction readLayout1(SnapshotReader in) {
      float[] logits = FloatArrays.rounded(in.readDoubles());
      ValueBins bins = edges(in.readDoubles());
      int index = indexOf(read, bins);
      if (index >= 0) {
        bins = read.get(index);
      } else {
        read.add(bins);
      }
      double offset = in.readDouble();
      double scale = in.readDouble();
      return prediction(logits, bins, offset, scale, FloatArrays.rounded(in.readDoubles()));
    }

    private static ValueBins edges(double[] edges) {
      try {
        return ValueBins.ofEdges(edges);
      } catch (IllegalArgumentException e) {
        throw new CorruptSnapshotException("a prediction's bins: " + e.getMessage());
      }
    }

    private static Prediction prediction(
        float[] logits, ValueBins bins, double offset, double scale, float[] features) {
      try {
        return new Prediction(logits, bins, offset, scale, features);
      } catch (IllegalArgumentException e) {
        throw new CorruptSnapshotException("a prediction: " + e.getMessage());
      }
    }
  }

  private static int indexOf(List<ValueBins> sets, ValueBins bins) {
    for (int i = 0; i < sets.size(); i++) {
      if (sets.get(i) == bins || sets.get(i).equals(bins)) {
        return i;
      }
    }
    return -1;
  }
}
