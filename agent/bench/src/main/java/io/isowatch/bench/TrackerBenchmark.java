package io.isowatch.bench;

import io.isowatch.core.geometry.EwmaCovarianceTracker;
import io.isowatch.core.geometry.RollingCloudTracker;
import io.isowatch.core.state.SnapshotWriter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one tracker update at d = 384, in steady state (the rolling cloud already holds {@code
 * capacity} vectors; the EWMA tracker has already seen a stream), amortized over the updates that
 * only fold a vector in and the ones that also recompute.
 *
 * <p>Vectors come from a pre-generated stream that the benchmark cycles through, so generating them
 * is not measured. Where a tracker recomputes every 32 updates, one invocation is 32 updates
 * ({@link OperationsPerInvocation}), so each invocation holds exactly one recomputation and the
 * score is the exact amortized cost per update rather than depending on where an iteration ends.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackerBenchmark {
  /** Updates per invocation of the batched benchmarks, and their recompute interval. */
  static final int EVERY = 32;

  /** Vectors in the pre-generated stream; a multiple of {@link #EVERY}. */
  static final int STREAM = 1024;

  /** Rolling tracker of capacity N that recomputes the whole geometry on every update. */
  @State(Scope.Thread)
  public static class RollingEvery1 {
    @Param({"256", "2048"})
    public int n;

    RollingCloudTracker tracker;
    VectorStream stream;

    @Setup(Level.Trial)
    public void setUp() {
      SyntheticEmbeddings source =
          SyntheticEmbeddings.seeded(SyntheticEmbeddings.DIM, SyntheticEmbeddings.SEED);
      tracker = fullTracker(source.next(n), 1);
      stream = new VectorStream(source.next(STREAM));
    }
  }

  /** Rolling tracker of capacity N that recomputes every {@link #EVERY} updates (the default). */
  @State(Scope.Thread)
  public static class RollingEvery32 {
    @Param({"256", "2048"})
    public int n;

    RollingCloudTracker tracker;
    VectorStream stream;

    @Setup(Level.Trial)
    public void setUp() {
      SyntheticEmbeddings source =
          SyntheticEmbeddings.seeded(SyntheticEmbeddings.DIM, SyntheticEmbeddings.SEED);
      tracker = fullTracker(source.next(n), EVERY);
      stream = new VectorStream(source.next(STREAM));
    }
  }

  /** EWMA covariance tracker (default alpha) that recomputes every {@link #EVERY} updates. */
  @State(Scope.Thread)
  public static class EwmaEvery32 {
    EwmaCovarianceTracker tracker;
    VectorStream stream;

    @Setup(Level.Trial)
    public void setUp() {
      tracker = warmedEwma(EVERY);
      stream = new VectorStream(streamVectors());
    }
  }

  /** EWMA tracker that never recomputes: the O(d^2) fold alone, as a baseline. */
  @State(Scope.Thread)
  public static class EwmaFoldOnly {
    EwmaCovarianceTracker tracker;
    VectorStream stream;

    @Setup(Level.Trial)
    public void setUp() {
      tracker = warmedEwma(Integer.MAX_VALUE);
      stream = new VectorStream(streamVectors());
    }
  }

  /** One update, one full recomputation (no clusters) of the N-vector cloud. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean rollingUpdateRecomputeEvery1(RollingEvery1 state) {
    return state.tracker.update(state.stream.next());
  }

  /** 32 updates, one of which recomputes; the score is per update. */
  @Benchmark
  @OperationsPerInvocation(EVERY)
  public void rollingUpdateRecomputeEvery32(RollingEvery32 state, Blackhole blackhole) {
    for (int i = 0; i < EVERY; i++) {
      blackhole.consume(state.tracker.update(state.stream.next()));
    }
  }

  /** 32 O(d^2) folds, one of which also runs a d x d eigen-decomposition; per update. */
  @Benchmark
  @OperationsPerInvocation(EVERY)
  public void ewmaUpdateRecomputeEvery32(EwmaEvery32 state, Blackhole blackhole) {
    for (int i = 0; i < EVERY; i++) {
      blackhole.consume(state.tracker.update(state.stream.next()));
    }
  }

  /** One O(d^2) fold, never a recomputation. */
  @Benchmark
  public boolean ewmaUpdateFoldOnly(EwmaFoldOnly state) {
    return state.tracker.update(state.stream.next());
  }

  /** Pre-generated vectors, handed out in a cycle. */
  static final class VectorStream {
    private final double[][] vectors;
    private int next;

    VectorStream(double[][] vectors) {
      this.vectors = vectors;
    }

    double[] next() {
      double[] vector = vectors[next];
      next = next + 1 == vectors.length ? 0 : next + 1;
      return vector;
    }
  }

  /** The stream the EWMA benchmarks cycle through (the rolling ones draw theirs after the fill). */
  private static double[][] streamVectors() {
    return SyntheticEmbeddings.seeded(SyntheticEmbeddings.DIM, SyntheticEmbeddings.SEED)
        .next(STREAM);
  }

  /**
   * An EWMA tracker that has folded in one pass of the stream ({@link #STREAM} updates, a multiple
   * of {@link #EVERY}, so each later batch of {@link #EVERY} updates ends with its recomputation).
   */
  private static EwmaCovarianceTracker warmedEwma(int recomputeEvery) {
    EwmaCovarianceTracker tracker =
        EwmaCovarianceTracker.builder()
            .dim(SyntheticEmbeddings.DIM)
            .recomputeEvery(recomputeEvery)
            .build();
    for (double[] vector : streamVectors()) {
      tracker.update(vector);
    }
    return tracker;
  }

  /**
   * A rolling tracker of capacity {@code fill.length} holding exactly {@code fill}, that recomputes
   * every {@code recomputeEvery} updates from now on.
   *
   * <p>Filling such a tracker directly would run one full analysis per {@code recomputeEvery}
   * updates of the fill: with {@code recomputeEvery = 1} and N = 2048 that is 2047 analyses,
   * minutes of setup. Instead, fill a tracker that never recomputes, take its snapshot, and restore
   * it with the recompute interval in the snapshot header replaced. The header is rebuilt with
   * {@link SnapshotWriter} and compared byte for byte, and the restored tracker is checked, so a
   * change of the snapshot format fails the setup loudly instead of measuring something else. (The
   * first update after the restore recomputes, since no recomputation ran during the fill; after it
   * the tracker recomputes every {@code recomputeEvery} updates.)
   */
  static RollingCloudTracker fullTracker(double[][] fill, int recomputeEvery) {
    int dim = SyntheticEmbeddings.DIM;
    int capacity = fill.length;
    RollingCloudTracker filler =
        RollingCloudTracker.builder()
            .dim(dim)
            .capacity(capacity)
            .recomputeEvery(Integer.MAX_VALUE)
            .build();
    for (double[] vector : fill) {
      filler.update(vector);
    }
    byte[] snapshot = filler.snapshot();
    byte[] expected = rollingHeader(dim, capacity, Integer.MAX_VALUE);
    if (snapshot.length < expected.length
        || !Arrays.equals(snapshot, 0, expected.length, expected, 0, expected.length)) {
      throw new IllegalStateException(
          "the rolling-cloud snapshot header changed; update TrackerBenchmark.fullTracker");
    }
    byte[] replacement = rollingHeader(dim, capacity, recomputeEvery);
    System.arraycopy(replacement, 0, snapshot, 0, replacement.length);
    RollingCloudTracker tracker = RollingCloudTracker.restore(snapshot);
    if (tracker.recomputeEvery() != recomputeEvery
        || tracker.capacity() != capacity
        || tracker.size() != capacity
        || tracker.updates() != capacity) {
      throw new IllegalStateException(
          "restored tracker is not the full one asked for: size "
              + tracker.size()
              + ", capacity "
              + tracker.capacity()
              + ", recomputeEvery "
              + tracker.recomputeEvery());
    }
    return tracker;
  }

  /** The start of a rolling-cloud snapshot (format version 1), up to the recompute interval. */
  private static byte[] rollingHeader(int dim, int capacity, int recomputeEvery) {
    return SnapshotWriter.start("rolling-cloud", 1)
        .writeInt(dim)
        .writeInt(capacity)
        .writeInt(recomputeEvery)
        .toByteArray();
  }
}
