package io.isowatch.core.geometry;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means: greedy k-means++ seeding, then Lloyd iterations until the centroids settle.
 *
 * <p>Written here rather than taken from a library because cluster isotropy runs it fifteen times
 * per cloud: point-to-centroid distances come from one matrix product {@code X C^T} (via {@code
 * |x|^2 - 2 x.c + |c|^2}) on the cloud's flat storage, and every random choice flows from one
 * {@link SplittableRandom}, so a seed reproduces a result exactly.
 */
final class KMeans {
  /**
   * Lloyd stops when the centroids move less than this, in total squared distance, relative to the
   * mean feature variance (scikit-learn's default criterion), or when no point changes cluster.
   */
  static final double TOLERANCE = 1e-4;

  /**
   * @param centroids k x d, row-major
   * @param assignment cluster of each point
   * @param inertia sum of squared distances to the assigned centroid
   */
  record Fit(int k, double[] centroids, int[] assignment, double inertia) {}

  private KMeans() {}

  /** The best of {@code restarts} runs (lowest inertia). Requires 1 <= k <= cloud size. */
  static Fit fit(Cloud cloud, int k, int restarts, int maxIterations, SplittableRandom random) {
    if (k < 1 || k > cloud.size()) {
      throw new IllegalArgumentException(
          "k must be in [1, " + cloud.size() + "] for this cloud, got " + k);
    }
    double[] squaredNorms = squaredNorms(cloud);
    Fit best = null;
    for (int run = 0; run < restarts; run++) {
      Fit fit = lloyd(cloud, squaredNorms, seed(cloud, k, random), maxIterations);
      if (best == null || fit.inertia() < best.inertia()) {
        best = fit;
      }
    }
    return best;
  }

  /** Index of the nearest centroid for every point of {@code cloud}. */
  static int[] assign(Cloud cloud, double[] centroids, int k) {
    int[] assignment = new int[cloud.size()];
    nearest(cloud, squaredNorms(cloud), centroids, k, assignment, new double[cloud.size()]);
    return assignment;
  }

  /**
   * Greedy k-means++ (Arthur and Vassilvitskii 2007, section 5): each next centroid is the best of
   * {@code 2 + ln k} candidates drawn with probability proportional to D^2, "best" meaning the one
   * that lowers the total D^2 the most. One greedy seeding is far less likely than plain k-means++
   * to put two centroids in one well-separated cluster, which is what makes a single run per k
   * enough.
   */
  private static double[] seed(Cloud cloud, int k, SplittableRandom random) {
    int n = cloud.size();
    int d = cloud.dim();
    int candidates = 2 + (int) Math.log(k);
    double[] centroids = new double[k * d];
    double[] closest = new double[n];
    copyPoint(cloud, random.nextInt(n), centroids, 0);
    for (int i = 0; i < n; i++) {
      closest[i] = squaredDistance(cloud, i, centroids, 0);
    }
    double[] trial = new double[n];
    double[] bestClosest = new double[n];
    for (int c = 1; c < k; c++) {
      double total = sum(closest);
      int bestPick = -1;
      double bestTotal = Double.POSITIVE_INFINITY;
      for (int t = 0; t < candidates; t++) {
        int pick = total <= 0 ? random.nextInt(n) : drawByWeight(closest, total, random);
        double trialTotal = 0;
        for (int i = 0; i < n; i++) {
          trial[i] = Math.min(closest[i], squaredDistance(cloud, i, cloud, pick));
          trialTotal += trial[i];
        }
        if (trialTotal < bestTotal) {
          bestTotal = trialTotal;
          bestPick = pick;
          System.arraycopy(trial, 0, bestClosest, 0, n);
        }
      }
      copyPoint(cloud, bestPick, centroids, c);
      System.arraycopy(bestClosest, 0, closest, 0, n);
    }
    return centroids;
  }

