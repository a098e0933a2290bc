package io.isowatch.core.risk;

import java.util.List;

/**
 * A logistic regression over the {@link SignalVector}: {@code log-odds = intercept + sum_i w_i (x_i
 * - mean_i) / scale_i}, so each feature's contribution is its term. The risk model's first kind
 * (format {@value #FORMAT}); {@link RiskModel#constant()} is one with every weight 0.
 */
public final class LinearRiskModel extends TrainedRiskModel {
  public static final int FORMAT = 1;

  private final double intercept;

  /**
   * @param version the model's version (e.g. when and from what it was trained)
   * @param mean each feature's training mean
   * @param scale each feature's training scale (positive)
   * @param weight each standardized feature's weight in the log-odds
   * @param intercept the log-odds at the training mean
   */
  public LinearRiskModel(
      String version, double[] mean, double[] scale, double[] weight, double intercept) {
    super(version, mean, scale, weight, "weight");
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("risk intercept must be finite");
    }
    this.intercept = intercept;
  }

  static LinearRiskModel constant() {
    int n = RiskFeatures.count();
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1);
    return new LinearRiskModel("constant", new double[n], ones, new double[n], 0);
  }

  /** Parses the lines after the format line (see {@link #format()}). */
  static LinearRiskModel parse(List<String[]> lines) {
    String version = "unknown";
    double intercept = Double.NaN;
    FeatureLines features = new FeatureLines();
    for (String[] parts : lines) {
      switch (parts[0]) {
        case "version" -> version = RiskModelArtifact.rest(parts);
        case "intercept" -> intercept = Double.parseDouble(parts[1]);
        case "feature" -> features.add(parts);
        default ->
            throw new IllegalStateException(
                "risk model: unknown line '" + String.join(" ", parts) + "'");
      }
    }
    double[][] columns = features.columns();
    return new LinearRiskModel(version, columns[0], columns[1], columns[2], intercept);
  }

  @Override
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append("# isowatch risk model: logistic regression on standardized features\n")
        .append("# log-odds = intercept + sum_i weight_i * (x_i - mean_i) / scale_i\n");
    RiskModelArtifact.header(text, FORMAT, version());
    text.append("intercept ").append(RiskModelArtifact.number(intercept)).append('\n');
    writeFeatures(text);
    return text.toString();
  }

  @Override
  public double risk(SignalVector x) {
    double logOdds = intercept;
    for (int i = 0; i < RiskFeatures.count(); i++) {
      logOdds += term(i, x);
    }
    return logOdds;
  }

  /** Each feature's term {@code w_i (x_i - mean_i) / scale_i}. */
  @Override
  public double[] contributions(SignalVector x) {
    double[] parts = new double[RiskFeatures.count()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = term(i, x);
    }
    return parts;
  }

  /** The intercept: the log-odds at the training mean. */
  @Override
  public double bias() {
    return intercept;
  }

  public double intercept() {
    return intercept;
  }

  public double weight(int feature) {
    return perFeature(feature);
  }

  /** The weight: log-odds per standard deviation. */
  @Override
  public double importance(int feature) {
    return perFeature(feature);
  }

  /** Feature {@code i}'s term {@code w_i (x_i - mean_i) / scale_i}. */
  private double term(int i, SignalVector x) {
    return perFeature(i) * (x.get(i) - mean(i)) / scale(i);
  }
}
