package io.isowatch.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.ValueBins;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftDriftTrackerCodecTest {
  private static final ValueBins BINS = ValueBins.uniform(0, 1, 6);

  /** Seeded input: 9 predictions into a 3-reference, 4-recent tracker, so the ring has wrapped. */
  private static final int SEEDED = 9;

  private static void feed(ShiftDriftTracker tracker, SplittableRandom random, int predictions) {
    for (int i = 0; i < predictions; i++) {
      double[] z = new double[BINS.count()];
      for (int k = 0; k < z.length; k++) {
        z[k] = 1.5 * random.nextGaussian() + 0.1 * i;
      }
      tracker.update(new Prediction(z, BINS, 1, new float[0]));
    }
  }

  private static ShiftDriftTracker seeded(SplittableRandom random) {
    ShiftDriftTracker tracker = ShiftDriftTracker.create(3, 4);
    feed(tracker, random, SEEDED);
    return tracker;
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    byte[] written = ShiftDriftTrackerCodec.write(seeded(new SplittableRandom(17)));
    SnapshotFixtures.assertStored(
        ShiftDriftTrackerCodec.KIND, ShiftDriftTrackerCodec.VERSION, written);
  }

  @Test
  void version1ContinuesLikeAFreshTrackerFedTheSameInput() {
    SplittableRandom random = new SplittableRandom(17);
    ShiftDriftTracker fresh = seeded(random);
    ShiftDriftTracker restored =
        ShiftDriftTrackerCodec.read(SnapshotFixtures.load(ShiftDriftTrackerCodec.KIND, 1));

    assertThat(restored.current()).isPresent().isEqualTo(fresh.current());
    // the same continuation into both: every later reading must match exactly
    SplittableRandom next = new SplittableRandom(23);
    SplittableRandom sameNext = new SplittableRandom(23);
    for (int i = 0; i < 6; i++) {
      feed(fresh, next, 1);
      feed(restored, sameNext, 1);
      assertThat(restored.current()).isEqualTo(fresh.current());
    }
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(() -> ShiftDriftTrackerCodec.read(SnapshotFixtures.header("shift-drift", 2)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'shift-drift' snapshot has format version 2, this build reads versions 1 to 1: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> ShiftDriftTrackerCodec.read(SnapshotFixtures.header("trust-scorer", 3)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'trust-scorer' state, expected 'shift-drift': "
                + SnapshotAdvice.MISMATCH);
  }
}
