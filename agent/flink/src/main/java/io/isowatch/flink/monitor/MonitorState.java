package io.isowatch.flink.monitor;

import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorRecipe;
import java.util.Objects;

/**
 * One feed's {@link FeedMonitor} as keyed state: the live monitor between windows (so a heap state
 * backend never re-reads it), its {@link FeedMonitor#snapshot() snapshot} bytes in checkpoints and
 * savepoints. A value read back from bytes is restored on first use, with the job's settings.
 */
public final class MonitorState {
  private FeedMonitor monitor;
  private byte[] snapshot;

  private MonitorState(FeedMonitor monitor, byte[] snapshot) {
    this.monitor = monitor;
    this.snapshot = snapshot;
  }

  public static MonitorState of(FeedMonitor monitor) {
    return new MonitorState(Objects.requireNonNull(monitor, "monitor"), null);
  }

  public static MonitorState fromSnapshot(byte[] snapshot) {
    return new MonitorState(null, Objects.requireNonNull(snapshot, "snapshot"));
  }

  /** The live monitor, restored from the snapshot on first use with the job's recipe. */
  public FeedMonitor monitor(MonitorRecipe recipe) {
    if (monitor == null) {
      monitor = recipe.restore(snapshot);
      snapshot = null;
    }
    return monitor;
  }

  /** The monitor's state as the core's versioned bytes. */
  public byte[] snapshot() {
    return monitor != null ? monitor.snapshot() : snapshot.clone();
  }
}
