package io.isowatch.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.predict.Prediction;
import io.isowatch.core.predict.ValueBins;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.util.ArrayList;
import java.util.List;
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
  void version2ContinuesLikeAFreshTrackerFedTheSameInput() {
    Readings readings = Readings.of(2);
    assertThat(readings.restored()).isEqualTo(readings.fresh());
  }

  /**
   * Version 1 held the recent logits as doubles, and the reference sums of doubles; read, the
   * logits are rounded to the floats a prediction holds today, so it continues like a fresh tracker
   * to that rounding.
   */
  @Test
  void version1ContinuesLikeAFreshTrackerToTheRoundingOfItsLogits() {
    Readings readings = Readings.of(1);
    SnapshotFixtures.assertSameUpToRounding(readings.restored(), readings.fresh(), 1e-6);
  }

  /** The signals of a restored and a fresh tracker, now and after each of 6 more predictions. */
  private record Readings(List<String> restored, List<String> fresh) {
    static Readings of(int version) {
      ShiftDriftTracker fresh = seeded(new SplittableRandom(17));
      ShiftDriftTracker restored =
          ShiftDriftTrackerCodec.read(SnapshotFixtures.load(ShiftDriftTrackerCodec.KIND, version));
      assertThat(restored.current()).isPresent();
      Readings readings = new Readings(new ArrayList<>(), new ArrayList<>());
      readings.add(restored, fresh);
      // the same continuation into both
      SplittableRandom next = new SplittableRandom(23);
      SplittableRandom sameNext = new SplittableRandom(23);
      for (int i = 0; i < 6; i++) {
        feed(fresh, next, 1);
        feed(restored, sameNext, 1);
        readings.add(restored, fresh);
      }
      return readings;
    }

    private void add(ShiftDriftTracker restoredTracker, ShiftDriftTracker freshTracker) {
      restored.add(restoredTracker.current().toString());
      fresh.add(freshTracker.current().toString());
    }
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(() -> ShiftDriftTrackerCodec.read(SnapshotFixtures.header("shift-drift", 3)))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'shift-drift' snapshot has format version 3, this build reads versions 1 to 2: "
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
