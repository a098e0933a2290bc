package io.isowatch.evaluation.train;

import io.isowatch.core.risk.RiskFeatures;
import io.isowatch.core.risk.RiskModel;
import java.util.List;
import java.util.Set;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits the risk model: logistic regression (Tribuo's linear SGD with the log loss, AdaGrad) on
 * standardized features, then exported as a {@link RiskModel} (means, scales, binary log-odds
 * weights). Tribuo runs only here, offline; the agent computes the same dot product itself.
 * XGBoost4J was considered and rejected: it brings the Scala compiler and a 17 MB native library,
 * and a JNI call per evaluation would break the "trust under 5% of the embedding time" budget.
 */
final class RiskFit {
  static final String EVENT = "unreliable";
  static final String CALM = "reliable";
  static final int EPOCHS = 8;
  static final double LEARNING_RATE = 0.05;
  static final int MINIBATCH = 64;

  private RiskFit() {}

  static {
    // Tribuo logs every fit at INFO; the validation makes twenty of them
    java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
  }

  /**
   * Fits on every scored step of {@code rows}, with only the features of {@code groups} (the others
   * held at their mean, weight 0).
   */
  static RiskModel fit(
      List<SeriesRows> rows, Set<RiskFeatures.Group> groups, long seed, String version) {
    int f = RiskFeatures.count();
    boolean[] used = new boolean[f];
    for (int i = 0; i < f; i++) {
      used[i] = groups.contains(RiskFeatures.groups().get(i));
    }
    double[] mean = new double[f];
    double[] squares = new double[f];
    long n = 0;
    for (SeriesRows series : rows) {
      for (int step : series.steps()) {
        double[] x = series.vectors()[step];
        n++;
        for (int i = 0; i < f; i++) {
          double delta = x[i] - mean[i];
          mean[i] += delta / n;
          squares[i] += delta * (x[i] - mean[i]);
        }
      }
    }
    double[] scale = new double[f];
    for (int i = 0; i < f; i++) {
      double sd = n > 1 ? Math.sqrt(squares[i] / (n - 1)) : 0;
      scale[i] = sd > 1e-9 ? sd : 1;
    }
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("isowatch risk rows", factory), factory);
    String[] names = RiskFeatures.names().toArray(String[]::new);
    Label event = new Label(EVENT);
    Label calm = new Label(CALM);
    for (SeriesRows series : rows) {
      for (int s = 0; s < series.steps().length; s++) {
        double[] x = series.vectors()[series.steps()[s]];
        double[] z = new double[f];
        for (int i = 0; i < f; i++) {
          // a feature the fit must not use is constant at its mean: no gradient, weight 0
          z[i] = used[i] ? (x[i] - mean[i]) / scale[i] : 0;
        }
        data.add(new ArrayExample<>(series.targets()[s] ? event : calm, names, z));
      }
    }
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1), EPOCHS, -1, MINIBATCH, seed);
    LinearSGDModel model = trainer.train(data);
    DenseMatrix w = model.getWeightsCopy();
    ImmutableFeatureMap features = model.getFeatureIDMap();
    int eventId = model.getOutputIDInfo().getID(event);
    int calmId = model.getOutputIDInfo().getID(calm);
    if (eventId < 0 || calmId < 0) {
      throw new IllegalStateException("the training rows need both reliable and unreliable steps");
    }
    int bias = w.getDimension2Size() - 1;
    double[] weight = new double[f];
    for (int i = 0; i < f; i++) {
      int id = features.getID(names[i]);
      if (used[i] && id >= 0) {
        weight[i] = w.get(eventId, id) - w.get(calmId, id);
      }
    }
    double intercept = w.get(eventId, bias) - w.get(calmId, bias);
    return new RiskModel(version, mean, scale, weight, intercept);
  }
}
