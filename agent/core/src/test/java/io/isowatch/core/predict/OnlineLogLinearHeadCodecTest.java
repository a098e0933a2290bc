package io.isowatch.core.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Window;
import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnlineLogLinearHeadCodecTest {
  private static final int WIDTH = 8;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final HeadSettings SETTINGS =
      new HeadSettings(6, HeadSettings.Binning.QUANTILE, 0, 1, 12, 0.3, 1e-4);

  /** Learning steps in the seeded state: past the 12-target warm-up, so quantile bins are cut. */
  private static final int SEEDED = 30;

  /** One step: a random window and embedding, predicted, then the next value learned. */
  private static Prediction step(OnlineLogLinearHead head, SplittableRandom random) {
    double[] values = {random.nextDouble() * 10, random.nextDouble() * 10, 5};
    Window window = new Window("f", 0, T0, T0.plusSeconds(2), values);
    float[] pooled = new float[WIDTH];
    for (int j = 0; j < WIDTH; j++) {
      pooled[j] = (float) random.nextGaussian();
    }
    Prediction prediction =
        head.predict(window, new Embedding(pooled, new float[][] {pooled}, Optional.empty()))
            .orElseThrow();
    head.learn(prediction, random.nextDouble() * 10);
    return prediction;
  }

  private static OnlineLogLinearHead seeded() {
    OnlineLogLinearHead head = OnlineLogLinearHead.create(SETTINGS, WIDTH);
    SplittableRandom random = new SplittableRandom(101);
    for (int i = 0; i < SEEDED; i++) {
      step(head, random);
    }
    return head;
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        OnlineLogLinearHeadCodec.KIND,
        OnlineLogLinearHeadCodec.VERSION,
        OnlineLogLinearHeadCodec.write(seeded()));
  }

  @Test
  void version1ContinuesLikeAFreshHeadFedTheSameInput() {
    OnlineLogLinearHead restored =
        OnlineLogLinearHeadCodec.read(SnapshotFixtures.load("online-log-linear-head", 1), SETTINGS);
    OnlineLogLinearHead fresh = seeded();
    assertThat(restored.ready()).isTrue();
    assertThat(restored.bins().edges()).containsExactly(fresh.bins().edges());

    // the same continuation into both: every prediction's logits must match exactly
    SplittableRandom next = new SplittableRandom(103);
    SplittableRandom sameNext = new SplittableRandom(103);
    for (int i = 0; i < 20; i++) {
      Prediction expected = step(fresh, next);
      assertThat(step(restored, sameNext).logits()).containsExactly(expected.logits());
    }
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                OnlineLogLinearHeadCodec.read(
                    SnapshotFixtures.header("online-log-linear-head", 2), SETTINGS))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'online-log-linear-head' snapshot has format version 2, this build reads versions 1"
                + " to 1: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () ->
                OnlineLogLinearHeadCodec.read(SnapshotFixtures.header("model-logits", 1), SETTINGS))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'model-logits' state, expected 'online-log-linear-head': "
                + SnapshotAdvice.MISMATCH);
  }
}
