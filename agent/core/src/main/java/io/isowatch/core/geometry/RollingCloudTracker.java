package io.isowatch.core.geometry;

import java.util.Optional;

/**
 * The geometry of the last {@code capacity} vectors of a stream, recomputed every {@code
 * recomputeEvery} updates. Between recomputations an update only copies the vector into a ring
 * buffer (O(d)); the recomputation runs a {@link GeometryAnalyzer} on the buffer, oldest vector
 * first, so it equals the batch report of the same vectors. The recomputation takes a copy of the
 * buffer at once but analyzes it only when {@link #latest()} first asks: a caller that reads some
 * reports only (a monitor judges full clouds alone) does not pay for the others.
 *
 * <pre>{@code
 * RollingCloudTracker tracker =
 *     RollingCloudTracker.builder().dim(384).capacity(256).recomputeEvery(32).build();
 * if (tracker.update(windowVector)) {
 *   GeometryReport report = tracker.latest().orElseThrow();
 * }
 * }</pre>
 *
 * <p>Memory is fixed at construction: {@link #memoryBytes} ({@code 8 * capacity * dim} bytes for
 * the buffer; 786 KB for 256 vectors of 384 dims; with fewer vectors than dims, also {@code 8 *
 * capacity^2} for the last analysis's {@link SlidingOuterGram}), plus transient working space
 * during a recomputation (the copy it has yet to analyze, the same size as the buffer, until {@link
 * #latest()} asks or the next recomputation replaces it). Not thread-safe: one tracker belongs to
 * one feed and one thread.
 */
public final class RollingCloudTracker {
  public static final int DEFAULT_CAPACITY = 256;
  public static final int DEFAULT_RECOMPUTE_EVERY = 32;

  // package-private for RollingCloudTrackerCodec, the only other reader and writer
  private final int dim;
  private final int capacity;
  private final int recomputeEvery;
  final GeometryAnalyzer analyzer;
  final double[] buffer;
  int size;
  int next;
  long updates;
  int sinceRecompute;
  Optional<GeometryReport> latest = Optional.empty();

  /** The vectors of the last recomputation while nobody has asked for their report; else null. */
  private Cloud unanalyzed;

  /** {@link #updates} when {@link #unanalyzed} was taken: where its cloud ends in the stream. */
  private long unanalyzedEnd;

  /** The outer Gram of the last cloud analyzed, most of which the next one shares. */
  private final SlidingOuterGram outerGram = new SlidingOuterGram();

  private RollingCloudTracker(Builder builder) {
    this.dim = builder.dim;
    this.capacity = builder.capacity;
    this.recomputeEvery = builder.recomputeEvery;
    this.analyzer =
        builder.clusterOptions == null
            ? GeometryAnalyzer.withoutClusters()
            : GeometryAnalyzer.withClusters(builder.clusterOptions);
    this.buffer = new double[capacity * dim];
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Bytes held by a tracker of this shape, excluding the transient recomputation workspace. */
  public static long memoryBytes(int dim, int capacity) {
    long outerGram = capacity < dim ? (long) Double.BYTES * capacity * capacity : 0;
    return (long) Double.BYTES * capacity * dim + outerGram + 256;
  }

  /**
   * Adds a vector, evicting the oldest when full. Returns true when this update triggered a
   * recomputation, so {@link #latest()} has just changed (its analysis runs when first asked for).
   *
   * @throws IllegalArgumentException if the vector has the wrong length or a non-finite value; the
   *     tracker is then unchanged
   */
  public boolean update(double[] vector) {
    VectorChecks.require(vector, dim);
    System.arraycopy(vector, 0, buffer, next * dim, dim);
    next = (next + 1) % capacity;
    size = Math.min(size + 1, capacity);
    updates++;
    sinceRecompute++;
    if (sinceRecompute >= recomputeEvery && size >= 2) {
      unanalyzed = cloud();
      unanalyzedEnd = updates;
      sinceRecompute = 0;
      return true;
    }
    return false;
  }

  /**
   * The report of the last recomputation; empty until the first one.
   *
   * @throws ArithmeticException if the analysis of the last recomputation's cloud fails (as its
   *     update used to); asking again retries it
   */
  public Optional<GeometryReport> latest() {
    if (unanalyzed != null) {
      // the outer Gram serves the partition isotropy of a cloud of fewer vectors than dims only
      latest =
          Optional.of(
              unanalyzed.size() < dim
                  ? analyzer.analyze(unanalyzed, outerGram.of(unanalyzed, unanalyzedEnd))
                  : analyzer.analyze(unanalyzed));
      unanalyzed = null;
    }
    return latest;
  }

  /** The vectors currently held, oldest first. */
  public Cloud cloud() {
    double[] ordered = new double[size * dim];
    int oldest = size < capacity ? 0 : next;
    for (int k = 0; k < size; k++) {
      int slot = (oldest + k) % capacity;
      System.arraycopy(buffer, slot * dim, ordered, k * dim, dim);
    }
    return Cloud.trusted(size, dim, ordered);
  }

  public int size() {
    return size;
  }

  public long updates() {
    return updates;
  }

  public int dim() {
    return dim;
  }

  public int capacity() {
    return capacity;
  }

  public int recomputeEvery() {
    return recomputeEvery;
  }

  /** The whole state, options included, as versioned bytes; {@link RollingCloudTrackerCodec}. */
  public byte[] snapshot() {
    return RollingCloudTrackerCodec.write(this);
  }

  /** A tracker that continues exactly where the one that wrote {@code snapshot} stopped. */
  public static RollingCloudTracker restore(byte[] snapshot) {
    return RollingCloudTrackerCodec.read(snapshot);
  }

  /** Builds a {@link RollingCloudTracker}; {@code dim} is required, the rest have defaults. */
  public static final class Builder {
    private int dim;
    private int capacity = DEFAULT_CAPACITY;
    private int recomputeEvery = DEFAULT_RECOMPUTE_EVERY;
    private ClusterOptions clusterOptions;

    private Builder() {}

    public Builder dim(int dim) {
      this.dim = dim;
      return this;
    }

    /** How many of the latest vectors the cloud holds. */
    public Builder capacity(int capacity) {
      this.capacity = capacity;
      return this;
    }

    /** Updates between recomputations: the knob that trades freshness for CPU. */
    public Builder recomputeEvery(int recomputeEvery) {
      this.recomputeEvery = recomputeEvery;
      return this;
    }

    /** Also compute cluster isotropy (k-means) at every recomputation. */
    public Builder clusterIsotropy(ClusterOptions options) {
      this.clusterOptions = options;
      return this;
    }

    public RollingCloudTracker build() {
      if (dim < 1) {
        throw new IllegalArgumentException("dim must be at least 1, got " + dim);
      }
      if (capacity < 2) {
        throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
      }
      if (recomputeEvery < 1) {
        throw new IllegalArgumentException(
            "recomputeEvery must be at least 1, got " + recomputeEvery);
      }
      if ((long) capacity * dim > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "capacity * dim must fit one array, got " + capacity + " * " + dim);
      }
      return new RollingCloudTracker(this);
    }
  }
}
