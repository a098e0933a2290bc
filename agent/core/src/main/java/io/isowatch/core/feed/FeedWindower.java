package io.isowatch.core.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts one feed's observations into sliding windows, in event-time order, and sets aside what
 * cannot be placed with a {@link Rejection} saying why. One instance serves one feed; an engine
 * keeps one per key.
 *
 * <pre>{@code
 * FeedWindower windower =
 *     FeedWindower.create("cpu", WindowSpec.builder().length(64).stride(8).build());
 * for (Observation observation : observations) {
 *   WindowerOutput out = windower.accept(observation);
 *   out.windows().forEach(encoder::submit);
 *   out.rejections().forEach(deadLetters::accept);
 * }
 * windower.flush().windows().forEach(encoder::submit); // end of stream
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * The <em>watermark</em> is the newest event time accepted so far. An observation is checked in
 * this order:
 *
 * <ol>
 *   <li>another feed's observation is a programming error: {@link IllegalArgumentException};
 *   <li>the checks that need no state ({@link ArrivalCheck}): a feed name that breaks a rule of
 *       {@link FeedName} is rejected as {@link RejectionReason#INVALID_FEED_NAME}, a NaN or
 *       infinite value as {@link RejectionReason#NOT_FINITE}, an event time more than {@code
 *       maxAhead} ahead of the clock as {@link RejectionReason#TOO_FAR_AHEAD} (so a record dated in
 *       the year 9999 never becomes the watermark and cannot make every later record late);
 *   <li>an event time already accepted is rejected as {@link RejectionReason#DUPLICATE}. The
 *       windower remembers the times still pending and the times of the values of the current
 *       window (the last {@code length} released since the last restart); a repeat of an older time
 *       is necessarily older than the watermark minus the lateness, or than the last released
 *       value, and is rejected by the next rule instead;
 *   <li>an event time more than {@code allowedLateness} behind the watermark, or before the last
 *       value already released, is rejected as {@link RejectionReason#TOO_LATE}.
 * </ol>
 *
 * Rejected observations change nothing but the rejection counters (in particular they do not move
 * the watermark). An accepted observation enters the reorder buffer, which is kept sorted by event
 * time; values leave it, oldest first, as soon as their event time is at or before the watermark
 * minus the allowed lateness (with no lateness, at once). If the buffer then holds more than {@code
 * maxPending} observations, the oldest are released early, before their lateness has passed; an
 * observation that arrives later but still within the lateness and before such an early-released
 * value is then {@code TOO_LATE}. {@link #flush()} releases everything pending the same way.
 *
 * <p>A released value more than {@code maxGap} after the previous released value restarts the
 * window: the values before the gap are dropped, a {@link RejectionReason#GAP} rejection documents
 * the restart, and the value itself is kept as the first of the new window. A window is emitted
 * when {@code length} values have been released since the last restart, and then again after every
 * {@code stride} values; window sequence numbers count on across restarts.
 *
 * <h2>Memory</h2>
 *
 * Fixed by the spec: {@link #memoryBytes} = 20 bytes per value slot (value, epoch second, nano) for
 * the {@code length} values of the window and the {@code maxPending + 1} slots of the reorder
 * buffer, plus 256 bytes of fields and headers, not counting the feed id string. That is 22,036
 * bytes with the default spec. The reorder buffer starts at 16 slots and grows to its cap only if
 * the feed is that disordered, so a feed that arrives in order uses about 1.9 KB.
 *
 * <p>Not thread-safe: one windower belongs to one feed and one thread. Rejections carry the time of
 * the {@link Clock} given at creation (system UTC by default), which is also the clock {@code
 * maxAhead} is measured from.
 */
public final class FeedWindower {
  /** Bytes per value slot: an 8-byte value, an 8-byte epoch second and a 4-byte nano. */
  static final int SLOT_BYTES = Double.BYTES + Long.BYTES + Integer.BYTES;

  private static final int INITIAL_PENDING_SLOTS = 16;
  private static final int OVERHEAD_BYTES = 256;
  static final RejectionReason[] REASONS = RejectionReason.values();

  private final String feedId;
  private final WindowSpec spec;
  private final Clock clock;
  private final ArrivalCheck arrival;

  // package-private for FeedWindowerCodec, the only other reader and writer of this state

  // The reorder buffer: sorted by event time, distinct times, at most maxPending + 1 while a step
  // runs and maxPending between steps.
  long[] pendingSeconds;
  int[] pendingNanos;
  double[] pendingValues;
  int pendingCount;

  // The values of the current window: a ring of the last `length` values released since the last
  // restart, oldest at (ringNext - ringSize) mod length.
  final long[] ringSeconds;
  final int[] ringNanos;
  final double[] ringValues;
  int ringSize;
  private int ringNext;

  Instant watermark;
  Instant lastReleased;
  int untilNextWindow;
  long nextSequence;
  long accepted;
  long released;
  final long[] rejected = new long[REASONS.length];

  private FeedWindower(String feedId, WindowSpec spec, Clock clock) {
    this.feedId = Objects.requireNonNull(feedId, "feedId");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.arrival = ArrivalCheck.of(spec, clock);
    if (feedId.isBlank()) {
      throw new IllegalArgumentException("feedId must not be blank");
    }
    int slots = Math.min(INITIAL_PENDING_SLOTS, spec.maxPending() + 1);
    this.pendingSeconds = new long[slots];
    this.pendingNanos = new int[slots];
    this.pendingValues = new double[slots];
    this.ringSeconds = new long[spec.length()];
    this.ringNanos = new int[spec.length()];
    this.ringValues = new double[spec.length()];
    this.untilNextWindow = spec.length();
  }

  /** A windower for {@code feedId}, stamping rejections with the system UTC clock. */
  public static FeedWindower create(String feedId, WindowSpec spec) {
    return create(feedId, spec, Clock.systemUTC());
  }

  /** A windower for {@code feedId}, stamping rejections with {@code clock}. */
  public static FeedWindower create(String feedId, WindowSpec spec, Clock clock) {
    return new FeedWindower(feedId, spec, clock);
  }

  /**
   * The most bytes a windower with this spec holds (see the class comment), the feed id string
   * aside.
   */
  public static long memoryBytes(WindowSpec spec) {
    return (long) SLOT_BYTES * spec.length()
        + (long) SLOT_BYTES * (spec.maxPending() + 1L)
        + OVERHEAD_BYTES;
  }

  /**
   * Takes one observation and returns the windows it completed and what it set aside (the
   * observation itself, or a gap it revealed). Never throws for bad data.
   *
   * @throws IllegalArgumentException if the observation belongs to another feed
   */
  public WindowerOutput accept(Observation observation) {
    if (!observation.feedId().equals(feedId)) {
      throw new IllegalArgumentException(
          "observation of feed '"
              + observation.feedId()
              + "' given to the windower of feed '"
              + feedId
              + "'");
    }
    Optional<Rejection> refused = check(observation);
    if (refused.isPresent()) {
      rejected[refused.get().reason().ordinal()]++;
      return new WindowerOutput(List.of(), List.of(refused.get()));
    }
    Instant time = observation.eventTime();
    insertPending(time, observation.value());
    accepted++;
    if (watermark == null || time.isAfter(watermark)) {
      watermark = time;
    }
    Output out = new Output();
    while (pendingCount > 0 && isDue(pendingTime(0))) {
      releaseOldest(out);
    }
    while (pendingCount > spec.maxPending()) {
      releaseOldest(out);
    }
    return out.build();
  }

  /**
   * Releases every pending observation, oldest first, as at the end of a stream, and returns the
   * windows (and gap rejections) that produced. No partial window is emitted. The windower stays
   * usable: later observations must be newer than the last value released.
   */
  public WindowerOutput flush() {
    Output out = new Output();
    while (pendingCount > 0) {
      releaseOldest(out);
    }
    return out.build();
  }

  public String feedId() {
    return feedId;
  }

  public WindowSpec spec() {
    return spec;
  }

  /** The newest event time accepted so far; empty before the first. */
  public Optional<Instant> watermark() {
    return Optional.ofNullable(watermark);
  }

  /** Observations in the reorder buffer, waiting for their lateness to pass. */
  public int pending() {
    return pendingCount;
  }

  /** Values held for the next window: released since the last restart, at most {@code length}. */
  public int held() {
    return ringSize;
  }

  /** Observations accepted (not rejected) so far. */
  public long accepted() {
    return accepted;
  }

  /** Values released from the reorder buffer into windows so far. */
  public long released() {
    return released;
  }

  /** Windows emitted so far: also the sequence number of the next one. */
  public long windowsEmitted() {
    return nextSequence;
  }

  /** How many rejections of {@code reason} this windower has produced. */
  public long rejected(RejectionReason reason) {
    return rejected[reason.ordinal()];
  }

  /** The whole state, spec included, as versioned bytes; {@link FeedWindowerCodec}. */
  public byte[] snapshot() {
    return FeedWindowerCodec.write(this);
  }

  /**
   * A windower that continues exactly where the one that wrote {@code snapshot} stopped, stamping
   * rejections with the system UTC clock.
   */
  public static FeedWindower restore(byte[] snapshot) {
    return restore(snapshot, Clock.systemUTC());
  }

  /** As {@link #restore(byte[])}, stamping rejections with {@code clock}. */
  public static FeedWindower restore(byte[] snapshot, Clock clock) {
    return FeedWindowerCodec.read(snapshot, clock);
  }

  private Optional<Rejection> check(Observation observation) {
    Optional<Rejection> refused = arrival.refusal(observation);
    if (refused.isPresent()) {
      return refused;
    }
    Instant time = observation.eventTime();
    if (pendingIndexOf(time) >= 0 || ringIndexOf(time) >= 0) {
      return Optional.of(
          reject(RejectionReason.DUPLICATE, observation, "event time " + time + " already seen"));
    }
    if (watermark != null) {
      Duration behind = Duration.between(time, watermark);
      if (behind.compareTo(spec.allowedLateness()) > 0) {
        return Optional.of(
            reject(
                RejectionReason.TOO_LATE,
                observation,
                "event time "
                    + time
                    + " is "
                    + HumanDuration.format(behind)
                    + " behind the newest event time "
                    + watermark
                    + ", more than the allowed "
                    + HumanDuration.format(spec.allowedLateness())));
      }
    }
    if (lastReleased != null && time.isBefore(lastReleased)) {
      return Optional.of(
          reject(
              RejectionReason.TOO_LATE,
              observation,
              "event time "
                  + time
                  + " is before "
                  + lastReleased
                  + ", a value already released ahead of the lateness"
                  + " (by a full reorder buffer or a flush)"));
    }
    return Optional.empty();
  }

  private boolean isDue(Instant time) {
    return Duration.between(time, watermark).compareTo(spec.allowedLateness()) >= 0;
  }

  private void releaseOldest(Output out) {
    Instant time = pendingTime(0);
    double value = pendingValues[0];
    removeFirstPending();
    boolean afterGap = false;
    if (lastReleased != null && spec.maxGap().isPresent()) {
      Duration gap = Duration.between(lastReleased, time);
      if (gap.compareTo(spec.maxGap().get()) > 0) {
        rejected[RejectionReason.GAP.ordinal()]++;
        out.rejections.add(
            reject(
                RejectionReason.GAP,
                new Observation(feedId, time, value),
                HumanDuration.format(gap)
                    + " after the previous value at "
                    + lastReleased
                    + ", more than the allowed "
                    + HumanDuration.format(spec.maxGap().get())
                    + "; window restarted"));
        ringSize = 0;
        ringNext = 0;
        untilNextWindow = spec.length();
        afterGap = true;
      }
    }
    out.released.add(new ReleasedValue(time, value, afterGap));
    pushRing(time, value);
    lastReleased = time;
    released++;
    if (--untilNextWindow == 0) {
      out.windows.add(currentWindow());
      untilNextWindow = spec.stride();
    }
  }

  private Window currentWindow() {
    double[] values = new double[ringSize];
    for (int k = 0; k < ringSize; k++) {
      values[k] = ringValues[ringSlot(k)];
    }
    return new Window(feedId, nextSequence++, ringTime(0), ringTime(ringSize - 1), values);
  }

  private Rejection reject(RejectionReason reason, Observation observation, String detail) {
    return new Rejection(
        reason, Optional.of(feedId), observation.asText(), detail, clock.instant());
  }

  // ---- reorder buffer: sorted arrays ----

  private Instant pendingTime(int index) {
    return Instant.ofEpochSecond(pendingSeconds[index], pendingNanos[index]);
  }

  /** The index of {@code time} in the reorder buffer, or {@code -(insertion point) - 1}. */
  private int pendingIndexOf(Instant time) {
    int low = 0;
    int high = pendingCount - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int order = compare(pendingSeconds[mid], pendingNanos[mid], time);
      if (order < 0) {
        low = mid + 1;
      } else if (order > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  void insertPending(Instant time, double value) {
    if (pendingCount == pendingValues.length) {
      int slots = (int) Math.min((long) pendingValues.length * 2, spec.maxPending() + 1L);
      pendingSeconds = Arrays.copyOf(pendingSeconds, slots);
      pendingNanos = Arrays.copyOf(pendingNanos, slots);
      pendingValues = Arrays.copyOf(pendingValues, slots);
    }
    int at = -pendingIndexOf(time) - 1;
    int tail = pendingCount - at;
    System.arraycopy(pendingSeconds, at, pendingSeconds, at + 1, tail);
    System.arraycopy(pendingNanos, at, pendingNanos, at + 1, tail);
    System.arraycopy(pendingValues, at, pendingValues, at + 1, tail);
    pendingSeconds[at] = time.getEpochSecond();
    pendingNanos[at] = time.getNano();
    pendingValues[at] = value;
    pendingCount++;
  }

  private void removeFirstPending() {
    pendingCount--;
    System.arraycopy(pendingSeconds, 1, pendingSeconds, 0, pendingCount);
    System.arraycopy(pendingNanos, 1, pendingNanos, 0, pendingCount);
    System.arraycopy(pendingValues, 1, pendingValues, 0, pendingCount);
  }

  // ---- window ring: released values, oldest first ----

  int ringSlot(int k) {
    int length = ringValues.length;
    return ((ringNext - ringSize + k) % length + length) % length;
  }

  private Instant ringTime(int k) {
    int slot = ringSlot(k);
    return Instant.ofEpochSecond(ringSeconds[slot], ringNanos[slot]);
  }

  private int ringIndexOf(Instant time) {
    int low = 0;
    int high = ringSize - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int slot = ringSlot(mid);
      int order = compare(ringSeconds[slot], ringNanos[slot], time);
      if (order < 0) {
        low = mid + 1;
      } else if (order > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  void pushRing(Instant time, double value) {
    ringSeconds[ringNext] = time.getEpochSecond();
    ringNanos[ringNext] = time.getNano();
    ringValues[ringNext] = value;
    ringNext = (ringNext + 1) % ringValues.length;
    ringSize = Math.min(ringSize + 1, ringValues.length);
  }

  private static int compare(long seconds, int nanos, Instant time) {
    int order = Long.compare(seconds, time.getEpochSecond());
    return order != 0 ? order : Integer.compare(nanos, time.getNano());
  }

  /** Collects one step's output. */
  private static final class Output {
    final List<Window> windows = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final List<ReleasedValue> released = new ArrayList<>();

    WindowerOutput build() {
      return windows.isEmpty() && rejections.isEmpty() && released.isEmpty()
          ? WindowerOutput.EMPTY
          : new WindowerOutput(windows, rejections, released);
    }
  }
}
