package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.util.List;
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
  void version2ContinuesLikeAFreshTrackerFedTheSameInput() {
    RollingCloudTracker restored =
        RollingCloudTrackerCodec.read(SnapshotFixtures.load("rolling-cloud", 2));
    RollingCloudTracker fresh = seeded();
    assertThat(restored.latest()).isPresent().isEqualTo(fresh.latest());
    assertThat(restored.updates()).isEqualTo(SEEDED);
    continueBoth(restored, fresh);
  }

  /**
   * Version 1's report was computed with norms summed in one running sum: until the next
   * recomputation it equals today's to the last bits (1e-9), after it exactly.
   */
  @Test
  void version1ContinuesLikeAFreshTrackerOnceItRecomputes() {
    RollingCloudTracker restored =
        RollingCloudTrackerCodec.read(SnapshotFixtures.load("rolling-cloud", 1));
    RollingCloudTracker fresh = seeded();
    assertThat(restored.latest()).isPresent();
    SnapshotFixtures.assertSameUpToRounding(
        List.of(restored.latest().toString()), List.of(fresh.latest().toString()), 1e-9);
    assertThat(restored.updates()).isEqualTo(SEEDED);
    continueBoth(restored, fresh);
  }

  private static void continueBoth(RollingCloudTracker restored, RollingCloudTracker fresh) {
    // the same continuation into both: recomputations fall on the same updates, equal reports
    SplittableRandom next = new SplittableRandom(83);
    SplittableRandom sameNext = new SplittableRandom(83);
    boolean recomputedOnce = false;
    for (int i = SEEDED; i < SEEDED + 30; i++) {
      boolean recomputed = fresh.update(vector(next, i));
      assertThat(restored.update(vector(sameNext, i))).isEqualTo(recomputed);
      recomputedOnce |= recomputed;
      if (recomputedOnce) {
        assertThat(restored.latest()).isEqualTo(fresh.latest());
      }
    }
    assertThat(recomputedOnce).isTrue();
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> RollingCloudTrackerCodec.read(SnapshotFixtures.header("rolling-cloud", 3)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'rolling-cloud' snapshot has format version 3, this build reads versions 1 to 2: "
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
