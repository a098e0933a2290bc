package io.isowatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeedWindowerCodecTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-06-01T12:00:00Z"), ZoneOffset.UTC);
  private static final WindowSpec SPEC =
      new WindowSpec(
          6, 2, Duration.ofMinutes(3), Optional.of(Duration.ofMinutes(10)), 5, Duration.ofDays(1));

  /** Observations in the seeded state: disordered, some too late, a gap after minute 20. */
  private static final int SEEDED = 40;

  /**
   * Observation {@code i}: about a minute apart, up to 3 minutes out of order; every ninth repeats
   * an old minute (too late or a duplicate); minutes after 20 jump 15 minutes ahead (a gap).
   */
  private static Observation observation(SplittableRandom random, int i) {
    long minute = i + random.nextInt(4) - (i % 9 == 8 ? 8 : 0) + (i > 20 ? 15 : 0);
    return new Observation("cpu", T0.plus(Duration.ofMinutes(minute)), random.nextGaussian());
  }

  private static FeedWindower seeded() {
    FeedWindower windower = FeedWindower.create("cpu", SPEC, CLOCK);
    SplittableRandom random = new SplittableRandom(107);
    for (int i = 0; i < SEEDED; i++) {
      windower.accept(observation(random, i));
    }
    return windower;
  }

  /** Every output of 30 more observations and a flush, the same input for every windower. */
  private static List<WindowerOutput> continuation(FeedWindower windower) {
    SplittableRandom random = new SplittableRandom(109);
    List<WindowerOutput> outputs = new ArrayList<>();
    for (int i = SEEDED; i < SEEDED + 30; i++) {
      outputs.add(windower.accept(observation(random, i)));
    }
    outputs.add(windower.flush());
    return outputs;
  }

  @Test
  void todaysCodeWritesTheStoredBytesOfTheCurrentVersion() {
    SnapshotFixtures.assertStored(
        FeedWindowerCodec.KIND, FeedWindowerCodec.VERSION, FeedWindowerCodec.write(seeded()));
  }

  @Test
  void version2ContinuesLikeAFreshWindowerFedTheSameInput() {
    FeedWindower restored =
        FeedWindowerCodec.read(SnapshotFixtures.load("feed-windower", 2), CLOCK);
    FeedWindower fresh = seeded();
    assertThat(restored.pending()).isPositive().isEqualTo(fresh.pending());
    assertThat(restored.held()).isEqualTo(fresh.held());
    for (RejectionReason reason : RejectionReason.values()) {
      assertThat(restored.rejected(reason)).isEqualTo(fresh.rejected(reason));
    }

    List<WindowerOutput> expected = continuation(fresh);
    assertThat(expected).anySatisfy(output -> assertThat(output.windows()).isNotEmpty());
    // windows hold arrays: compare field by field
    assertThat(continuation(restored)).usingRecursiveComparison().isEqualTo(expected);
  }

  /**
   * Version 1 (before the bound ahead of the clock) as its release wrote the same seeded state
   * (snapshots/README says how): read with the default bound, which none of these observations
   * reach, it continues like a fresh windower.
   */
  @Test
  void version1ContinuesLikeAFreshWindowerFedTheSameInput() {
    FeedWindower restored =
        FeedWindowerCodec.read(SnapshotFixtures.load("feed-windower", 1), CLOCK);
    FeedWindower fresh = seeded();
    assertThat(restored.spec())
        .isEqualTo(
            new WindowSpec(
                SPEC.length(),
                SPEC.stride(),
                SPEC.allowedLateness(),
                SPEC.maxGap(),
                SPEC.maxPending(),
                WindowSpec.DEFAULT_MAX_AHEAD));
    assertThat(restored.pending()).isPositive().isEqualTo(fresh.pending());
    assertThat(restored.held()).isEqualTo(fresh.held());
    for (RejectionReason reason : RejectionReason.values()) {
      assertThat(restored.rejected(reason)).isEqualTo(fresh.rejected(reason));
    }

    assertThat(continuation(restored)).usingRecursiveComparison().isEqualTo(continuation(fresh));
  }

  @Test
  void aNewerVersionIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> FeedWindowerCodec.read(SnapshotFixtures.header("feed-windower", 3), CLOCK))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'feed-windower' snapshot has format version 3, this build reads versions 1 to 2: "
                + SnapshotAdvice.NEWER);
  }

  @Test
  void anotherKindIsRefusedWithAdvice() {
    assertThatThrownBy(
            () -> FeedWindowerCodec.read(SnapshotFixtures.header("feed-monitor", 1), CLOCK))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "snapshot holds 'feed-monitor' state, expected 'feed-windower': "
                + SnapshotAdvice.MISMATCH);
  }
}