  /** An index drawn with probability {@code weights[i] / total}. */
  private static int drawByWeight(double[] weights, double total, SplittableRandom random) {
    double target = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      target -= weights[i];
      if (target < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  private static Fit lloyd(
      Cloud cloud, double[] squaredNorms, double[] centroids, int maxIterations) {
    int n = cloud.size();
    int d = cloud.dim();
    int k = centroids.length / d;
    int[] assignment = new int[n];
    Arrays.fill(assignment, -1);
    double[] distances = new double[n];
    double[] sums = new double[k * d];
    int[] counts = new int[k];
    double tolerance = TOLERANCE * meanFeatureVariance(cloud);
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      boolean changed = nearest(cloud, squaredNorms, centroids, k, assignment, distances);
      if (!changed) {
        break;
      }
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        int c = assignment[i];
        counts[c]++;
        for (int j = 0; j < d; j++) {
          sums[c * d + j] += cloud.get(i, j);
        }
      }
      double shift = 0;
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          // An emptied cluster takes the point that is worst served by its own centroid.
          int far = argMax(distances);
          copyPoint(cloud, far, centroids, c);
          distances[far] = 0;
          shift = Double.POSITIVE_INFINITY;
          continue;
        }
        for (int j = 0; j < d; j++) {
          double moved = sums[c * d + j] / counts[c];
          shift += (moved - centroids[c * d + j]) * (moved - centroids[c * d + j]);
          centroids[c * d + j] = moved;
        }
      }
      if (shift <= tolerance) {
        break;
      }
    }
    nearest(cloud, squaredNorms, centroids, k, assignment, distances);
    double inertia = 0;
    for (double v : distances) {
      inertia += v;
    }
    return new Fit(k, centroids, assignment, inertia);
  }

  /** Assigns every point to its nearest centroid; returns whether any assignment changed. */
  private static boolean nearest(
      Cloud cloud,
      double[] squaredNorms,
      double[] centroids,
      int k,
      int[] assignment,
      double[] distances) {
    int n = cloud.size();
    int d = cloud.dim();
    // Centroids transposed (d x k) so that a point's k dot products accumulate as one axpy per
    // feature: a contiguous inner loop the JIT vectorizes, several times faster than k separate
    // dot-product reductions (which Java must sum in order).
    double[] transposed = new double[d * k];
    double[] centroidNorms = new double[k];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        double v = centroids[c * d + j];
        transposed[j * k + c] = v;
        centroidNorms[c] += v * v;
      }
    }
    double[] dots = new double[k];
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      Arrays.fill(dots, 0);
      for (int j = 0; j < d; j++) {
        double x = cloud.get(i, j);
        int row = j * k;
        for (int c = 0; c < k; c++) {
          dots[c] += x * transposed[row + c];
        }
      }
      int best = 0;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double distance = squaredNorms[i] - 2 * dots[c] + centroidNorms[c];
        if (distance < bestDistance) {
          bestDistance = distance;
          best = c;
        }
      }
      if (assignment[i] != best) {
        assignment[i] = best;
        changed = true;
      }
      distances[i] = Math.max(0, bestDistance);
    }
    return changed;
  }

  /** Mean over features of their variance: the scale the convergence tolerance is relative to. */
  private static double meanFeatureVariance(Cloud cloud) {
    double[] mean = cloud.mean();
    double sum = 0;
    for (int i = 0; i < cloud.size(); i++) {
      for (int j = 0; j < cloud.dim(); j++) {
        double gap = cloud.get(i, j) - mean[j];
        sum += gap * gap;
      }
    }
    return sum / ((double) cloud.size() * cloud.dim());
  }

  private static double[] squaredNorms(Cloud cloud) {
    double[] norms = new double[cloud.size()];
    for (int i = 0; i < norms.length; i++) {
      norms[i] = cloud.squaredNorm(i);
    }
    return norms;
  }

  private static void copyPoint(Cloud cloud, int point, double[] centroids, int slot) {
    int d = cloud.dim();
    for (int j = 0; j < d; j++) {
      centroids[slot * d + j] = cloud.get(point, j);
    }
  }

  private static double squaredDistance(Cloud cloud, int point, double[] centroids, int slot) {
    int d = cloud.dim();
    double sum = 0;
    for (int j = 0; j < d; j++) {
      double gap = cloud.get(point, j) - centroids[slot * d + j];
      sum += gap * gap;
    }
    return sum;
  }

  private static double squaredDistance(Cloud cloud, int point, Cloud other, int otherPoint) {
    double sum = 0;
    for (int j = 0; j < cloud.dim(); j++) {
      double gap = cloud.get(point, j) - other.get(otherPoint, j);
      sum += gap * gap;
    }
    return sum;
  }

  private static int argMax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
