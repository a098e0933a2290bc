package io.isowatch.runtime;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.feed.RejectionReason;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.engine.report.EngineListener;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records what the pipeline reports, for tests that read it from another thread while the pipeline
 * runs, and passes every call on to another listener (the Prometheus metrics, say). Batches are
 * rebuilt from the call order: {@link #embedded} is followed by one {@link #windowMeasured} per
 * window of that batch.
 */
final class RecordingListener implements EngineListener {
  private final EngineListener next;
  private long observed;
  private long windows;
  private final Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
  private final List<Integer> batchSizes = new ArrayList<>();
  private final List<Set<String>> batchFeeds = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();

  RecordingListener() {
    this(EngineListener.NONE);
  }

  private RecordingListener(EngineListener next) {
    this.next = next;
  }

  /** A recorder that also tells {@code next} everything, after recording it. */
  static RecordingListener forwardingTo(EngineListener next) {
    return new RecordingListener(next);
  }

  @Override
  public synchronized void observed(String feedId) {
    observed++;
    next.observed(feedId);
  }

  @Override
  public synchronized void rejected(Rejection rejection) {
    rejected.merge(rejection.reason(), 1L, Long::sum);
    next.rejected(rejection);
  }

  @Override
  public synchronized void embedded(int batchSize, long nanos) {
    batchSizes.add(batchSize);
    batchFeeds.add(new LinkedHashSet<>());
    next.embedded(batchSize, nanos);
  }

  @Override
  public synchronized void windowMeasured(String feedId) {
    windows++;
    batchFeeds.get(batchFeeds.size() - 1).add(feedId);
    next.windowMeasured(feedId);
  }

  @Override
  public void signals(String feedId, Map<MonitorSignal, Double> values) {
    next.signals(feedId, values);
  }

  @Override
  public synchronized void alert(Alert alert) {
    alerts.add(alert);
    next.alert(alert);
  }

  @Override
  public void feeds(int count) {
    next.feeds(count);
  }

  /** Observations that reached their feed's windower. */
  synchronized long observed() {
    return observed;
  }

  /** Records set aside, every reason. */
  synchronized long rejected() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  synchronized long rejected(RejectionReason reason) {
    return rejected.getOrDefault(reason, 0L);
  }

  /** Windows embedded and measured. */
  synchronized long windows() {
    return windows;
  }

  /** The size of every embedding call, in order. */
  synchronized List<Integer> batchSizes() {
    return List.copyOf(batchSizes);
  }

  /** The feeds of the windows of every embedding call, in order. */
  synchronized List<Set<String>> batchFeeds() {
    return batchFeeds.stream().map(Set::copyOf).toList();
  }

  synchronized List<Alert> alerts() {
    return List.copyOf(alerts);
  }
}
