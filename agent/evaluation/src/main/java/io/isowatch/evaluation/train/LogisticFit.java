package io.isowatch.evaluation.train;

import io.isowatch.core.risk.LinearRiskModel;
import io.isowatch.core.risk.RiskFeatures;
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
 * Fits a logistic regression risk model (Tribuo's linear SGD with the log loss, AdaGrad) on
 * standardized features, exported as a {@link LinearRiskModel} (means, scales, binary log-odds
 * weights). The shipped model is {@link TreeFit}'s; this one is the validation's linear reference,
 * the model shipped before the trees.
 */
final class LogisticFit {
  static final String EVENT = "unreliable";
  static final String CALM = "reliable";
  static final int EPOCHS = 8;
  static final double LEARNING_RATE = 0.05;
  static final int MINIBATCH = 64;

  private LogisticFit() {}

  static {
    // Tribuo logs every fit at INFO; the validation makes twenty of them
    java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
  }

  /**
   * Fits on every scored step of {@code rows}, with only the features of {@code groups} (the others
   * held at their mean, weight 0).
   */
  static LinearRiskModel fit(
      List<SeriesRows> rows, Set<RiskFeatures.Group> groups, long seed, String version) {
    int f = RiskFeatures.count();
    boolean[] used = FeatureMoments.used(groups);
    FeatureMoments moments = FeatureMoments.of(rows);
    double[] mean = moments.mean();
    double[] scale = moments.scale();
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
    return new LinearRiskModel(version, mean, scale, weight, intercept);
  }
}
