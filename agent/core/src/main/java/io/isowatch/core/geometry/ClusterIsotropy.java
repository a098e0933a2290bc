package io.isowatch.core.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Cluster isotropy (Cai et al. 2021): embedding spaces are often isotropic only within local
 * clusters, so measure the centered average cosine inside each cluster, after re-centering it on
 * its own mean, and average over clusters (unweighted).
 *
 * <p>Clusters are found by seeded k-means for k in [minClusters, maxClusters], fitted on a sample
 * of at most {@code maxSample} points and scored by silhouette on that sample; the best k is kept
 * unless its silhouette is under {@code minSilhouette}, in which case the cloud is one cluster. All
 * points are then assigned to the nearest centroid of the chosen fit. (The global centering of the
 * original recipe is skipped: k-means, silhouette and per-cluster re-centering are all translation
 * invariant.) Clusters of a single point have no centered cosine and are left out.
 *
 * @param averageCosine mean over clusters of their centered average cosine; NaN if no cluster has
 *     two distinct points
 * @param clusters the number of clusters chosen
 * @param silhouette the best silhouette found, also when it was too low to keep; NaN when no k
 *     could be tried (fewer than three points)
 */
public record ClusterIsotropy(double averageCosine, int clusters, double silhouette) {

  public static ClusterIsotropy of(Cloud cloud, ClusterOptions options) {
    SplittableRandom random = new SplittableRandom(options.seed());
    Cloud sample = cloud.subset(sampleIndices(cloud.size(), options.maxSample(), random));
    int largestK = Math.min(options.maxClusters(), sample.size() - 1);

    KMeans.Fit best = null;
    double bestSilhouette = Double.NaN;
    if (largestK >= options.minClusters()) {
      double[] distances = Silhouette.distances(sample);
      for (int k = options.minClusters(); k <= largestK; k++) {
        KMeans.Fit fit = KMeans.fit(sample, k, options.restarts(), options.maxIterations(), random);
        double score = Silhouette.score(distances, fit.assignment(), k);
        if (!Double.isNaN(score) && (best == null || score > bestSilhouette)) {
          best = fit;
          bestSilhouette = score;
        }
      }
    }
    if (best == null || bestSilhouette < options.minSilhouette()) {
      return new ClusterIsotropy(AverageCosine.centered(cloud), 1, bestSilhouette);
    }
    int[] assignment = KMeans.assign(cloud, best.centroids(), best.k());
    return new ClusterIsotropy(
        meanCenteredCosine(cloud, assignment), distinct(assignment), bestSilhouette);
  }

  /**
   * The same per-cluster measure for clusters the caller already knows (one label per vector, any
   * integers): unweighted mean over labels of each group's centered average cosine.
   */
  public static double givenLabels(Cloud cloud, int[] labels) {
    if (labels.length != cloud.size()) {
      throw new IllegalArgumentException(
          "expected one label per vector (" + cloud.size() + "), got " + labels.length);
    }
    return meanCenteredCosine(cloud, labels);
  }

  private static double meanCenteredCosine(Cloud cloud, int[] labels) {
    TreeMap<Integer, List<Integer>> members = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      members.computeIfAbsent(labels[i], label -> new ArrayList<>()).add(i);
    }
    double sum = 0;
    int counted = 0;
    for (List<Integer> group : members.values()) {
      double cosine =
          AverageCosine.centered(
              cloud.subset(group.stream().mapToInt(Integer::intValue).toArray()));
      if (!Double.isNaN(cosine)) {
        sum += cosine;
        counted++;
      }
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  private static int distinct(int[] labels) {
    return (int) Arrays.stream(labels).distinct().count();
  }

  /** All indices in order when n <= cap, else a seeded uniform sample of cap of them, sorted. */
  static int[] sampleIndices(int n, int cap, SplittableRandom random) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    if (n <= cap) {
      return indices;
    }
    for (int i = 0; i < cap; i++) {
      int j = i + random.nextInt(n - i);
      int swap = indices[i];
      indices[i] = indices[j];
      indices[j] = swap;
    }
    int[] sample = Arrays.copyOf(indices, cap);
    Arrays.sort(sample);
    return sample;
  }
}
