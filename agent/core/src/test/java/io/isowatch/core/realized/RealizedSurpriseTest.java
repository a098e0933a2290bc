package io.isowatch.core.realized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.ValueBins;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RealizedSurpriseTest {
  /** Uniform over [0, 10] in 10 bins: density 1/10, PIT = value / 10. */
  private static Prediction uniform() {
    return new Prediction(new double[10], ValueBins.uniform(0, 10, 10), 1, new float[0]);
  }

  @Test
  void meansAreTakenOverTheOutcomesSinceTheLastTake() {
    RealizedSurprise surprise = new RealizedSurprise();
    surprise.record(uniform(), 5); // |2 * 0.5 - 1| = 0
    surprise.record(uniform(), 9.5); // |2 * 0.95 - 1| = 0.9

    RealizedSurprise.Means means = surprise.take();

    assertThat(means.outcomes()).isEqualTo(2);
    assertThat(means.surprisal()).isCloseTo(Math.log(10), within(1e-12));
    assertThat(means.pitDeviation()).isCloseTo(0.45, within(1e-12));
    RealizedSurprise.Means empty = surprise.take();
    assertThat(empty.outcomes()).isZero();
    assertThat(empty.surprisal()).isNaN();
    assertThat(empty.pitDeviation()).isNaN();
  }

  @Test
  void valuesDrawnFromTheForecastDistributionAverageAPitDeviationOfOneHalf() {
    RealizedSurprise surprise = new RealizedSurprise();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      surprise.record(uniform(), 10 * random.nextDouble());
    }

    // |2U - 1| is uniform on [0, 1] when U is: mean 1/2, standard error 0.29 / sqrt(20000)
    assertThat(surprise.take().pitDeviation()).isCloseTo(0.5, within(0.01));
  }

  @Test
  void valuesInTheTailsPushThePitDeviationTowardsOne() {
    RealizedSurprise surprise = new RealizedSurprise();
    surprise.record(uniform(), -3);
    surprise.record(uniform(), 12);

    assertThat(surprise.take().pitDeviation()).isEqualTo(1);
  }

  @Test
  void aNonFiniteActualIsNotCounted() {
    RealizedSurprise surprise = new RealizedSurprise();
    surprise.record(uniform(), Double.NaN);

    assertThat(surprise.take().outcomes()).isZero();
  }

  @Test
  void aRestoredAccumulatorContinuesWhereItStopped() {
    RealizedSurprise surprise = new RealizedSurprise();
    surprise.record(uniform(), 2);
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    RealizedSurpriseCodec.write(out, surprise);
    RealizedSurprise restored = new RealizedSurprise();
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "test", 1);
    RealizedSurpriseCodec.read(in, restored);
    in.finish();

    surprise.record(uniform(), 7);
    restored.record(uniform(), 7);

    assertThat(restored.take()).isEqualTo(surprise.take());
  }

  @Test
  void aNegativeCountIsRefused() {
    SnapshotWriter out = SnapshotWriter.start("test", 1);
    out.writeDouble(1).writeDouble(0.5).writeInt(-1);
    SnapshotReader in = SnapshotReader.open(out.toByteArray(), "test", 1);

    assertThatThrownBy(() -> RealizedSurpriseCodec.read(in, new RealizedSurprise()))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("-1 outcomes");
  }
}
