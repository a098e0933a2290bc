package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeometryAnalyzerTest {
  private static final GeometryAnalyzer ANALYZER =
      GeometryAnalyzer.withClusters(ClusterOptions.defaults());

  @Test
  void reportAgreesWithEachMeasureComputedAlone() {
    double[][] rows = Clouds.scaledAndShifted(300, 12, 21);
    Cloud cloud = Cloud.of(rows);
    Spectrum spectrum = Spectrum.ofCovariance(cloud);

    GeometryReport report = ANALYZER.analyze(cloud);

    assertThat(report.size()).isEqualTo(300);
    assertThat(report.dim()).isEqualTo(12);
    assertThat(report.rawAverageCosine()).isEqualTo(AverageCosine.raw(cloud));
    assertThat(report.centeredAverageCosine()).isEqualTo(AverageCosine.centered(cloud));
    assertThat(report.isoScore()).isCloseTo(spectrum.isoScore(), within(1e-12));
    assertThat(report.effectiveDim80()).isEqualTo(spectrum.effectiveDimension(0.8));
    assertThat(report.participationRatio()).isCloseTo(spectrum.participationRatio(), within(1e-12));
    assertThat(report.partition()).isEqualTo(PartitionIsotropy.of(cloud));
    assertThat(report.centeredPartition().log())
        .isCloseTo(PartitionIsotropy.of(cloud.centered()).log(), within(1e-12));
    assertThat(report.meanNormRatio()).isEqualTo(MeanNormRatio.of(cloud));
    assertThat(report.clusterIsotropy())
        .contains(ClusterIsotropy.of(cloud, ClusterOptions.defaults()));
  }

  @Test
  void meanNormRatioMatchesItsDefinition() {
    double[][] rows = Clouds.scaledAndShifted(50, 4, 2);
    double[] mean = new double[4];
    double meanNorm = 0;
    for (double[] row : rows) {
      double squared = 0;
      for (int j = 0; j < 4; j++) {
        mean[j] += row[j] / rows.length;
        squared += row[j] * row[j];
      }
      meanNorm += Math.sqrt(squared) / rows.length;
    }
    double meanLength =
        Math.sqrt(mean[0] * mean[0] + mean[1] * mean[1] + mean[2] * mean[2] + mean[3] * mean[3]);

    assertThat(MeanNormRatio.of(Cloud.of(rows))).isCloseTo(meanLength / meanNorm, within(1e-12));
    assertThat(MeanNormRatio.of(Cloud.of(Clouds.cross(1, 2, 3)))).isZero();
    assertThat(MeanNormRatio.of(Cloud.of(new double[2][3]))).isNaN();
  }

  @Test
  void everyMeasureIsRotationInvariant() {
    double[][] rows = Clouds.scaledAndShifted(400, 10, 31);
    double[][] rotated = Clouds.transform(rows, Clouds.rotation(10, 3));

    assertSameGeometry(ANALYZER.analyze(Cloud.of(rotated)), ANALYZER.analyze(Cloud.of(rows)));
  }

  @Test
  void everyMeasureButPartitionIsotropyIsScaleInvariant() {
    double[][] rows = Clouds.scaledAndShifted(400, 10, 32);
    GeometryReport original = ANALYZER.analyze(Cloud.of(rows));
    GeometryReport scaled = ANALYZER.analyze(Cloud.of(Clouds.scale(rows, 0.05)));

    assertThat(scaled.rawAverageCosine()).isCloseTo(original.rawAverageCosine(), within(1e-12));
    assertThat(scaled.centeredAverageCosine())
        .isCloseTo(original.centeredAverageCosine(), within(1e-12));
    assertThat(scaled.isoScore()).isCloseTo(original.isoScore(), within(1e-12));
    assertThat(scaled.effectiveDim80()).isEqualTo(original.effectiveDim80());
    assertThat(scaled.participationRatio()).isCloseTo(original.participationRatio(), within(1e-10));
    assertThat(scaled.meanNormRatio()).isCloseTo(original.meanNormRatio(), within(1e-12));
    assertThat(scaled.clusterIsotropy().orElseThrow().clusters())
        .isEqualTo(original.clusterIsotropy().orElseThrow().clusters());
    // Z(c) = sum exp(c.x) depends on the norms: shrinking the cloud pulls I toward 1.
    assertThat(scaled.partition().log()).isGreaterThan(original.partition().log());
  }

  @Test
  void fewerPointsThanDimensionsTakesTheSampleRouteWithTheSameResult() {
    Cloud cloud = Cloud.of(Clouds.scaledAndShifted(20, 64, 8));
    CloudEigen features = CloudEigen.of(cloud.centered(), CloudEigen.Route.FEATURES);
    Spectrum expected = Spectrum.fromCenteredEigen(features, cloud.size());

    GeometryReport report = GeometryAnalyzer.withoutClusters().analyze(cloud);

    assertThat(report.isoScore()).isCloseTo(expected.isoScore(), within(1e-9));
    assertThat(report.participationRatio()).isCloseTo(expected.participationRatio(), within(1e-8));
    assertThat(report.effectiveDim80()).isEqualTo(expected.effectiveDimension(0.8));
    assertThat(report.centeredPartition().log())
        .isCloseTo(features.partitionIsotropy().log(), within(1e-9));
    assertThat(report.clusterIsotropy()).isEmpty();
  }

  private static void assertSameGeometry(GeometryReport actual, GeometryReport expected) {
    assertThat(actual.rawAverageCosine()).isCloseTo(expected.rawAverageCosine(), within(1e-10));
    assertThat(actual.centeredAverageCosine())
        .isCloseTo(expected.centeredAverageCosine(), within(1e-10));
    assertThat(actual.isoScore()).isCloseTo(expected.isoScore(), within(1e-10));
    assertThat(actual.partition().log()).isCloseTo(expected.partition().log(), within(1e-8));
    assertThat(actual.centeredPartition().log())
        .isCloseTo(expected.centeredPartition().log(), within(1e-8));
    assertThat(actual.effectiveDim80()).isEqualTo(expected.effectiveDim80());
    assertThat(actual.participationRatio()).isCloseTo(expected.participationRatio(), within(1e-9));
    assertThat(actual.meanNormRatio()).isCloseTo(expected.meanNormRatio(), within(1e-10));
    ClusterIsotropy a = actual.clusterIsotropy().orElseThrow();
    ClusterIsotropy e = expected.clusterIsotropy().orElseThrow();
    assertThat(a.clusters()).isEqualTo(e.clusters());
    assertThat(a.silhouette()).isCloseTo(e.silhouette(), within(1e-8));
    assertThat(a.averageCosine()).isCloseTo(e.averageCosine(), within(1e-8));
  }
}
