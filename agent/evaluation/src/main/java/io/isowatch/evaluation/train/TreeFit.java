package io.isowatch.evaluation.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskTree;
import io.isowatch.core.risk.TreeRiskModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits the shipped risk model: gradient-boosted trees (XGBoost, binary log loss) on every scored
 * step, exported as a {@link TreeRiskModel} that core walks itself. The settings are XGBoost's
 * usual small-model ones (depth 3, learning rate 0.05, 200 rounds, L2 1) and were not searched: in
 * the leave-one-corpus-out validation, boosted trees of this size and of 15 leaves were measured
 * against the logistic regression, once, and both beat it (see EVALUATION.md); the smaller is
 * shipped.
 *
 * <p>Why XGBoost: Apache-2.0, the reference implementation of boosted trees, and its JSON model
 * holds every split and leaf as the float it is, so the exported trees give XGBoost's margins
 * (tested). Only the offline trainer links it (and its native library); the agent does not. Tribuo,
 * the library of the logistic fit, has no boosted trees of its own.
 */
final class TreeFit {
  static final int ROUNDS = 200;
  static final int DEPTH = 3;
  static final double LEARNING_RATE = 0.05;
  static final double L2 = 1.0;
  static final int THREADS = 2;

  private TreeFit() {}

  /**
   * Fits on every scored step of {@code rows} with only the features of {@code groups} (the others
   * held at 0, so no tree splits on them).
   */
  static TreeRiskModel fit(
      List<SeriesRows> rows, Set<RiskFeatures.Group> groups, long seed, String version) {
    int f = RiskFeatures.count();
    int n = 0;
    for (SeriesRows series : rows) {
      n += series.steps().length;
    }
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    int r = 0;
    for (SeriesRows series : rows) {
      for (int s = 0; s < series.steps().length; s++) {
        x[r] = series.vectors()[series.steps()[s]];
        y[r++] = series.targets()[s];
      }
    }
    FeatureMoments moments = FeatureMoments.of(rows);
    boolean[] used = FeatureMoments.used(groups);
    try {
      DMatrix data = matrix(x, used);
      try {
        data.setLabel(labels(y));
        Booster booster = train(data, y, seed);
        try {
          return toModel(booster, version, moments.mean(), moments.scale(), f);
        } finally {
          booster.dispose();
        }
      } finally {
        data.dispose();
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not fit the risk model: " + e.getMessage(), e);
    }
  }

  /** The rows as XGBoost's float matrix; a feature not {@code used} is 0 throughout. */
  static DMatrix matrix(double[][] x, boolean[] used) throws XGBoostError {
    int f = used.length;
    float[] values = new float[x.length * f];
    for (int r = 0; r < x.length; r++) {
      for (int i = 0; i < f; i++) {
        values[r * f + i] = used[i] ? (float) x[r][i] : 0f;
      }
    }
    return new DMatrix(values, x.length, f, Float.NaN);
  }

  private static float[] labels(boolean[] y) {
    float[] labels = new float[y.length];
    for (int r = 0; r < y.length; r++) {
      labels[r] = y[r] ? 1f : 0f;
    }
    return labels;
  }

  /** Boosts from the training rows' event rate, so the trees model departures from it. */
  static Booster train(DMatrix data, boolean[] y, long seed) throws XGBoostError {
    int events = 0;
    for (boolean target : y) {
      events += target ? 1 : 0;
    }
    if (events == 0 || events == y.length) {
      throw new IllegalStateException("the training rows need both reliable and unreliable steps");
    }
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "binary:logistic");
    params.put("eta", LEARNING_RATE);
    params.put("max_depth", DEPTH);
    params.put("lambda", L2);
    params.put("tree_method", "hist");
    params.put("nthread", THREADS);
    params.put("seed", (int) seed);
    params.put("base_score", (double) events / y.length);
    params.put("verbosity", 0);
    return XGBoost.train(data, params, ROUNDS, new HashMap<>(), null, null);
  }

  /** The booster's trees, read from its JSON model, with the training rows' moments. */
  static TreeRiskModel toModel(
      Booster booster, String version, double[] mean, double[] scale, int features)
      throws XGBoostError {
    JsonNode learner;
    try {
      learner =
          new ObjectMapper()
              // XGBoost writes each float in its shortest form: parsed straight to float, exact
              .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
              .readTree(new String(booster.toByteArray("json"), StandardCharsets.UTF_8))
              .path("learner");
    } catch (IOException e) {
      throw new IllegalStateException("XGBoost wrote a model that is not JSON", e);
    }
    double baseScore =
        Double.parseDouble(
            learner
                .path("learner_model_param")
                .path("base_score")
                .asText()
                .replaceAll("[\\[\\]]", ""));
    double base = Math.log(baseScore / (1 - baseScore));
    double[] gain = new double[features];
    List<RiskTree> trees = new ArrayList<>();
    for (JsonNode tree : learner.path("gradient_booster").path("model").path("trees")) {
      trees.add(tree(tree, gain));
    }
    double total = 0;
    for (double g : gain) {
      total += g;
    }
    double[] importance = new double[features];
    for (int i = 0; i < features; i++) {
      importance[i] = total > 0 ? gain[i] / total : 0;
    }
    return new TreeRiskModel(version, base, mean, scale, importance, trees);
  }

  /** One tree of XGBoost's JSON model; each split's loss reduction is added to {@code gain}. */
  private static RiskTree tree(JsonNode tree, double[] gain) {
    JsonNode left = tree.path("left_children");
    int n = left.size();
    int[] feature = new int[n];
    float[] threshold = new float[n];
    int[] lefts = new int[n];
    int[] rights = new int[n];
    double[] value = new double[n];
    double[] cover = new double[n];
    for (int k = 0; k < n; k++) {
      // a leaf's value sits where a split's threshold would
      float condition =
          Float.parseFloat(tree.path("split_conditions").get(k).decimalValue().toString());
      cover[k] = tree.path("sum_hessian").get(k).asDouble();
      if (left.get(k).asInt() < 0) {
        feature[k] = -1;
        value[k] = condition;
      } else {
        feature[k] = tree.path("split_indices").get(k).asInt();
        threshold[k] = condition;
        lefts[k] = left.get(k).asInt();
        rights[k] = tree.path("right_children").get(k).asInt();
        gain[feature[k]] += tree.path("loss_changes").get(k).asDouble();
      }
    }
    return new RiskTree(feature, threshold, lefts, rights, value, cover);
  }
}
