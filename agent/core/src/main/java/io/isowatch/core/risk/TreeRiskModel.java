package io.isowatch.core.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient-boosted regression trees over the {@link SignalVector} (format {@value #FORMAT}, fitted
 * offline with XGBoost by {@code isowatch train-risk}): the log-odds are {@code base} plus the
 * value of the leaf each tree sends the vector to. A split sends a vector left when {@code (float)
 * x < threshold}, as XGBoost compares (features as floats). A {@link SignalVector} has no missing
 * feature, so the direction a split learned for missing values is not kept.
 *
 * <p>Contributions follow the path each tree takes (Saabas): every node has an expected value, the
 * cover-weighted mean of the leaves below it, and a split on feature f moves the vector from its
 * node's expectation to its child's; that move is f's. Summed over the path the moves are the
 * leaf's value less the root's expectation, so {@link #bias()} (base plus every root's expectation)
 * plus the contributions is the risk. The trees are shared by every feed; a vector costs one walk
 * of a few levels per tree.
 */
public final class TreeRiskModel extends TrainedRiskModel {
  public static final int FORMAT = 2;

  private final double base;
  private final List<RiskTree> trees;
  private final double bias;
  // every tree's nodes in one run of arrays (children as absolute indices), walked without
  // chasing a tree object per tree
  private final int[] roots;
  private final int[] feature;
  private final float[] threshold;
  private final int[] left;
  private final int[] right;
  private final double[] value;
  private final double[] expected;

  /**
   * @param version the model's version
   * @param base the log-odds before any tree
   * @param mean each feature's training mean (shown as the evidence's baseline)
   * @param scale each feature's training standard deviation (positive)
   * @param importance each feature's share of the trees' loss reduction
   * @param trees the trees, summed
   */
  public TreeRiskModel(
      String version,
      double base,
      double[] mean,
      double[] scale,
      double[] importance,
      List<RiskTree> trees) {
    super(version, mean, scale, importance, "importance");
    int n = RiskFeatures.count();
    if (!Double.isFinite(base)) {
      throw new IllegalArgumentException("risk base must be finite");
    }
    for (RiskTree tree : trees) {
      for (int k = 0; k < tree.size(); k++) {
        if (tree.feature[k] >= n) {
          throw new IllegalArgumentException(
              "a tree splits on feature " + tree.feature[k] + "; there are " + n);
        }
      }
    }
    this.base = base;
    this.trees = List.copyOf(trees);
    int nodes = 0;
    for (RiskTree tree : this.trees) {
      nodes += tree.size();
    }
    this.roots = new int[this.trees.size()];
    this.feature = new int[nodes];
    this.threshold = new float[nodes];
    this.left = new int[nodes];
    this.right = new int[nodes];
    this.value = new double[nodes];
    this.expected = new double[nodes];
    double sum = base;
    int offset = 0;
    for (int t = 0; t < roots.length; t++) {
      RiskTree tree = this.trees.get(t);
      roots[t] = offset;
      for (int k = 0; k < tree.size(); k++) {
        feature[offset + k] = tree.feature[k];
        threshold[offset + k] = tree.threshold[k];
        left[offset + k] = offset + tree.left[k];
        right[offset + k] = offset + tree.right[k];
        value[offset + k] = tree.value[k];
        expected[offset + k] = tree.expected[k];
      }
      sum += tree.expected[0];
      offset += tree.size();
    }
    this.bias = sum;
  }

  /** Parses the lines after the format line (see {@link #format()}). */
  static TreeRiskModel parse(List<String[]> lines) {
    String version = "unknown";
    double base = Double.NaN;
    FeatureLines features = new FeatureLines();
    List<RiskTree> trees = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String[] parts = lines.get(i++);
      switch (parts[0]) {
        case "version" -> version = RiskModelArtifact.rest(parts);
        case "base" -> base = Double.parseDouble(parts[1]);
        case "feature" -> features.add(parts);
        case "tree" -> {
          int nodes = Integer.parseInt(parts[1]);
          if (i + nodes > lines.size()) {
            throw new IllegalStateException(
                "risk model: tree " + trees.size() + " is cut short; " + regenerate());
          }
          trees.add(tree(lines.subList(i, i + nodes)));
          i += nodes;
        }
        default ->
            throw new IllegalStateException(
                "risk model: unknown line '" + String.join(" ", parts) + "'");
      }
    }
    double[][] columns = features.columns();
    return new TreeRiskModel(version, base, columns[0], columns[1], columns[2], trees);
  }

  private static String regenerate() {
    return RiskModelArtifact.REGENERATE;
  }

  private static RiskTree tree(List<String[]> nodes) {
    int n = nodes.size();
    int[] feature = new int[n];
    float[] threshold = new float[n];
    int[] left = new int[n];
    int[] right = new int[n];
    double[] value = new double[n];
    double[] cover = new double[n];
    for (int k = 0; k < n; k++) {
      String[] p = nodes.get(k);
      switch (p[0]) {
        case "split" -> {
          feature[k] = Integer.parseInt(p[1]);
          threshold[k] = Float.parseFloat(p[2]);
          left[k] = Integer.parseInt(p[3]);
          right[k] = Integer.parseInt(p[4]);
          cover[k] = Double.parseDouble(p[5]);
        }
        case "leaf" -> {
          feature[k] = -1;
          value[k] = Double.parseDouble(p[1]);
          cover[k] = Double.parseDouble(p[2]);
        }
        default ->
            throw new IllegalStateException(
                "risk model: a tree node must be a split or a leaf, got '"
                    + String.join(" ", p)
                    + "'");
      }
    }
    return new RiskTree(feature, threshold, left, right, value, cover);
  }

  @Override
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append("# isowatch risk model: gradient-boosted trees (XGBoost, by isowatch train-risk)\n")
        .append("# log-odds = base + the value of the leaf each tree sends the vector to;\n")
        .append("# split FEATURE THRESHOLD LEFT RIGHT COVER: to LEFT when (float) x < THRESHOLD\n");
    RiskModelArtifact.header(text, FORMAT, version());
    text.append("base ").append(RiskModelArtifact.number(base)).append('\n');
    writeFeatures(text);
    for (RiskTree tree : trees) {
      text.append("tree ").append(tree.size()).append('\n');
      for (int k = 0; k < tree.size(); k++) {
        if (tree.feature[k] < 0) {
          text.append("leaf ")
              .append(RiskModelArtifact.number(tree.value[k]))
              .append(' ')
              .append(RiskModelArtifact.number(tree.cover[k]))
              .append('\n');
        } else {
          text.append("split ")
              .append(tree.feature[k])
              .append(' ')
              .append(Float.toString(tree.threshold[k]))
              .append(' ')
              .append(tree.left[k])
              .append(' ')
              .append(tree.right[k])
              .append(' ')
              .append(RiskModelArtifact.number(tree.cover[k]))
              .append('\n');
        }
      }
    }
    return text.toString();
  }

  @Override
  public double risk(SignalVector x) {
    double logOdds = base;
    for (int root : roots) {
      int node = root;
      while (feature[node] >= 0) {
        node = (float) x.get(feature[node]) < threshold[node] ? left[node] : right[node];
      }
      logOdds += value[node];
    }
    return logOdds;
  }

  @Override
  public double[] contributions(SignalVector x) {
    return explain(x).contributions();
  }

  /** The risk and its contributions in one walk of each tree. */
  @Override
  public Explained explain(SignalVector x) {
    double[] parts = new double[RiskFeatures.count()];
    double logOdds = base;
    for (int root : roots) {
      int node = root;
      while (feature[node] >= 0) {
        int split = feature[node];
        int child = (float) x.get(split) < threshold[node] ? left[node] : right[node];
        parts[split] += expected[child] - expected[node];
        node = child;
      }
      logOdds += value[node];
    }
    return new Explained(logOdds, parts);
  }

  /** The base plus every tree's expected value: the risk before any split is read. */
  @Override
  public double bias() {
    return bias;
  }

  /** The feature's share of the loss reduction made by every split on it (sums to 1). */
  @Override
  public double importance(int feature) {
    return perFeature(feature);
  }

  /** How many trees the model sums. */
  public int trees() {
    return trees.size();
  }

  @Override
  public String toString() {
    return "TreeRiskModel[" + version() + ", " + trees.size() + " trees, base " + base + "]";
  }
}
