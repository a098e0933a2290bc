package io.isowatch.core.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotAdvice;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedWindowerTest {
  private static final String FEED = "cpu";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-06-01T12:00:00Z"), ZoneOffset.UTC);

  private static Instant minute(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  private static Observation at(long minute, double value) {
    return new Observation(FEED, minute(minute), value);
  }

  /** A seeded random walk, one value a minute from T0. */
  private static List<Observation> series(int n, long seed) {
    Random random = new Random(seed);
    List<Observation> out = new ArrayList<>();
    double level = 50;
    for (int i = 0; i < n; i++) {
      level += random.nextGaussian();
      out.add(at(i, level));
    }
    return out;
  }

  private static FeedWindower windower(WindowSpec spec) {
    return FeedWindower.create(FEED, spec, CLOCK);
  }

  /** Everything the windower emits for {@code stream}, then a flush. */
  private static List<WindowerOutput> run(FeedWindower windower, List<Observation> stream) {
    List<WindowerOutput> outputs = new ArrayList<>();
    stream.forEach(o -> outputs.add(windower.accept(o)));
    outputs.add(windower.flush());
    return outputs;
  }

  private static List<Window> windows(List<WindowerOutput> outputs) {
    return outputs.stream().flatMap(o -> o.windows().stream()).toList();
  }

  private static List<Rejection> rejections(List<WindowerOutput> outputs) {
    return outputs.stream().flatMap(o -> o.rejections().stream()).toList();
  }

  @Test
  void windowsOfARegularSeriesAreItsSlicesEveryStride() {
    int length = 10;
    int stride = 3;
    List<Observation> stream = series(100, 1);
    double[] values = stream.stream().mapToDouble(Observation::value).toArray();

    List<Window> actual =
        windows(run(windower(WindowSpec.builder().length(length).stride(stride).build()), stream));

    List<Window> expected = new ArrayList<>();
    for (int end = length - 1, seq = 0; end < values.length; end += stride, seq++) {
      int start = end - length + 1;
      expected.add(
          new Window(
              FEED, seq, minute(start), minute(end), Arrays.copyOfRange(values, start, end + 1)));
    }
    assertThat(expected).hasSize((100 - length) / stride + 1);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void theFirstWindowComesAfterLengthValuesThenOneEveryStride() {
    for (int[] shape : new int[][] {{4, 2}, {4, 4}, {4, 1}, {1, 1}, {5, 3}}) {
      int length = shape[0];
      int stride = shape[1];
      FeedWindower windower = windower(WindowSpec.builder().length(length).stride(stride).build());
      List<Integer> emittedAfter = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        int count = windower.accept(at(i, i)).windows().size();
        assertThat(count).isLessThanOrEqualTo(1);
        if (count == 1) {
          emittedAfter.add(i);
        }
      }

      List<Integer> expected = new ArrayList<>();
      for (int n = length; n <= 20; n += stride) {
        expected.add(n);
      }
      assertThat(emittedAfter).as("length %d, stride %d", length, stride).isEqualTo(expected);
      assertThat(windower.windowsEmitted()).isEqualTo(expected.size());
    }
  }

  @Test
  void notFiniteValuesAreRejectedWithTheValueNamed() {
    FeedWindower windower = windower(WindowSpec.defaults());

    WindowerOutput nan = windower.accept(at(5, Double.NaN));
    WindowerOutput inf = windower.accept(at(6, Double.NEGATIVE_INFINITY));

    assertThat(nan.windows()).isEmpty();
    assertThat(nan.rejections())
        .containsExactly(
            new Rejection(
                RejectionReason.NOT_FINITE,
                Optional.of(FEED),
                "feed=cpu time=2024-01-01T00:05:00Z value=NaN",
                "value is NaN",
                CLOCK.instant()));
    assertThat(inf.rejections())
        .singleElement()
        .extracting(Rejection::detail)
        .isEqualTo("value is -Infinity");
    assertThat(windower.rejected(RejectionReason.NOT_FINITE)).isEqualTo(2);
    assertThat(windower.accepted()).isZero();
    assertThat(windower.watermark()).as("a rejected value does not move the watermark").isEmpty();
  }

  @Test
  void aRepeatedEventTimeIsADuplicateWhetherPendingOrReleased() {
    FeedWindower inOrder = windower(WindowSpec.defaults());
    inOrder.accept(at(5, 1.0));
    WindowerOutput released = inOrder.accept(at(5, 2.0));

    FeedWindower lateTolerant =
        windower(WindowSpec.builder().allowedLateness(Duration.ofMinutes(10)).build());
    lateTolerant.accept(at(5, 1.0));
    assertThat(lateTolerant.pending()).isEqualTo(1);
    WindowerOutput pending = lateTolerant.accept(at(5, 2.0));

    for (WindowerOutput out : List.of(released, pending)) {
      assertThat(out.rejections())
          .containsExactly(
              new Rejection(
                  RejectionReason.DUPLICATE,
                  Optional.of(FEED),
                  "feed=cpu time=2024-01-01T00:05:00Z value=2.0",
                  "event time 2024-01-01T00:05:00Z already seen",
                  CLOCK.instant()));
    }
    for (FeedWindower windower : List.of(inOrder, lateTolerant)) {
      assertThat(windower.rejected(RejectionReason.DUPLICATE)).isEqualTo(1);
      assertThat(windower.accepted()).isEqualTo(1);
    }
  }

  @Test
  void aRepeatedTimeStillInTheWindowIsADuplicateAnOlderOneIsTooLate() {
    FeedWindower windower =
        windower(
            WindowSpec.builder()
                .length(3)
                .stride(3)
                .allowedLateness(Duration.ofMinutes(2))
                .build());
    for (int m = 0; m < 6; m++) {
      windower.accept(at(m, m));
    }
    assertThat(windower.released()).isEqualTo(4); // minutes 0..3; 4 and 5 wait out the lateness
    assertThat(windower.held()).isEqualTo(3); // minutes 1..3

    assertThat(windower.accept(at(1, 9)).rejections())
        .singleElement()
        .extracting(Rejection::reason)
        .isEqualTo(RejectionReason.DUPLICATE);
    assertThat(windower.accept(at(0, 9)).rejections())
        .singleElement()
        .extracting(Rejection::reason, Rejection::detail)
        .containsExactly(
            RejectionReason.TOO_LATE,
            "event time 2024-01-01T00:00:00Z is 5 min behind the newest event time"
                + " 2024-01-01T00:05:00Z, more than the allowed 2 min");
  }

  @Test
  void anObservationBehindTheWatermarkByMoreThanTheLatenessIsTooLate() {
    FeedWindower windower =
        windower(WindowSpec.builder().allowedLateness(Duration.ofMinutes(2)).build());
    windower.accept(at(10, 1.0));

    WindowerOutput late = windower.accept(at(7, 2.0));
    WindowerOutput justInTime = windower.accept(at(8, 3.0));

    assertThat(late.rejections())
        .containsExactly(
            new Rejection(
                RejectionReason.TOO_LATE,
                Optional.of(FEED),
                "feed=cpu time=2024-01-01T00:07:00Z value=2.0",
                "event time 2024-01-01T00:07:00Z is 3 min behind the newest event time"
                    + " 2024-01-01T00:10:00Z, more than the allowed 2 min",
                CLOCK.instant()));
    assertThat(justInTime.isEmpty()).isTrue();
    assertThat(windower.rejected(RejectionReason.TOO_LATE)).isEqualTo(1);
    assertThat(windower.accepted()).isEqualTo(2);
    assertThat(windower.released()).as("minute 8 sits exactly at the lateness").isEqualTo(1);
  }

  @Test
  void withoutLatenessAnyOlderObservationIsTooLate() {
    FeedWindower windower = windower(WindowSpec.defaults());
    windower.accept(at(10, 1.0));

    assertThat(windower.accept(at(9, 1.0)).rejections())
        .singleElement()
        .extracting(Rejection::detail)
        .isEqualTo(
            "event time 2024-01-01T00:09:00Z is 1 min behind the newest event time"
                + " 2024-01-01T00:10:00Z, more than the allowed 0 s");
    assertThat(windower.pending()).isZero();
    assertThat(windower.released()).isEqualTo(1);
  }

  @Test
  void outOfOrderWithinTheLatenessGivesTheWindowsOfTheSortedInput() {
    WindowSpec spec =
        WindowSpec.builder().length(12).stride(5).allowedLateness(Duration.ofMinutes(6)).build();
    List<Observation> sorted = series(300, 2);
    Random random = new Random(3);
    double[] arrivalKey =
        IntStream.range(0, sorted.size()).mapToDouble(i -> i + 6 * random.nextDouble()).toArray();
    // Observation i arrives after j only if j < i + 6: never more than 6 minutes behind.
    List<Observation> shuffled =
        IntStream.range(0, sorted.size())
            .boxed()
            .sorted(Comparator.comparingDouble(i -> arrivalKey[i]))
            .map(sorted::get)
            .toList();
    assertThat(shuffled).isNotEqualTo(sorted);

    List<WindowerOutput> fromShuffled = run(windower(spec), shuffled);
    List<WindowerOutput> fromSorted = run(windower(spec), sorted);

    assertThat(rejections(fromShuffled)).isEmpty();
    assertThat(windows(fromShuffled)).hasSize((300 - 12) / 5 + 1).isEqualTo(windows(fromSorted));
  }

  @Test
  void aGapRestartsTheWindowAndKeepsTheValueAfterIt() {
    WindowSpec spec = WindowSpec.builder().length(3).stride(1).maxGap(Duration.ofHours(1)).build();
    FeedWindower windower = windower(spec);
    List<Observation> before = List.of(at(0, 0), at(1, 1), at(2, 2), at(3, 3));
    long afterGap = 3 + 185; // 3 h 5 min later
    List<Observation> after = List.of(at(afterGap, 10), at(afterGap + 1, 11), at(afterGap + 2, 12));
    List<WindowerOutput> beforeOut = before.stream().map(windower::accept).toList();

    WindowerOutput gap = windower.accept(after.get(0));
    assertThat(gap.windows()).isEmpty();
    assertThat(gap.rejections())
        .containsExactly(
            new Rejection(
                RejectionReason.GAP,
                Optional.of(FEED),
                "feed=cpu time=2024-01-01T03:08:00Z value=10.0",
                "3 h 5 min after the previous value at 2024-01-01T00:03:00Z, more than the allowed"
                    + " 1 h; window restarted",
                CLOCK.instant()));
    assertThat(windower.held()).isEqualTo(1);
    assertThat(windower.accept(after.get(1)).isEmpty()).isTrue();
    WindowerOutput firstAfter = windower.accept(after.get(2));

    assertThat(windows(beforeOut)).extracting(Window::sequence).containsExactly(0L, 1L);
    assertThat(firstAfter.windows())
        .containsExactly(
            new Window(FEED, 2, minute(afterGap), minute(afterGap + 2), new double[] {10, 11, 12}));
    assertThat(windower.rejected(RejectionReason.GAP)).isEqualTo(1);
    assertThat(windower.released()).isEqualTo(7);
  }

  @Test
  void aGapOfExactlyTheMaximumDoesNotRestart() {
    FeedWindower windower =
        windower(WindowSpec.builder().length(2).stride(1).maxGap(Duration.ofHours(1)).build());
    windower.accept(at(0, 0));

    WindowerOutput out = windower.accept(at(60, 1));

    assertThat(out.rejections()).isEmpty();
    assertThat(out.windows())
        .containsExactly(new Window(FEED, 0, minute(0), minute(60), new double[] {0, 1}));
  }

  @Test
  void aFullReorderBufferReleasesItsOldestEarly() {
    WindowSpec spec =
        WindowSpec.builder()
            .length(2)
            .stride(1)
            .allowedLateness(Duration.ofHours(1))
            .maxPending(3)
            .build();
    FeedWindower windower = windower(spec);
    List<Integer> pendingAfter = new ArrayList<>();
    List<Window> emitted = new ArrayList<>();
    for (int m : new int[] {0, 2, 4, 6, 8}) {
      emitted.addAll(windower.accept(at(m, m)).windows());
      pendingAfter.add(windower.pending());
    }

    assertThat(pendingAfter).containsExactly(1, 2, 3, 3, 3);
    assertThat(windower.released()).isEqualTo(2); // minutes 0 and 2, long before their hour passed
    assertThat(emitted)
        .containsExactly(new Window(FEED, 0, minute(0), minute(2), new double[] {0, 2}));

    WindowerOutput behindReleased = windower.accept(at(1, 1));
    assertThat(behindReleased.rejections())
        .containsExactly(
            new Rejection(
                RejectionReason.TOO_LATE,
                Optional.of(FEED),
                "feed=cpu time=2024-01-01T00:01:00Z value=1.0",
                "event time 2024-01-01T00:01:00Z is before 2024-01-01T00:02:00Z, a value already"
                    + " released ahead of the lateness (by a full reorder buffer or a flush)",
                CLOCK.instant()));
    WindowerOutput fillsAHole = windower.accept(at(3, 3));
    assertThat(fillsAHole.windows())
        .as("minute 3 is newer than every released value, so it is placed in order")
        .containsExactly(new Window(FEED, 1, minute(2), minute(3), new double[] {2, 3}));
    assertThat(windower.pending()).isEqualTo(3);
  }

  @Test
  void flushReleasesEverythingPendingAndEmitsOnlyCompleteWindows() {
    WindowSpec spec =
        WindowSpec.builder().length(3).stride(1).allowedLateness(Duration.ofHours(1)).build();
    FeedWindower windower = windower(spec);
    List<Observation> stream = series(5, 4);
    stream.forEach(o -> assertThat(windower.accept(o).isEmpty()).isTrue());
    assertThat(windower.pending()).isEqualTo(5);

    WindowerOutput flushed = windower.flush();

    double[] values = stream.stream().mapToDouble(Observation::value).toArray();
    assertThat(flushed.rejections()).isEmpty();
    assertThat(flushed.windows())
        .containsExactly(
            new Window(FEED, 0, minute(0), minute(2), Arrays.copyOfRange(values, 0, 3)),
            new Window(FEED, 1, minute(1), minute(3), Arrays.copyOfRange(values, 1, 4)),
            new Window(FEED, 2, minute(2), minute(4), Arrays.copyOfRange(values, 2, 5)));
    assertThat(windower.pending()).isZero();
    assertThat(windower.flush()).isSameAs(WindowerOutput.EMPTY);
    assertThat(windower.accept(at(5, 1)).rejections()).isEmpty();
  }

  @Test
  void anotherFeedsObservationIsAProgrammingError() {
    FeedWindower windower = windower(WindowSpec.defaults());

    assertThatThrownBy(() -> windower.accept(new Observation("mem", T0, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("observation of feed 'mem' given to the windower of feed 'cpu'");
  }

  /** Out of order, NaN, duplicates, too late, gaps and buffer overflows, all in one stream. */
  private static List<Observation> messyStream() {
    Random random = new Random(5);
    List<Observation> out = new ArrayList<>();
    long minute = 0;
    for (int i = 0; i < 400; i++) {
      minute += random.nextInt(50) == 0 ? 90 : 1; // an occasional 90-minute gap
      long jitter = random.nextInt(4) == 0 ? -random.nextInt(8) : 0;
      double value = random.nextInt(40) == 0 ? Double.NaN : random.nextGaussian();
      out.add(at(minute + jitter, value));
      if (random.nextInt(30) == 0) {
        out.add(at(minute + jitter, 0.5)); // a duplicate
      }
    }
    return out;
  }

  private static WindowSpec messySpec() {
    return WindowSpec.builder()
        .length(16)
        .stride(4)
        .allowedLateness(Duration.ofMinutes(5))
        .maxGap(Duration.ofHours(1))
        .maxPending(4)
        .build();
  }

  @Test
  void theMessyStreamExercisesEveryRule() {
    FeedWindower windower = windower(messySpec());
    List<WindowerOutput> outputs = run(windower, messyStream());

    for (RejectionReason reason :
        List.of(
            RejectionReason.NOT_FINITE,
            RejectionReason.DUPLICATE,
            RejectionReason.TOO_LATE,
            RejectionReason.GAP)) {
      assertThat(windower.rejected(reason)).as(reason.label()).isPositive();
      assertThat(rejections(outputs).stream().filter(r -> r.reason() == reason).count())
          .as("every %s rejection is reported exactly once", reason.label())
          .isEqualTo(windower.rejected(reason));
    }
    long dropped = messyStream().size() - windower.accepted();
    assertThat(dropped)
        .isEqualTo(
            windower.rejected(RejectionReason.NOT_FINITE)
                + windower.rejected(RejectionReason.DUPLICATE)
                + windower.rejected(RejectionReason.TOO_LATE));
    assertThat(windower.released()).isEqualTo(windower.accepted());
    List<Window> windows = windows(outputs);
    for (int i = 0; i < windows.size(); i++) {
      Window window = windows.get(i);
      assertThat(window.sequence()).isEqualTo(i);
      assertThat(window.length()).isEqualTo(16);
    }
  }

  @Test
  void snapshotRoundTripKeepsEveryField() {
    FeedWindower original = windower(messySpec());
    List<Observation> stream = messyStream();
    stream.subList(0, 237).forEach(original::accept);
    assertThat(original.pending()).isPositive();

    FeedWindower restored = FeedWindower.restore(original.snapshot(), CLOCK);

    assertThat(restored.feedId()).isEqualTo(original.feedId());
    assertThat(restored.spec()).isEqualTo(original.spec());
    assertThat(restored.watermark()).isEqualTo(original.watermark());
    assertThat(restored.pending()).isEqualTo(original.pending());
    assertThat(restored.held()).isEqualTo(original.held());
    assertThat(restored.accepted()).isEqualTo(original.accepted());
    assertThat(restored.released()).isEqualTo(original.released());
    assertThat(restored.windowsEmitted()).isEqualTo(original.windowsEmitted());
    for (RejectionReason reason : RejectionReason.values()) {
      assertThat(restored.rejected(reason)).isEqualTo(original.rejected(reason));
    }
    assertThat(restored.snapshot()).isEqualTo(original.snapshot());
  }

  @Test
  void restoredWindowerContinuesExactlyLikeTheOriginal() {
    List<Observation> stream = messyStream();
    for (int stopAt : new int[] {0, 1, 15, 16, 100, 237, stream.size()}) {
      FeedWindower original = windower(messySpec());
      stream.subList(0, stopAt).forEach(original::accept);
      FeedWindower restored = FeedWindower.restore(original.snapshot(), CLOCK);

      List<Observation> rest = stream.subList(stopAt, stream.size());
      assertThat(run(restored, rest)).as("stopped at %d", stopAt).isEqualTo(run(original, rest));
    }
  }

  @Test
  void specWithoutOptionsRoundTrips() {
    FeedWindower original = windower(WindowSpec.defaults());
    original.accept(at(0, 1));

    FeedWindower restored = FeedWindower.restore(original.snapshot());

    assertThat(restored.spec()).isEqualTo(WindowSpec.defaults());
    assertThat(restored.held()).isEqualTo(1);
  }

  @Test
  void corruptSnapshotsAreRefusedWithTheReason() {
    FeedWindower windower = windower(messySpec());
    messyStream().subList(0, 50).forEach(windower::accept);
    byte[] good = windower.snapshot();
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    byte[] trailing = Arrays.copyOf(good, good.length + 2);
    byte[] otherKind = SnapshotWriter.start("baseline-rule", 1).toByteArray();
    byte[] badSpec =
        SnapshotWriter.start("feed-windower", 1)
            .writeString(FEED)
            .writeInt(4) // length
            .writeInt(5) // stride
            .writeLong(0)
            .writeInt(0) // no lateness
            .writeBoolean(false) // no max gap
            .writeInt(8) // max pending
            .toByteArray();
    byte[] newer = SnapshotWriter.start("feed-windower", 3).toByteArray();

    assertThatThrownBy(() -> FeedWindower.restore(truncated))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage("'feed-windower' snapshot is truncated");
    assertThatThrownBy(() -> FeedWindower.restore(trailing))
        .hasMessage("'feed-windower' snapshot has 2 unexpected trailing bytes");
    assertThatThrownBy(() -> FeedWindower.restore(otherKind))
        .hasMessage(
            "snapshot holds 'baseline-rule' state, expected 'feed-windower'"
                + ": "
                + SnapshotAdvice.MISMATCH);
    assertThatThrownBy(() -> FeedWindower.restore(newer))
        .hasMessage(
            "'feed-windower' snapshot has format version 3, this build reads versions 1 to 2"
                + ": "
                + SnapshotAdvice.NEWER);
    assertThatThrownBy(() -> FeedWindower.restore(badSpec))
        .isInstanceOf(CorruptSnapshotException.class)
        .hasMessage(
            "'feed-windower' snapshot holds an invalid spec: stride must be between 1 and length"
                + " (4), got 5");
  }

  @Test
  void aRecordDatedFarAheadIsRejectedAndNeverBecomesTheFeedsClock() {
    Instant now = CLOCK.instant();
    FeedWindower windower = windower(WindowSpec.builder().length(4).stride(1).build());
    windower.accept(new Observation(FEED, now.minusSeconds(60), 1));

    WindowerOutput future =
        windower.accept(new Observation(FEED, Instant.parse("9999-12-31T23:59:59Z"), 1));
    List<WindowerOutput> later = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      later.add(windower.accept(new Observation(FEED, now.minusSeconds(50 - i), i)));
    }

    assertThat(future.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(RejectionReason.TOO_FAR_AHEAD);
              assertThat(r.detail()).contains("ahead of the agent's clock").contains("1 h");
            });
    assertThat(rejections(later)).as("the ten valid records after it").isEmpty();
    assertThat(windower.accepted()).isEqualTo(11);
    assertThat(windower.watermark()).contains(now.minusSeconds(41));
  }

  @Test
  void theFirstRecordOfAFeedIsCheckedAgainstTheClockToo() {
    FeedWindower windower = windower(WindowSpec.defaults());

    WindowerOutput first =
        windower.accept(new Observation(FEED, CLOCK.instant().plusSeconds(3601), 1));

    assertThat(first.refusedRecord()).isTrue();
    assertThat(windower.watermark()).isEmpty();
  }

  @Test
  void maxAheadIsTheBoundInclusive() {
    Duration bound = Duration.ofMinutes(10);
    FeedWindower windower = windower(WindowSpec.builder().maxAhead(bound).build());
    Instant edge = CLOCK.instant().plus(bound);

    WindowerOutput atBound = windower.accept(new Observation(FEED, edge, 1));
    WindowerOutput beyond = windower.accept(new Observation(FEED, edge.plusNanos(1), 2));

    assertThat(atBound.refusedRecord()).isFalse();
    assertThat(beyond.rejections())
        .extracting(Rejection::reason)
        .containsExactly(RejectionReason.TOO_FAR_AHEAD);
    assertThat(windower.rejected(RejectionReason.TOO_FAR_AHEAD)).isEqualTo(1);
  }

  @Test
  void recordsWithAnInvalidFeedNameAreRejectedWithoutNamingTheFeed() {
    for (String name :
        List.of("x".repeat(FeedName.MAX_LENGTH + 1), "a\nb", "a\uFFFDb", "a\uD800b", "a\u202Eb")) {
      FeedWindower windower = FeedWindower.create(name, WindowSpec.defaults(), CLOCK);

      WindowerOutput out = windower.accept(new Observation(name, T0, 1));

      assertThat(out.rejections())
          .as("name %s", name.length() > 20 ? name.substring(0, 20) + "..." : name)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_FEED_NAME);
                assertThat(r.feedId()).isEmpty();
              });
      assertThat(windower.accepted()).isZero();
    }
    String longest = "\uD83D\uDE00".repeat(FeedName.MAX_LENGTH); // code points, not chars
    FeedWindower emoji = FeedWindower.create(longest, WindowSpec.defaults(), CLOCK);
    assertThat(emoji.accept(new Observation(longest, T0, 1)).refusedRecord()).isFalse();
  }

  @Test
  void aSnapshotKeepsMaxAhead() {
    WindowSpec spec = WindowSpec.builder().maxAhead(Duration.ofDays(3)).build();

    FeedWindower restored = FeedWindower.restore(windower(spec).snapshot(), CLOCK);

    assertThat(restored.spec().maxAhead()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void memoryIsTwentyBytesPerSlotPlusAConstant() {
    WindowSpec small = WindowSpec.builder().length(10).stride(1).maxPending(5).build();
    WindowSpec longer = WindowSpec.builder().length(11).stride(1).maxPending(5).build();
    WindowSpec deeper = WindowSpec.builder().length(10).stride(1).maxPending(6).build();

    assertThat(FeedWindower.memoryBytes(longer) - FeedWindower.memoryBytes(small)).isEqualTo(20);
    assertThat(FeedWindower.memoryBytes(deeper) - FeedWindower.memoryBytes(small)).isEqualTo(20);
    long slots = WindowSpec.DEFAULT_LENGTH + WindowSpec.DEFAULT_MAX_PENDING + 1;
    assertThat(FeedWindower.memoryBytes(WindowSpec.defaults()))
        .as("the figure the Javadoc states")
        .isEqualTo(20 * slots + 256)
        .isEqualTo(22_036);
  }
}
