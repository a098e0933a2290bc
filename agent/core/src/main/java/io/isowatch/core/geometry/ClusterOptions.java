package io.isowatch.core.geometry;

/**
 * How cluster isotropy searches for clusters. Defaults follow Cai et al. (2021) and the paper's
 * analysis code: k from 2 to 16 by best silhouette on at most 2000 sampled points, and a single
 * cluster when the best silhouette is under 0.1.
 *
 * <pre>{@code
 * ClusterOptions options = ClusterOptions.builder().seed(7).maxClusters(8).build();
 * }</pre>
 */
public record ClusterOptions(
    long seed,
    int maxSample,
    int minClusters,
    int maxClusters,
    double minSilhouette,
    int restarts,
    int maxIterations) {

  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_MAX_SAMPLE = 2000;
  public static final int DEFAULT_MIN_CLUSTERS = 2;
  public static final int DEFAULT_MAX_CLUSTERS = 16;
  public static final double DEFAULT_MIN_SILHOUETTE = 0.1;
  public static final int DEFAULT_RESTARTS = 1;
  public static final int DEFAULT_MAX_ITERATIONS = 100;

  public ClusterOptions {
    requireAtLeast("maxSample", maxSample, 2);
    requireAtLeast("minClusters", minClusters, 2);
    requireAtLeast("maxClusters", maxClusters, minClusters);
    requireAtLeast("restarts", restarts, 1);
    requireAtLeast("maxIterations", maxIterations, 1);
    if (!(minSilhouette >= -1 && minSilhouette <= 1)) {
      throw new IllegalArgumentException("minSilhouette must be in [-1, 1], got " + minSilhouette);
    }
  }

  public static ClusterOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requireAtLeast(String field, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(field + " must be at least " + minimum + ", got " + value);
    }
  }

  /** Builds {@link ClusterOptions}; every field starts at its {@code DEFAULT_} constant. */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private int maxSample = DEFAULT_MAX_SAMPLE;
    private int minClusters = DEFAULT_MIN_CLUSTERS;
    private int maxClusters = DEFAULT_MAX_CLUSTERS;
    private double minSilhouette = DEFAULT_MIN_SILHOUETTE;
    private int restarts = DEFAULT_RESTARTS;
    private int maxIterations = DEFAULT_MAX_ITERATIONS;

    private Builder() {}

    /** Seed of the sampling and of k-means++; the same seed gives the same result. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Points used to choose k (silhouette is O(m^2) in time and memory). */
    public Builder maxSample(int maxSample) {
      this.maxSample = maxSample;
      return this;
    }

    public Builder minClusters(int minClusters) {
      this.minClusters = minClusters;
      return this;
    }

    public Builder maxClusters(int maxClusters) {
      this.maxClusters = maxClusters;
      return this;
    }

    /** Below this best silhouette the cloud is treated as one cluster. */
    public Builder minSilhouette(double minSilhouette) {
      this.minSilhouette = minSilhouette;
      return this;
    }

    /**
     * k-means runs per k, from different seeds; the lowest inertia wins. One run by default, as in
     * scikit-learn's k-means++ default: k-means dominates the cost of the measure.
     */
    public Builder restarts(int restarts) {
      this.restarts = restarts;
      return this;
    }

    public Builder maxIterations(int maxIterations) {
      this.maxIterations = maxIterations;
      return this;
    }

    public ClusterOptions build() {
      return new ClusterOptions(
          seed, maxSample, minClusters, maxClusters, minSilhouette, restarts, maxIterations);
    }
  }
}
