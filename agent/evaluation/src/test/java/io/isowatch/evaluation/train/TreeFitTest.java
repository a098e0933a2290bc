package io.isowatch.evaluation.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.SignalVector;
import io.isowatch.core.risk.TreeRiskModel;
import java.util.Arrays;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

/** The exported trees against XGBoost itself, on rows whose event depends on two features. */
class TreeFitTest {
  private static final int F = RiskFeatures.count();
  private static final int N = 4000;
  private static final int SIGNAL = 5;
  private static final int INTERACTING = 11;

  /** Rows of Gaussian features (some on large scales); the event follows two of them. */
  private static double[][] rows(SplittableRandom random) {
    double[][] x = new double[N][F];
    for (double[] row : x) {
      for (int i = 0; i < F; i++) {
        row[i] = (1 + i % 7) * random.nextGaussian() + (i % 3 == 0 ? 1000 : 0);
      }
    }
    return x;
  }

  private static boolean[] events(double[][] x, SplittableRandom random) {
    boolean[] y = new boolean[N];
    for (int r = 0; r < N; r++) {
      double logOdds =
          1.5 * x[r][SIGNAL] / (1 + SIGNAL % 7) + (x[r][INTERACTING] > 0 ? 1 : -1) - 0.5;
      y[r] = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
    }
    return y;
  }

  @Test
  void theExportedTreesGiveXgboostsOwnMarginsOnEveryRow() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    double[][] x = rows(random);
    boolean[] y = events(x, random);
    boolean[] used = new boolean[F];
    Arrays.fill(used, true);
    DMatrix data = labelled(x, y, used);
    Booster booster = TreeFit.train(data, y, 42);
    double[] mean = new double[F];
    double[] scale = new double[F];
    Arrays.fill(scale, 1);
    TreeRiskModel model = TreeFit.toModel(booster, "test", mean, scale, F);
    float[][] margins = booster.predict(data, true);
    assertThat(model.trees()).isEqualTo(TreeFit.ROUNDS);
    for (int r = 0; r < N; r++) {
      SignalVector vector = new SignalVector(x[r]);
      // XGBoost sums in floats; the agent in doubles
      assertThat(model.risk(vector)).isCloseTo(margins[r][0], within(2e-5));
    }
    // the loss reduction went to the two features the events follow, more than to any other
    for (int i = 0; i < F; i++) {
      if (i != SIGNAL && i != INTERACTING) {
        assertThat(model.importance(i))
            .isLessThan(Math.min(model.importance(SIGNAL), model.importance(INTERACTING)));
      }
    }
    booster.dispose();
    data.dispose();
  }

  @Test
  void aFeatureOutsideTheGroupsIsNeverSplitOn() throws Exception {
    SplittableRandom random = new SplittableRandom(4);
    double[][] x = rows(random);
    boolean[] y = events(x, random);
    boolean[] used = new boolean[F];
    Arrays.fill(used, true);
    used[SIGNAL] = false;
    DMatrix data = labelled(x, y, used);
    Booster booster = TreeFit.train(data, y, 42);
    TreeRiskModel model = TreeFit.toModel(booster, "test", new double[F], ones(), F);
    assertThat(model.importance(SIGNAL)).isZero();
    // so moving it changes nothing, at the rows' own values of every other feature
    double[] row = x[0].clone();
    double before = model.risk(new SignalVector(row));
    row[SIGNAL] += 100;
    assertThat(model.risk(new SignalVector(row))).isEqualTo(before);
    booster.dispose();
    data.dispose();
  }

  /** The rows as XGBoost's matrix, labelled with their events. */
  private static DMatrix labelled(double[][] x, boolean[] y, boolean[] used) throws Exception {
    DMatrix data = TreeFit.matrix(x, used);
    float[] labels = new float[N];
    for (int r = 0; r < N; r++) {
      labels[r] = y[r] ? 1 : 0;
    }
    data.setLabel(labels);
    return data;
  }

  private static double[] ones() {
    double[] ones = new double[F];
    Arrays.fill(ones, 1);
    return ones;
  }
}
