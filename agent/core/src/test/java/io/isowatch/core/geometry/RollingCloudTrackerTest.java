package io.isowatch.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingCloudTrackerTest {
  private static final int DIM = 6;
  private static final double[][] STREAM = Clouds.scaledAndShifted(200, DIM, 40);

  private static RollingCloudTracker tracker() {
    return RollingCloudTracker.builder()
        .dim(DIM)
        .capacity(50)
        .recomputeEvery(7)
        .clusterIsotropy(ClusterOptions.builder().maxClusters(4).build())
        .build();
  }

  @Test
  void reportEqualsTheBatchReportOfTheLastCapacityVectors() {
    RollingCloudTracker tracker = tracker();
    int fed = 0;
    for (int i = 0; i < 133; i++) { // wraps the ring buffer twice; 133 = 19 * 7 recomputes here
      tracker.update(STREAM[i]);
      fed++;
    }
    double[][] lastFifty = Arrays.copyOfRange(STREAM, fed - 50, fed);

    assertThat(tracker.cloud().size()).isEqualTo(50);
    for (int i = 0; i < 50; i++) {
      assertThat(tracker.cloud().row(i)).containsExactly(lastFifty[i]);
    }
    assertThat(tracker.latest())
        .contains(
            GeometryAnalyzer.withClusters(ClusterOptions.builder().maxClusters(4).build())
                .analyze(Cloud.of(lastFifty)));
  }

  @Test
  void recomputesEveryKUpdatesOnceTwoVectorsAreHeld() {
    RollingCloudTracker tracker =
        RollingCloudTracker.builder().dim(DIM).capacity(10).recomputeEvery(3).build();
    List<Integer> recomputedAt = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      if (tracker.update(STREAM[i])) {
        recomputedAt.add(i + 1);
      }
    }

    assertThat(recomputedAt).containsExactly(3, 6, 9, 12);
    assertThat(tracker.updates()).isEqualTo(12);
    assertThat(tracker.size()).isEqualTo(10);
    assertThat(tracker.latest().orElseThrow().size()).isEqualTo(10);
  }

  @Test
  void aReportAskedForLateIsThatOfItsRecomputationNotOfLaterVectors() {
    RollingCloudTracker asking = tracker();
    RollingCloudTracker late = tracker();
    GeometryReport atRecomputation = null;
    for (int i = 0; i < 60; i++) {
      boolean recomputed = asking.update(STREAM[i]);
      late.update(STREAM[i]);
      if (recomputed) {
        atRecomputation = asking.latest().orElseThrow();
      }
    }

    // 60 = 8 * 7 + 4: four vectors arrived after the last recomputation, which nobody read from
    // `late` until now
    assertThat(late.latest()).contains(atRecomputation);
    assertThat(late.latest().orElseThrow().size()).isEqualTo(50);
    assertThat(late.snapshot()).isEqualTo(asking.snapshot());
  }

  @Test
  void aCloudOfFewerVectorsThanDimsKeepingItsOuterGramReportsAsTheBatchAnalysis() {
    int dim = 24;
    int capacity = 16;
    double[][] stream = Clouds.scaledAndShifted(150, dim, 40);
    for (int every : new int[] {1, 3, 7, 20}) {
      RollingCloudTracker tracker =
          RollingCloudTracker.builder().dim(dim).capacity(capacity).recomputeEvery(every).build();
      for (int i = 0; i < stream.length; i++) {
        // some reports are never asked for, so the next one shares fewer vectors with the last
        if (tracker.update(stream[i]) && i % 5 != 2) {
          double[][] held = Arrays.copyOfRange(stream, Math.max(0, i + 1 - capacity), i + 1);
          assertThat(tracker.latest())
              .as("every %d, after %d", every, i + 1)
              .contains(GeometryAnalyzer.withoutClusters().analyze(Cloud.of(held)));
        }
      }
    }
  }

  @Test
  void nothingIsReportedBeforeTheFirstRecomputation() {
    RollingCloudTracker tracker =
        RollingCloudTracker.builder().dim(DIM).capacity(10).recomputeEvery(1).build();

    assertThat(tracker.update(STREAM[0])).isFalse(); // one vector has no geometry
    assertThat(tracker.latest()).isEmpty();
    assertThat(tracker.update(STREAM[1])).isTrue();
    assertThat(tracker.latest()).isPresent();
  }

  @Test
  void snapshotRoundTripKeepsEveryField() {
    RollingCloudTracker original = tracker();
    for (int i = 0; i < 80; i++) {
      original.update(STREAM[i]);
    }

    RollingCloudTracker restored = RollingCloudTracker.restore(original.snapshot());

    assertThat(restored.dim()).isEqualTo(original.dim());
    assertThat(restored.capacity()).isEqualTo(original.capacity());
    assertThat(restored.recomputeEvery()).isEqualTo(original.recomputeEvery());
    assertThat(restored.updates()).isEqualTo(original.updates());
    assertThat(restored.size()).isEqualTo(original.size());
    assertThat(restored.latest()).isEqualTo(original.latest());
    assertThat(restored.cloud().mean()).containsExactly(original.cloud().mean());
    assertThat(restored.snapshot()).isEqualTo(original.snapshot());
  }

  @Test
  void restoredTrackerContinuesExactlyLikeTheOriginal() {
    for (int stopAt : new int[] {1, 30, 50, 77}) { // empty-ish, partial, exactly full, wrapped
      RollingCloudTracker original = tracker();
      for (int i = 0; i < stopAt; i++) {
        original.update(STREAM[i]);
      }
      RollingCloudTracker restored = RollingCloudTracker.restore(original.snapshot());

      for (int i = stopAt; i < STREAM.length; i++) {
        assertThat(restored.update(STREAM[i])).isEqualTo(original.update(STREAM[i]));
        assertThat(restored.latest()).isEqualTo(original.latest());
      }
    }
  }

  @Test
  void badVectorsAreRejectedAndLeaveTheTrackerUnchanged() {
    RollingCloudTracker tracker = tracker();
    tracker.update(STREAM[0]);
    byte[] before = tracker.snapshot();

    assertThatThrownBy(() -> tracker.update(new double[DIM + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector has 7 values, the tracker expects 6");
    double[] withNaN = STREAM[1].clone();
    withNaN[2] = Double.NaN;
    assertThatThrownBy(() -> tracker.update(withNaN))
        .hasMessage("vector value 2 is not finite: NaN");
    assertThat(tracker.snapshot()).isEqualTo(before);
  }

  @Test
  void corruptSnapshotsAreRefusedWithTheReason() {
    byte[] good = tracker().snapshot();
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    byte[] trailing = Arrays.copyOf(good, good.length + 2);
    byte[] otherKind = EwmaCovarianceTracker.builder().dim(DIM).build().snapshot();

    assertThatThrownBy(() -> RollingCloudTracker.restore(truncated))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage("'rolling-cloud' snapshot is truncated");
    assertThatThrownBy(() -> RollingCloudTracker.restore(trailing))
        .hasMessage("'rolling-cloud' snapshot has 2 unexpected trailing bytes");
    assertThatThrownBy(() -> RollingCloudTracker.restore(otherKind))
        .hasMessage(
            "snapshot holds 'ewma-covariance' state, expected 'rolling-cloud'"
                + ": "
                + SnapshotAdvice.MISMATCH);
    assertThatThrownBy(() -> RollingCloudTracker.restore(new byte[] {1, 2, 3, 4, 5}))
        .hasMessage("not an isowatch snapshot (bad magic number)");
  }

  @Test
  void builderNamesTheFieldAtFault() {
    assertThatThrownBy(() -> RollingCloudTracker.builder().build())
        .hasMessage("dim must be at least 1, got 0");
    assertThatThrownBy(() -> RollingCloudTracker.builder().dim(4).capacity(1).build())
        .hasMessage("capacity must be at least 2, got 1");
    assertThatThrownBy(() -> RollingCloudTracker.builder().dim(4).recomputeEvery(0).build())
        .hasMessage("recomputeEvery must be at least 1, got 0");
  }

  @Test
  void memoryIsTheBufferAndTheOuterGramPlusAConstant() {
    assertThat(RollingCloudTracker.memoryBytes(384, 256) - RollingCloudTracker.memoryBytes(384, 0))
        .isEqualTo(8L * 384 * 256 + 8L * 256 * 256);
    // as many vectors as dims or more: the partition isotropy takes the d x d route, no outer Gram
    assertThat(RollingCloudTracker.memoryBytes(16, 16) - RollingCloudTracker.memoryBytes(0, 16))
        .isEqualTo(8L * 16 * 16);
  }
}
