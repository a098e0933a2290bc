package io.isowatch.core.risk;

import java.util.Objects;
import java.util.Optional;

/**
 * What both kinds of risk model keep of their training rows: the version, each feature's mean and
 * standard deviation (an alert's baseline and spread) and one number of the kind's own per feature
 * (a linear weight, a tree importance), checked once here and written as the artifact's {@link
 * FeatureLines}.
 */
abstract sealed class TrainedRiskModel implements RiskModel permits LinearRiskModel, TreeRiskModel {
  private final String version;
  private final double[] mean;
  private final double[] scale;
  private final double[] perFeature;
  private volatile String artifact;
  private volatile String checksum;
  // set once, by the one who made the model, before it is handed out; not part of equality
  private volatile TrainedOn trainedOn;

  /**
   * @param perFeatureName what {@code perFeature} is, for the message when one is not finite
   */
  TrainedRiskModel(
      String version, double[] mean, double[] scale, double[] perFeature, String perFeatureName) {
    int n = RiskFeatures.count();
    if (mean.length != n || scale.length != n || perFeature.length != n) {
      throw new IllegalArgumentException(
          "a risk model needs " + n + " means, scales and " + perFeatureName + "s");
    }
    for (int i = 0; i < n; i++) {
      if (!(scale[i] > 0) || !Double.isFinite(mean[i]) || !Double.isFinite(perFeature[i])) {
        throw new IllegalArgumentException(
            "risk feature "
                + RiskFeatures.names().get(i)
                + " has a bad mean, scale or "
                + perFeatureName);
      }
    }
    this.version = version;
    this.mean = mean.clone();
    this.scale = scale.clone();
    this.perFeature = perFeature.clone();
  }

  /** The kind's own number for {@code feature}: a weight, an importance. */
  final double perFeature(int feature) {
    return perFeature[feature];
  }

  /** Appends one {@code feature} line per feature. */
  final void writeFeatures(StringBuilder text) {
    FeatureLines.write(text, mean, scale, perFeature);
  }

  @Override
  public final double mean(int feature) {
    return mean[feature];
  }

  @Override
  public final double scale(int feature) {
    return scale[feature];
  }

  @Override
  public final String version() {
    return version;
  }

  @Override
  public final Optional<TrainedOn> trainedOn() {
    return Optional.ofNullable(trainedOn);
  }

  @Override
  public final RiskModel trainedOn(TrainedOn what) {
    Objects.requireNonNull(what, "what");
    return ((TrainedRiskModel) RiskModelArtifact.parse(format())).stating(what);
  }

  /** This model, stating {@code what}: for whoever made it, before it is handed out. */
  final TrainedRiskModel stating(TrainedOn what) {
    trainedOn = what;
    return this;
  }

  /** Two models are equal when their artifacts are: the same text gives every vector one risk. */
  @Override
  public final boolean equals(Object other) {
    return other instanceof TrainedRiskModel model && artifact().equals(model.artifact());
  }

  @Override
  public final int hashCode() {
    return artifact().hashCode();
  }

  @Override
  public final String checksum() {
    String sum = checksum;
    if (sum == null) {
      sum = "sha256:" + RiskModel.sha256(artifact());
      checksum = sum;
    }
    return sum;
  }

  /** The artifact's text, written once: a model does not change after it is built. */
  private String artifact() {
    String text = artifact;
    if (text == null) {
      text = format();
      artifact = text;
    }
    return text;
  }
}
