package io.isowatch.bench;

import io.isowatch.core.geometry.AverageCosine;
import io.isowatch.core.geometry.Cloud;
import io.isowatch.core.geometry.ClusterOptions;
import io.isowatch.core.geometry.GeometryAnalyzer;
import io.isowatch.core.geometry.GeometryReport;
import io.isowatch.core.geometry.PartitionIsotropy;
import io.isowatch.core.geometry.Spectrum;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one full recomputation of a cloud's geometry, and of the measures it is made of, for N
 * vectors of the bundled model's width (d = 384).
 *
 * <p>N = 256 is below d, so the analyzer takes the N x N (sample) route for its
 * eigen-decompositions; N = 2048 is above it, so it takes the d x d (feature) route. Every method
 * returns its result so that nothing is eliminated as dead code.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class GeometryBenchmark {
  @Param({"256", "2048"})
  public int n;

  private Cloud cloud;
  private GeometryAnalyzer withoutClusters;
  private GeometryAnalyzer withClusters;

  @Setup(Level.Trial)
  public void setUp() {
    cloud = SyntheticEmbeddings.seeded(SyntheticEmbeddings.DIM, SyntheticEmbeddings.SEED).cloud(n);
    withoutClusters = GeometryAnalyzer.withoutClusters();
    withClusters = GeometryAnalyzer.withClusters(ClusterOptions.defaults());
  }

  /** Every measure but cluster isotropy: two Gram eigen-decompositions and their projections. */
  @Benchmark
  public GeometryReport analyzeWithoutClusters() {
    return withoutClusters.analyze(cloud);
  }

  /** Every measure, with cluster isotropy (15 k-means++ fits, one per k, and the silhouettes). */
  @Benchmark
  public GeometryReport analyzeWithClusters() {
    return withClusters.analyze(cloud);
  }

  /** O(N d): one pass over the cloud. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double averageCosineRaw() {
    return AverageCosine.raw(cloud);
  }

  /** Centering plus one eigen-decomposition of the centered Gram matrix. */
  @Benchmark
  public Spectrum spectrumOfCovariance() {
    return Spectrum.ofCovariance(cloud);
  }

  /** One eigen-decomposition of the raw Gram matrix plus the projections on its eigenvectors. */
  @Benchmark
  public PartitionIsotropy partitionIsotropy() {
    return PartitionIsotropy.of(cloud);
  }
}
