package io.isowatch.bench;

import io.isowatch.core.embed.Embedding;
import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.FeedMonitor;
import io.isowatch.core.monitor.MonitorSettings;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Heap a feed costs, measured: the used heap after full collections, before and after creating N
 * monitors, and again after filling them, divided by N. Filling a monitor means what a long-running
 * feed has: enough observations through its windower that its window-vector cloud is full and its
 * alert baseline frozen ({@code windowCloudCapacity + warmUp * evaluateEvery} windows), each window
 * handed back with a recorded embedding. The observations are one synthetic feed's values, repeated
 * when the recording is shorter, at increasing times, and window k gets the recorded embedding k
 * (modulo their number). The token states given back are cut to the first two tokens: a monitor
 * keeps only three running sums of them, so that changes no retained state and saves most of the
 * fill time.
 *
 * <p>Filling costs a window-cloud analysis every few windows, so a second, larger set of monitors
 * is restored from the snapshot of a filled one ({@link FeedMonitor#restore}): the same state,
 * measured the same way.
 */
final class MonitorMemory {
  /**
   * The measurement.
   *
   * @param feeds N
   * @param createdBytes heap per monitor just created
   * @param filledBytes heap per monitor after the fill
   * @param windowsPerFeed windows each monitor measured while filling
   * @param fillSeconds time the fill took, all monitors together
   * @param restored monitors restored from a filled monitor's snapshot
   * @param restoredBytes heap per restored monitor
   */
  record Result(
      int feeds,
      double createdBytes,
      double filledBytes,
      int windowsPerFeed,
      double fillSeconds,
      int restored,
      double restoredBytes) {}

  private MonitorMemory() {}

  /**
   * Windows that fill a monitor: a full window-vector cloud, a warm head, and full trust histories.
   */
  static int windowsToFill(MonitorSettings settings) {
    int evaluations = settings.trust().history() + settings.trust().delay();
    return Math.max(
        settings.windowCloudCapacity() + evaluations * settings.evaluateEvery(),
        settings.head().warmup() + settings.driftReference());
  }

  /**
   * @param observations one feed's observations, in order, at a fixed cadence
   * @param embeddings that feed's recorded embeddings, by window sequence
   */
  static Result measure(
      int feeds,
      int restored,
      List<Observation> observations,
      List<Embedding> embeddings,
      MonitorSettings settings)
      throws InterruptedException {
    Embedding[] light = new Embedding[embeddings.size()];
    for (int k = 0; k < light.length; k++) {
      Embedding full = embeddings.get(k);
      light[k] =
          new Embedding(
              full.pooled(),
              Arrays.copyOf(full.tokenStates(), Math.min(2, full.tokenStates().length)),
              Optional.empty());
    }
    String[] ids = new String[feeds];
    for (int k = 0; k < feeds; k++) {
      ids[k] = "feed-" + k;
    }
    int fill = windowsToFill(settings);
    int needed = settings.window().length() + (fill - 1) * settings.window().stride();
    Instant start = observations.get(0).eventTime();
    Duration cadence = Duration.between(start, observations.get(1).eventTime());
    double[] values = new double[needed];
    Instant[] times = new Instant[needed];
    for (int i = 0; i < needed; i++) {
      values[i] = observations.get(i % observations.size()).value();
      times[i] = start.plus(cadence.multipliedBy(i));
    }
    FeedMonitor[] monitors = new FeedMonitor[feeds];
    long before = usedAfterGc();
    for (int k = 0; k < feeds; k++) {
      monitors[k] = FeedMonitor.create(ids[k], settings);
    }
    long created = usedAfterGc();
    long startNanos = System.nanoTime();
    int windows = 0;
    for (int k = 0; k < feeds; k++) {
      windows = 0;
      for (int i = 0; i < needed; i++) {
        Observation own = new Observation(ids[k], times[i], values[i]);
        for (Window window : monitors[k].accept(own).windows()) {
          monitors[k].onEmbedded(window, light[(int) (window.sequence() % light.length)]);
          windows++;
        }
      }
    }
    if (windows != fill) {
      throw new IllegalStateException("filled with " + windows + " windows, meant " + fill);
    }
    double fillSeconds = (System.nanoTime() - startNanos) / 1e9;
    long filled = usedAfterGc();
    byte[] snapshot = monitors[0].snapshot();
    FeedMonitor[] copies = new FeedMonitor[restored];
    long beforeRestore = usedAfterGc();
    for (int k = 0; k < restored; k++) {
      copies[k] = FeedMonitor.restore(snapshot, settings);
    }
    long afterRestore = usedAfterGc();
    Reference.reachabilityFence(monitors);
    Reference.reachabilityFence(copies);
    return new Result(
        feeds,
        (double) (created - before) / feeds,
        (double) (filled - before) / feeds,
        windows,
        fillSeconds,
        restored,
        (double) (afterRestore - beforeRestore) / restored);
  }

  /** Used heap after a few full collections (System.gc() is a full collection with G1). */
  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
