package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionIsotropyTest {

  /** On the cross, Z(+-e_k) = 2 cosh(a_k) + 2(d - 1): I is the smallest over the largest. */
  @Test
  void crossHasAClosedForm() {
    double[] a = {0.5, 1.0, 1.5, 2.0, 2.5};
    int d = a.length;
    double smallest = 2 * Math.cosh(0.5) + 2 * (d - 1);
    double largest = 2 * Math.cosh(2.5) + 2 * (d - 1);

    PartitionIsotropy isotropy = PartitionIsotropy.of(Cloud.of(Clouds.cross(a)));

    assertThat(isotropy.value()).isCloseTo(smallest / largest, within(1e-12));
    assertThat(isotropy.log()).isCloseTo(Math.log(smallest / largest), within(1e-12));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void standardGaussianSanityValue(long seed) {
    // SCIENCE.md: 2000 x 32 standard Gaussian gives I ~ 0.74-0.78 depending on the seed.
    PartitionIsotropy isotropy = PartitionIsotropy.of(Cloud.of(Clouds.gaussian(2000, 32, seed)));

    assertThat(isotropy.value()).isBetween(0.7, 0.8);
  }

  @Test
  void scaledAndShiftedCloudIsFarFromIsotropic() {
    // SCIENCE.md: I ~ 1e-24 for the axis-scaled cloud shifted by +5.
    PartitionIsotropy isotropy =
        PartitionIsotropy.of(Cloud.of(Clouds.scaledAndShifted(2000, 32, 1)));

    assertThat(isotropy.log()).isBetween(Math.log(1e-30), Math.log(1e-18));
    assertThat(isotropy.value()).isEqualTo(Math.exp(isotropy.log()));
  }

  @Test
  void logStaysExactWhenTheValueUnderflows() {
    double[][] rows = Clouds.scale(Clouds.scaledAndShifted(500, 8, 2), 100);

    PartitionIsotropy isotropy = PartitionIsotropy.of(Cloud.of(rows));

    assertThat(isotropy.value()).isZero();
    assertThat(isotropy.log()).isFinite().isLessThan(-1000);
  }

  @Test
  void bothSignsMakeItIndependentOfTheCloudsOrientation() {
    double[][] rows = Clouds.scaledAndShifted(300, 5, 9);

    assertThat(PartitionIsotropy.of(Cloud.of(Clouds.scale(rows, -1))).log())
        .isCloseTo(PartitionIsotropy.of(Cloud.of(rows)).log(), within(1e-9));
  }

  @Test
  void rotatingTheCloudRotatesTheEigenvectorsWithIt() {
    double[][] rows = Clouds.scaledAndShifted(400, 6, 4);
    double[][] rotated = Clouds.transform(rows, Clouds.rotation(6, 17));

    assertThat(PartitionIsotropy.of(Cloud.of(rotated)).log())
        .isCloseTo(PartitionIsotropy.of(Cloud.of(rows)).log(), within(1e-8));
  }

  @Test
  void sampleRouteEqualsFeatureRouteWhenPointsAreFewerThanDimensions() {
    Cloud cloud = Cloud.of(Clouds.scaledAndShifted(12, 40, 6));

    PartitionIsotropy features =
        CloudEigen.of(cloud, CloudEigen.Route.FEATURES).partitionIsotropy();
    PartitionIsotropy samples = CloudEigen.of(cloud, CloudEigen.Route.SAMPLES).partitionIsotropy();

    assertThat(samples.log()).isCloseTo(features.log(), within(1e-9));
    assertThat(CloudEigen.of(cloud, CloudEigen.Route.SAMPLES).featureEigenvalues())
        .containsExactly(
            CloudEigen.of(cloud, CloudEigen.Route.FEATURES).featureEigenvalues(), within(1e-8));
  }

  @Test
  void aCloudOfZerosIsPerfectlyIsotropic() {
    PartitionIsotropy isotropy = PartitionIsotropy.of(Cloud.of(new double[3][4]));

    assertThat(isotropy.log()).isZero();
    assertThat(isotropy.value()).isEqualTo(1);
  }
}
