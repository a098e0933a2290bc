package io.isowatch.core.feed;

import io.isowatch.core.state.CorruptSnapshotException;
import io.isowatch.core.state.SnapshotReader;
import io.isowatch.core.state.SnapshotWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The byte layout of a {@link FeedWindower} snapshot: feed id and spec, watermark and last release,
 * the reorder buffer and the window ring (both oldest first), counters, and the rejection counts by
 * reason name (so reasons may be added). Version 2 added {@code maxAhead} after {@code maxPending};
 * a version 1 snapshot gets the default, as it had no such bound.
 */
final class FeedWindowerCodec {
  static final String KIND = "feed-windower";
  static final int VERSION = 2;

  private FeedWindowerCodec() {}

  static byte[] write(FeedWindower windower) {
    WindowSpec spec = windower.spec();
    SnapshotWriter out = SnapshotWriter.start(KIND, VERSION).writeString(windower.feedId());
    out.writeInt(spec.length()).writeInt(spec.stride());
    writeDuration(out, spec.allowedLateness());
    out.writeBoolean(spec.maxGap().isPresent());
    spec.maxGap().ifPresent(gap -> writeDuration(out, gap));
    out.writeInt(spec.maxPending());
    writeDuration(out, spec.maxAhead());
    out.writeOptionalInstant(windower.watermark);
    out.writeOptionalInstant(windower.lastReleased);
    out.writeInt(windower.pendingCount);
    for (int i = 0; i < windower.pendingCount; i++) {
      out.writeLong(windower.pendingSeconds[i])
          .writeInt(windower.pendingNanos[i])
          .writeDouble(windower.pendingValues[i]);
    }
    out.writeInt(windower.ringSize);
    for (int k = 0; k < windower.ringSize; k++) {
      int slot = windower.ringSlot(k);
      out.writeLong(windower.ringSeconds[slot])
          .writeInt(windower.ringNanos[slot])
          .writeDouble(windower.ringValues[slot]);
    }
    out.writeInt(windower.untilNextWindow)
        .writeLong(windower.nextSequence)
        .writeLong(windower.accepted)
        .writeLong(windower.released);
    out.writeInt(FeedWindower.REASONS.length);
    for (RejectionReason reason : FeedWindower.REASONS) {
      out.writeString(reason.name()).writeLong(windower.rejected[reason.ordinal()]);
    }
    return out.toByteArray();
  }

  /** {@code clock} stamps the restored windower's rejections; it is not in the bytes. */
  static FeedWindower read(byte[] snapshot, Clock clock) {
    SnapshotReader in = SnapshotReader.open(snapshot, KIND, VERSION);
    String feedId = in.readString();
    int length = in.readInt();
    int stride = in.readInt();
    Duration lateness = readDuration(in);
    Optional<Duration> maxGap = in.readBoolean() ? Optional.of(readDuration(in)) : Optional.empty();
    int maxPending = in.readInt();
    // Version 1 had no bound ahead of the clock: such feeds get the default.
    Duration maxAhead = in.version() >= 2 ? readDuration(in) : WindowSpec.DEFAULT_MAX_AHEAD;
    FeedWindower windower;
    try {
      windower =
          FeedWindower.create(
              feedId,
              new WindowSpec(length, stride, lateness, maxGap, maxPending, maxAhead),
              clock);
    } catch (IllegalArgumentException e) {
      throw corrupt("holds an invalid spec: " + e.getMessage());
    }
    windower.watermark = in.readOptionalInstant();
    windower.lastReleased = in.readOptionalInstant();

    int pending = in.readInt();
    if (pending < 0 || pending > maxPending) {
      throw corrupt("declares " + pending + " pending values, the cap is " + maxPending);
    }
    Instant previous = null;
    for (int i = 0; i < pending; i++) {
      Instant time = in.readInstant();
      double value = in.readDouble();
      previous = requireOrdered(previous, time, value, "pending");
      windower.insertPending(time, value);
    }

    int held = in.readInt();
    if (held < 0 || held > length) {
      throw corrupt("declares " + held + " window values, the window length is " + length);
    }
    previous = null;
    for (int k = 0; k < held; k++) {
      Instant time = in.readInstant();
      double value = in.readDouble();
      previous = requireOrdered(previous, time, value, "window");
      windower.pushRing(time, value);
    }

    windower.untilNextWindow = in.readInt();
    if (windower.untilNextWindow < 1 || windower.untilNextWindow > length) {
      throw corrupt("says the next window is " + windower.untilNextWindow + " values away");
    }
    windower.nextSequence = requireCount(in.readLong(), "window sequence");
    windower.accepted = requireCount(in.readLong(), "accepted count");
    windower.released = requireCount(in.readLong(), "released count");
    int reasons = in.readInt();
    if (reasons < 0 || reasons > FeedWindower.REASONS.length) {
      throw corrupt("declares " + reasons + " rejection counters");
    }
    for (int i = 0; i < reasons; i++) {
      String name = in.readString();
      RejectionReason reason =
          Arrays.stream(FeedWindower.REASONS)
              .filter(r -> r.name().equals(name))
              .findFirst()
              .orElseThrow(() -> corrupt("counts an unknown rejection reason '" + name + "'"));
      windower.rejected[reason.ordinal()] = requireCount(in.readLong(), name + " count");
    }
    in.finish();
    return windower;
  }

  private static void writeDuration(SnapshotWriter out, Duration duration) {
    out.writeLong(duration.getSeconds()).writeInt(duration.getNano());
  }

  private static Duration readDuration(SnapshotReader in) {
    long seconds = in.readLong();
    int nanos = in.readInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw corrupt("holds a duration with " + nanos + " nanoseconds");
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  private static Instant requireOrdered(
      Instant previous, Instant time, double value, String buffer) {
    if (previous != null && !time.isAfter(previous)) {
      throw corrupt("holds " + buffer + " values out of order at " + time);
    }
    if (!Double.isFinite(value)) {
      throw corrupt("holds a non-finite " + buffer + " value at " + time);
    }
    return time;
  }

  private static long requireCount(long count, String what) {
    if (count < 0) {
      throw corrupt("holds a negative " + what + ": " + count);
    }
    return count;
  }

  private static CorruptSnapshotException corrupt(String problem) {
    return new CorruptSnapshotException("'" + KIND + "' snapshot " + problem);
  }
}
