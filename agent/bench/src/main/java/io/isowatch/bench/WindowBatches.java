package io.isowatch.bench;

import io.isowatch.core.feed.Observation;
import io.isowatch.core.feed.Window;
import io.isowatch.core.monitor.FeedMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The benches' way of feeding monitors, as an engine does: each observation goes to its feed's
 * monitor (made on first sight), and the windows the monitors complete are handed on in batches of
 * {@code size}, in order, the last (perhaps partial or empty) batch too.
 */
final class WindowBatches {
  private WindowBatches() {}

  /**
   * @param monitors the monitors by feed, filled as feeds appear (the judge reads them)
   * @param judge takes each batch; the list is its own
   */
  static void feed(
      List<Observation> observations,
      Map<String, FeedMonitor> monitors,
      Function<String, FeedMonitor> newMonitor,
      int size,
      Consumer<List<Window>> judge) {
    List<Window> pending = new ArrayList<>(size);
    for (Observation observation : observations) {
      FeedMonitor monitor = monitors.computeIfAbsent(observation.feedId(), newMonitor);
      for (Window window : monitor.accept(observation).windows()) {
        pending.add(window);
        if (pending.size() == size) {
          judge.accept(List.copyOf(pending));
          pending.clear();
        }
      }
    }
    judge.accept(List.copyOf(pending));
  }
}
