package io.isowatch.core.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code feature NAME MEAN SCALE VALUE} lines both kinds of risk-model artifact hold, one per
 * feature of {@link RiskFeatures} in order; VALUE is the kind's own (a weight, an importance).
 */
final class FeatureLines {
  private final List<String> names = new ArrayList<>();
  private final List<double[]> rows = new ArrayList<>();

  /** Takes one {@code feature} line, split at whitespace. */
  void add(String[] parts) {
    names.add(parts[1]);
    rows.add(
        new double[] {
          Double.parseDouble(parts[2]), Double.parseDouble(parts[3]), Double.parseDouble(parts[4])
        });
  }

  /**
   * The means, scales and values, once the names are checked against this build's features.
   *
   * @throws IllegalStateException if the artifact was written for other features
   */
  double[][] columns() {
    RiskModelArtifact.checkFeatures(names);
    double[][] columns = new double[3][names.size()];
    for (int i = 0; i < names.size(); i++) {
      for (int c = 0; c < 3; c++) {
        columns[c][i] = rows.get(i)[c];
      }
    }
    return columns;
  }

  /** Appends one line per feature. */
  static void write(StringBuilder text, double[] mean, double[] scale, double[] value) {
    for (int i = 0; i < mean.length; i++) {
      text.append("feature ")
          .append(RiskFeatures.names().get(i))
          .append(' ')
          .append(RiskModelArtifact.number(mean[i]))
          .append(' ')
          .append(RiskModelArtifact.number(scale[i]))
          .append(' ')
          .append(RiskModelArtifact.number(value[i]))
          .append('\n');
    }
  }
}
