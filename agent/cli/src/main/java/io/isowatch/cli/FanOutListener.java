package io.isowatch.cli;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.runtime.PipelineListener;
import java.util.List;
import java.util.Map;

/** Passes every report of the pipeline to several listeners, in order (metrics, run tally). */
final class FanOutListener implements PipelineListener {
  private final List<PipelineListener> listeners;

  FanOutListener(List<PipelineListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void observed(String feedId) {
    for (PipelineListener listener : listeners) {
      listener.observed(feedId);
    }
  }

  @Override
  public void rejected(Rejection rejection) {
    for (PipelineListener listener : listeners) {
      listener.rejected(rejection);
    }
  }

  @Override
  public void embedded(int batchSize, long nanos) {
    for (PipelineListener listener : listeners) {
      listener.embedded(batchSize, nanos);
    }
  }

  @Override
  public void windowMeasured(String feedId) {
    for (PipelineListener listener : listeners) {
      listener.windowMeasured(feedId);
    }
  }

  @Override
  public void signals(String feedId, Map<MonitorSignal, Double> values) {
    for (PipelineListener listener : listeners) {
      listener.signals(feedId, values);
    }
  }

  @Override
  public void verdict(WindowVerdict verdict) {
    for (PipelineListener listener : listeners) {
      listener.verdict(verdict);
    }
  }

  @Override
  public void alert(Alert alert) {
    for (PipelineListener listener : listeners) {
      listener.alert(alert);
    }
  }

  @Override
  public void feeds(int count) {
    for (PipelineListener listener : listeners) {
      listener.feeds(count);
    }
  }
}
