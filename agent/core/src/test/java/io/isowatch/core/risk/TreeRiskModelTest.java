package io.isowatch.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeRiskModelTest {
  private static final int F = RiskFeatures.count();

  /**
   * Two trees worked out by hand. A: feature 0 below 0.5 gives -1.0 (cover 3), else 2.0 (cover 1);
   * its expectation is -0.25. B: feature 1 below 0 leads to a split on feature 0 below 2 (0.5 or
   * 1.5, cover 1 each, expectation 1.0), else -0.5 (cover 2); expectation 0.25.
   */
  private static TreeRiskModel handBuilt() {
    RiskTree a =
        new RiskTree(
            new int[] {0, -1, -1},
            new float[] {0.5f, 0, 0},
            new int[] {1, 0, 0},
            new int[] {2, 0, 0},
            new double[] {0, -1.0, 2.0},
            new double[] {4, 3, 1});
    RiskTree b =
        new RiskTree(
            new int[] {1, 0, -1, -1, -1},
            new float[] {0f, 2f, 0, 0, 0},
            new int[] {1, 3, 0, 0, 0},
            new int[] {2, 4, 0, 0, 0},
            new double[] {0, 0, -0.5, 0.5, 1.5},
            new double[] {4, 2, 2, 1, 1});
    double[] mean = new double[F];
    double[] scale = new double[F];
    double[] importance = new double[F];
    java.util.Arrays.fill(scale, 1);
    importance[0] = 0.7;
    importance[1] = 0.3;
    return new TreeRiskModel("hand", -1.0, mean, scale, importance, List.of(a, b));
  }

  private static SignalVector vector(double f0, double f1) {
    double[] x = new double[F];
    x[0] = f0;
    x[1] = f1;
    return new SignalVector(x);
  }

  @Test
  void theRiskIsTheBasePlusTheLeafEachTreeReaches() {
    TreeRiskModel model = handBuilt();
    assertThat(model.risk(vector(1, -1))).isEqualTo(-1.0 + 2.0 + 0.5);
    assertThat(model.risk(vector(3, -1))).isEqualTo(-1.0 + 2.0 + 1.5);
    assertThat(model.risk(vector(0, 5))).isEqualTo(-1.0 - 1.0 - 0.5);
  }

  @Test
  void featuresAreComparedAsFloatsAsXgboostDoes() {
    // the largest double below 0.5 rounds to 0.5f, which is not below the threshold 0.5f
    assertThat(handBuilt().risk(vector(Math.nextDown(0.5), 5))).isEqualTo(-1.0 + 2.0 - 0.5);
    assertThat(handBuilt().risk(vector(Math.nextDown(0.5f), 5))).isEqualTo(-1.0 - 1.0 - 0.5);
  }

  @Test
  void eachSplitMovesTheRiskFromItsNodesExpectationToItsChildsAndTheMovesAddUp() {
    TreeRiskModel model = handBuilt();
    assertThat(model.bias()).isCloseTo(-1.0 - 0.25 + 0.25, within(1e-15));
    double[] parts = model.contributions(vector(1, -1));
    // A: 2.0 - (-0.25) on feature 0; B: 1.0 - 0.25 on feature 1, then 0.5 - 1.0 on feature 0
    assertThat(parts[0]).isCloseTo(2.25 - 0.5, within(1e-15));
    assertThat(parts[1]).isCloseTo(0.75, within(1e-15));
    for (int i = 2; i < F; i++) {
      assertThat(parts[i]).isZero();
    }
    SplittableRandom random = new SplittableRandom(5);
    for (int k = 0; k < 100; k++) {
      SignalVector x = vector(4 * random.nextGaussian(), 4 * random.nextGaussian());
      double sum = model.bias();
      for (double part : model.contributions(x)) {
        sum += part;
      }
      assertThat(sum).isCloseTo(model.risk(x), within(1e-12));
      // one walk for both gives the same risk as the walk for the risk alone
      assertThat(model.explain(x).risk()).isEqualTo(model.risk(x));
    }
  }

  @Test
  void anArtifactRoundTripsExactlyAndLoadsAgainstItsManifest() {
    TreeRiskModel model = handBuilt();
    String artifact = model.format();
    RiskModel loaded =
        RiskModel.load(artifact, "checksum sha256:" + RiskModel.sha256(artifact) + "\n");
    assertThat(loaded).isInstanceOf(TreeRiskModel.class);
    assertThat(loaded.format()).isEqualTo(artifact);
    assertThat(loaded.version()).isEqualTo("hand");
    for (double[] x : new double[][] {{1, -1}, {3, -1}, {0, 5}, {0.25, 0}}) {
      assertThat(loaded.risk(vector(x[0], x[1]))).isEqualTo(model.risk(vector(x[0], x[1])));
    }
    assertThat(loaded.importance(0)).isEqualTo(0.7);
  }

  @Test
  void aMalformedArtifactFailsWithWhatToDo() {
    String artifact = handBuilt().format();
    String cut = artifact.substring(0, artifact.lastIndexOf("leaf"));
    assertThatThrownBy(() -> RiskModel.parse(cut))
        .hasMessageContaining("cut short")
        .hasMessageContaining("isowatch train-risk");
    String otherFormat = artifact.replace("format 2", "format 7");
    assertThatThrownBy(() -> RiskModel.parse(otherFormat))
        .hasMessageContaining("format 7")
        .hasMessageContaining("isowatch train-risk");
    String pointsBack = artifact.replaceFirst("split 0 0.5 1 2 ", "split 0 0.5 0 2 ");
    assertThat(pointsBack).isNotEqualTo(artifact);
    assertThatThrownBy(() -> RiskModel.parse(pointsBack))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("malformed")
        .hasMessageContaining("tree node 0")
        .hasMessageContaining("isowatch train-risk");
    String notANumber = artifact.replaceFirst("base -1.0", "base minus-one");
    assertThat(notANumber).isNotEqualTo(artifact);
    assertThatThrownBy(() -> RiskModel.parse(notANumber))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("malformed")
        .hasMessageContaining("isowatch train-risk");
    // a child that points back up would loop for ever: refused
    assertThatThrownBy(
            () ->
                new RiskTree(
                    new int[] {0, -1},
                    new float[] {0, 0},
                    new int[] {0, 0},
                    new int[] {1, 0},
                    new double[2],
                    new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node 0");
  }

  @Test
  void theBundledModelIsTreesOverThisBuildsFeaturesAndItsEvidenceAddsUp() {
    RiskModel bundled = RiskModel.bundled();
    assertThat(bundled).isInstanceOf(TreeRiskModel.class);
    assertThat(((TreeRiskModel) bundled).trees()).isPositive();
    double importance = 0;
    for (int i = 0; i < F; i++) {
      assertThat(bundled.scale(i)).isPositive();
      assertThat(bundled.importance(i)).isNotNegative();
      importance += bundled.importance(i);
    }
    assertThat(importance).isCloseTo(1, within(1e-9));
    SplittableRandom random = new SplittableRandom(9);
    double[] x = new double[F];
    for (int i = 0; i < F; i++) {
      x[i] = bundled.mean(i) + 2 * random.nextGaussian() * bundled.scale(i);
    }
    SignalVector vector = new SignalVector(x);
    double sum = bundled.bias();
    for (double part : bundled.contributions(vector)) {
      sum += part;
    }
    assertThat(sum).isCloseTo(bundled.risk(vector), within(1e-9));
  }

  /**
   * What {@code writeTo} writes, {@code load} reads back: the shipped artifact and its manifest are
   * the bytes this writer gives for the bundled model and the manifest's own notes.
   */
  @Test
  void writeToGivesTheShippedFilesAndLoadReadsThemBack(@TempDir Path dir) throws Exception {
    RiskModel bundled = RiskModel.bundled();
    String shipped = resource(RiskModel.MANIFEST);
    List<String> notes =
        shipped
            .lines()
            .skip(1) // the header line is the writer's own
            .filter(line -> line.startsWith("# "))
            .map(line -> line.substring(2))
            .toList();

    bundled.writeTo(dir, notes);

    assertThat(Files.readString(dir.resolve(RiskModel.ARTIFACT_FILE)))
        .isEqualTo(resource(RiskModel.RESOURCE));
    assertThat(Files.readString(dir.resolve(RiskModel.MANIFEST_FILE))).isEqualTo(shipped);
    assertThat(RiskModel.load(dir)).isEqualTo(bundled);
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = RiskModel.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
