package io.isowatch.flink.feed;

import io.isowatch.core.feed.FeedWindower;
import java.util.Objects;

/**
 * One feed's {@link FeedWindower} as keyed state: the live windower between records (so a heap
 * state backend never re-reads it), its {@link FeedWindower#snapshot() snapshot} bytes in
 * checkpoints and savepoints. A value read back from bytes is restored on first use.
 */
public final class WindowerState {
  private FeedWindower windower;
  private byte[] snapshot;

  private WindowerState(FeedWindower windower, byte[] snapshot) {
    this.windower = windower;
    this.snapshot = snapshot;
  }

  public static WindowerState of(FeedWindower windower) {
    return new WindowerState(Objects.requireNonNull(windower, "windower"), null);
  }

  public static WindowerState fromSnapshot(byte[] snapshot) {
    return new WindowerState(null, Objects.requireNonNull(snapshot, "snapshot"));
  }

  /** The live windower, restored from the snapshot on first use. */
  public FeedWindower windower() {
    if (windower == null) {
      windower = FeedWindower.restore(snapshot);
      snapshot = null;
    }
    return windower;
  }

  /** The windower's state as the core's versioned bytes. */
  public byte[] snapshot() {
    return windower != null ? windower.snapshot() : snapshot.clone();
  }
}
