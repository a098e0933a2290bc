package io.isowatch.core.predict;

import java.util.Arrays;

/**
 * The K value classes a softmax predicts over, in scaled units (the window's values divided by its
 * scale, as Chronos does): bin k holds the values between {@code edge(k)} and {@code edge(k+1)} and
 * stands for {@code center(k)}. Edges strictly increase; the outer bins are closed by finite edges,
 * so a predictive distribution is piecewise uniform and has quantiles.
 */
public final class ValueBins {
  private final double[] edges;
  private final double[] centers;

  private ValueBins(double[] edges, double[] centers) {
    this.edges = edges;
    this.centers = centers;
  }

  /**
   * {@code count} equal bins covering [low, high]: the uniform quantization of Chronos (which uses
   * centers from -15 to 15 in mean-scaled units).
   */
  public static ValueBins uniform(double low, double high, int count) {
    if (count < 2) {
      throw new IllegalArgumentException("count must be at least 2, got " + count);
    }
    if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
      throw new IllegalArgumentException(
          "need finite low < high, got low " + low + ", high " + high);
    }
    double[] edges = new double[count + 1];
    for (int k = 0; k <= count; k++) {
      edges[k] = low + (high - low) * k / count;
    }
    return ofEdges(edges);
  }

  /** Bins between the given edges (K + 1 strictly increasing finite values). */
  public static ValueBins ofEdges(double[] edges) {
    if (edges.length < 3) {
      throw new IllegalArgumentException("need at least 3 edges (2 bins), got " + edges.length);
    }
    for (int k = 0; k < edges.length; k++) {
      if (!Double.isFinite(edges[k])) {
        throw new IllegalArgumentException("edge " + k + " is not finite: " + edges[k]);
      }
      if (k > 0 && edges[k] <= edges[k - 1]) {
        throw new IllegalArgumentException(
            "edges must strictly increase, edge "
                + k
                + " is "
                + edges[k]
                + " after "
                + edges[k - 1]);
      }
    }
    double[] centers = new double[edges.length - 1];
    for (int k = 0; k < centers.length; k++) {
      centers[k] = 0.5 * (edges[k] + edges[k + 1]);
    }
    return new ValueBins(edges.clone(), centers);
  }

  /**
   * Bins holding about equal shares of {@code sample} (e.g. the scaled values of a warm-up): edges
   * at its quantiles, widened by half the outer bins' width so that values a little beyond the
   * sample still land in a bin of their own. Ties are merged, so there may be fewer than {@code
   * count}.
   */
  public static ValueBins quantiles(double[] sample, int count) {
    if (count < 2) {
      throw new IllegalArgumentException("count must be at least 2, got " + count);
    }
    double[] sorted = Arrays.stream(sample).filter(Double::isFinite).sorted().toArray();
    if (!canCutQuantiles(sample)) {
      throw new IllegalArgumentException(
          "need at least 2 distinct finite values for quantile bins");
    }
    double[] edges = new double[count + 1];
    int distinct = 0;
    for (int k = 0; k <= count; k++) {
      double edge = quantile(sorted, (double) k / count);
      if (distinct == 0 || edge > edges[distinct - 1]) {
        edges[distinct++] = edge;
      }
    }
    edges = Arrays.copyOf(edges, distinct);
    if (edges.length < 3) {
      edges = new double[] {sorted[0], 0.5 * (sorted[0] + sorted[sorted.length - 1]), edges[1]};
    }
    int last = edges.length - 1;
    edges[0] -= 0.5 * (edges[1] - edges[0]);
    edges[last] += 0.5 * (edges[last] - edges[last - 1]);
    return ofEdges(edges);
  }

  /** Whether {@link #quantiles} can cut bins from {@code sample}: two distinct finite values. */
  public static boolean canCutQuantiles(double[] sample) {
    double first = Double.NaN;
    for (double value : sample) {
      if (Double.isFinite(value)) {
        if (Double.isNaN(first)) {
          first = value;
        } else if (value != first) {
          return true;
        }
      }
    }
    return false;
  }

  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  public int count() {
    return centers.length;
  }

  public double center(int bin) {
    return centers[bin];
  }

  public double edge(int index) {
    return edges[index];
  }

  public double low() {
    return edges[0];
  }

  public double high() {
    return edges[edges.length - 1];
  }

  /** The bin holding {@code scaledValue}; values outside the range go to the outer bins. */
  public int binOf(double scaledValue) {
    int index = Arrays.binarySearch(edges, scaledValue);
    int bin = index >= 0 ? index : -index - 2;
    return Math.max(0, Math.min(count() - 1, bin));
  }

  /** The edges, a copy. */
  public double[] edges() {
    return edges.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ValueBins that && Arrays.equals(edges, that.edges);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(edges);
  }

  @Override
  public String toString() {
    return count() + " bins over [" + low() + ", " + high() + "]";
  }
}
