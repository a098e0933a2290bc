package io.isowatch.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearRiskModelTest {

  private static LinearRiskModel model(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = RiskFeatures.count();
    double[] mean = new double[n];
    double[] scale = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = random.nextGaussian();
      scale[i] = 0.1 + random.nextDouble();
      weight[i] = random.nextGaussian();
    }
    return new LinearRiskModel("v-" + seed, mean, scale, weight, -1.5);
  }

  private static String manifestFor(String artifact) {
    return "format 1\nchecksum sha256:" + RiskModel.sha256(artifact) + "\n";
  }

  @Test
  void theRiskIsTheInterceptPlusEveryWeightedStandardizedDeviation() {
    LinearRiskModel model = model(1);
    double[] x = new double[RiskFeatures.count()];
    SplittableRandom random = new SplittableRandom(2);
    double expected = -1.5;
    for (int i = 0; i < x.length; i++) {
      x[i] = 3 * random.nextGaussian();
      expected += model.weight(i) * (x[i] - model.mean(i)) / model.scale(i);
    }
    SignalVector vector = new SignalVector(x);
    assertThat(model.risk(vector)).isCloseTo(expected, within(1e-9));
    double sum = model.intercept();
    for (double part : model.contributions(vector)) {
      sum += part;
    }
    assertThat(sum).isCloseTo(model.risk(vector), within(1e-9));
    // at the training mean every contribution is 0 and the risk is the intercept
    double[] atMean = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      atMean[i] = model.mean(i);
    }
    assertThat(model.risk(new SignalVector(atMean))).isCloseTo(-1.5, within(1e-12));
  }

  @Test
  void anArtifactRoundTripsExactlyAndLoadsAgainstItsManifest() {
    LinearRiskModel model = model(3);
    String artifact = model.format();
    RiskModel loaded = RiskModel.load(artifact, manifestFor(artifact));
    assertThat(loaded.version()).isEqualTo("v-3");
    assertThat(loaded.format()).isEqualTo(artifact);
    SignalVector x = new SignalVector(new double[RiskFeatures.count()]);
    assertThat(loaded.risk(x)).isEqualTo(model.risk(x));
  }

  @Test
  void anEditedArtifactOrOneForOtherFeaturesFailsWithWhatToDo() {
    String artifact = model(4).format();
    String manifest = manifestFor(artifact);
    String edited = artifact.replace("intercept -1.5", "intercept -1.4");
    assertThatThrownBy(() -> RiskModel.load(edited, manifest))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not match its manifest")
        .hasMessageContaining("isowatch train-risk");
    String renamed = artifact.replace("feature raw_value_z ", "feature raw_value_zz ");
    assertThatThrownBy(() -> RiskModel.load(renamed, manifestFor(renamed)))
        .hasMessageContaining("trained on other features")
        .hasMessageContaining("unknown here: [raw_value_zz]")
        .hasMessageContaining("not in the model: [raw_value_z]")
        .hasMessageContaining("isowatch train-risk");
    String otherFormat = artifact.replace("format 1", "format 7");
    assertThatThrownBy(() -> RiskModel.load(otherFormat, manifestFor(otherFormat)))
        .hasMessageContaining("format 7")
        .hasMessageContaining("isowatch train-risk");
  }
}
