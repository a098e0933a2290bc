package io.isowatch.core.risk;

/**
 * One regression tree, its nodes in an order where every child comes after its parent (node 0 is
 * the root). A node is a split (feature ≥ 0) or a leaf (feature -1, its value the log-odds it
 * adds).
 */
public final class RiskTree {
  final int[] feature;
  final float[] threshold;
  final int[] left;
  final int[] right;
  final double[] value;
  final double[] cover;
  final double[] expected;

  /**
   * @param feature each node's split feature, -1 for a leaf
   * @param threshold each split's threshold (a vector goes left when below it)
   * @param left each split's left child
   * @param right each split's right child
   * @param value each leaf's value (ignored for splits)
   * @param cover each node's training weight (the sum of the loss's second derivatives there)
   */
  public RiskTree(
      int[] feature, float[] threshold, int[] left, int[] right, double[] value, double[] cover) {
    int n = feature.length;
    if (n == 0
        || threshold.length != n
        || left.length != n
        || right.length != n
        || value.length != n
        || cover.length != n) {
      throw new IllegalArgumentException("a tree needs one entry of each kind per node");
    }
    for (int k = 0; k < n; k++) {
      boolean leaf = feature[k] < 0;
      if (leaf
          ? !Double.isFinite(value[k])
          : !validChild(left[k], k, n)
              || !validChild(right[k], k, n)
              || Float.isNaN(threshold[k])) {
        throw new IllegalArgumentException("tree node " + k + " is malformed");
      }
      if (!(cover[k] >= 0)) {
        throw new IllegalArgumentException("tree node " + k + " has a negative cover");
      }
    }
    this.feature = feature.clone();
    this.threshold = threshold.clone();
    this.left = left.clone();
    this.right = right.clone();
    this.value = value.clone();
    this.cover = cover.clone();
    this.expected = new double[n];
    for (int k = n - 1; k >= 0; k--) { // children come after their parent
      if (feature[k] < 0) {
        expected[k] = value[k];
      } else {
        double l = cover[left[k]];
        double r = cover[right[k]];
        expected[k] =
            l + r > 0
                ? (l * expected[left[k]] + r * expected[right[k]]) / (l + r)
                : (expected[left[k]] + expected[right[k]]) / 2;
      }
    }
  }

  private static boolean validChild(int child, int parent, int n) {
    return child > parent && child < n;
  }

  int size() {
    return feature.length;
  }
}
