package io.isowatch.core.risk;

import java.util.Arrays;

/**
 * One evaluation's features, in {@link RiskFeatures#names()} order; every value finite.
 *
 * @param values the feature values
 */
public record SignalVector(double[] values) {
  public SignalVector {
    if (values.length != RiskFeatures.count()) {
      throw new IllegalArgumentException(
          "a signal vector has " + RiskFeatures.count() + " features, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "feature " + RiskFeatures.names().get(i) + " is not finite: " + values[i]);
      }
    }
    values = values.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The value of feature {@code index}, without copying. */
  public double get(int index) {
    return values[index];
  }

  /** The value of the feature named {@code name}. */
  public double get(String name) {
    return values[RiskFeatures.index(name)];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignalVector that && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SignalVector" + Arrays.toString(values);
  }
}
