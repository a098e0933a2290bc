package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingCloudTrackerCodecTest {
  private static final int DIM = 6;

  /** Vectors in the seeded state: the 20-vector ring has wrapped, 3 updates since a recompute. */
  private static final int SEEDED = 45;

  /** Anisotropic vectors (coordinate j scaled by j + 1) around a drifting centre. */
  private static double[] vector(SplittableRandom random, int i) {
    double[] v = new double[DIM];
    for (int j = 0; j < DIM; j++) {
      v[j] = (j + 1) * random.nextGaussian() + 0.05 * i;
    }
    return v;
  }

  private static RollingCloudTracker seeded() {
    RollingCloudTracker tracker =
        RollingCloudTracker.builder()
            .dim(DIM)
            .capacity(20)
            .recomputeEvery(7)
            .clusterIsotropy(ClusterOptions.builder().maxClusters(3).build())
            .build();
    SplittableRandom random = new SplittableRandom(79);
    for (int i = 0; i < SEEDED; i++) {
      tracker.update(vector(random, i));
    }
    return tracker;
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        RollingCloudTrackerCodec.KIND,
        RollingCloudTrackerCodec.VERSION,
        RollingCloudTrackerCodec.write(seeded()));
  }

  @Test
  void version1ContinuesLikeAFreshTrackerFedTheSameInput() {
    RollingCloudTracker restored =
        RollingCloudTrackerCodec.read(SnapshotFixtures.load("rolling-cloud", 1));
    RollingCloudTracker fresh = seeded();
    assertThat(restored.latest()).isPresent().isEqualTo(fresh.latest());
    assertThat(restored.updates()).isEqualTo(SEEDED);

    // the same continuation into both: recomputations fall on the same updates, equal reports
    SplittableRandom next = new SplittableRandom(83);
    SplittableRandom sameNext = new SplittableRandom(83);
    for (int i = SEEDED; i < SEEDED + 30; i++) {
      boolean recomputed = fresh.update(vector(next, i));
      assertThat(restored.update(vector(sameNext, i))).isEqualTo(recomputed);
      assertThat(restored.latest()).isEqualTo(fresh.latest());
    }
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> RollingCloudTrackerCodec.read(SnapshotFixtures.header("rolling-cloud", 2)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'rolling-cloud' snapshot has format version 2, this build reads versions 1 to 1: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> RollingCloudTrackerCodec.read(SnapshotFixtures.header("ewma-covariance", 1)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'ewma-covariance' state, expected 'rolling-cloud': "
                + SnapshotAdvice.MISMATCH);
  }
}
