package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EwmaCovarianceTrackerCodecTest {
  private static final int DIM = 5;

  /** Vectors in the seeded state: 4 updates since a recompute, one zero vector among them. */
  private static final int SEEDED = 40;

  /** Correlated coordinates around a drifting centre; vector 13 is zero (no unit direction). */
  private static double[] vector(SplittableRandom random, int i) {
    double[] v = new double[DIM];
    if (i == 13) {
      return v;
    }
    double common = random.nextGaussian();
    for (int j = 0; j < DIM; j++) {
      v[j] = common * (j + 1) / DIM + random.nextGaussian() + 0.1 * i;
    }
    return v;
  }

  private static EwmaCovarianceTracker seeded() {
    EwmaCovarianceTracker tracker =
        EwmaCovarianceTracker.builder().dim(DIM).alpha(0.1).recomputeEvery(6).build();
    SplittableRandom random = new SplittableRandom(89);
    for (int i = 0; i < SEEDED; i++) {
      tracker.update(vector(random, i));
    }
    return tracker;
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        EwmaCovarianceTrackerCodec.KIND,
        EwmaCovarianceTrackerCodec.VERSION,
        EwmaCovarianceTrackerCodec.write(seeded()));
  }

  @Test
  void version1ContinuesLikeAFreshTrackerFedTheSameInput() {
    EwmaCovarianceTracker restored =
        EwmaCovarianceTrackerCodec.read(SnapshotFixtures.load("ewma-covariance", 1));
    EwmaCovarianceTracker fresh = seeded();
    assertThat(restored.latest()).isPresent().isEqualTo(fresh.latest());

    // the same continuation into both: moments and recomputed geometry must match exactly
    SplittableRandom next = new SplittableRandom(97);
    SplittableRandom sameNext = new SplittableRandom(97);
    for (int i = SEEDED; i < SEEDED + 25; i++) {
      boolean recomputed = fresh.update(vector(next, i));
      assertThat(restored.update(vector(sameNext, i))).isEqualTo(recomputed);
      assertThat(restored.mean()).isEqualTo(fresh.mean());
      assertThat(restored.covariance()).isEqualTo(fresh.covariance());
      assertThat(restored.latest()).isEqualTo(fresh.latest());
    }
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> EwmaCovarianceTrackerCodec.read(SnapshotFixtures.header("ewma-covariance", 2)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'ewma-covariance' snapshot has format version 2, this build reads versions 1 to 1: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> EwmaCovarianceTrackerCodec.read(SnapshotFixtures.header("rolling-cloud", 1)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'rolling-cloud' state, expected 'ewma-covariance': "
                + SnapshotAdvice.MISMATCH);
  }
}
