package io.isowatch.cli.run;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import io.isowatch.engine.report.EngineListener;
import java.util.List;
import java.util.Map;

/** Passes every report of the pipeline to several listeners, in order (metrics, run tally). */
public final class FanOutListener implements EngineListener {
  private final List<EngineListener> listeners;

  public FanOutListener(List<EngineListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void observed(String feedId) {
    for (EngineListener listener : listeners) {
      listener.observed(feedId);
    }
  }

  @Override
  public void rejected(Rejection rejection) {
    for (EngineListener listener : listeners) {
      listener.rejected(rejection);
    }
  }

  @Override
  public void embedded(int batchSize, long nanos) {
    for (EngineListener listener : listeners) {
      listener.embedded(batchSize, nanos);
    }
  }

  @Override
  public void windowMeasured(String feedId) {
    for (EngineListener listener : listeners) {
      listener.windowMeasured(feedId);
    }
  }

  @Override
  public void signals(String feedId, Map<MonitorSignal, Double> values) {
    for (EngineListener listener : listeners) {
      listener.signals(feedId, values);
    }
  }

  @Override
  public void verdict(WindowVerdict verdict) {
    for (EngineListener listener : listeners) {
      listener.verdict(verdict);
    }
  }

  @Override
  public void alert(Alert alert) {
    for (EngineListener listener : listeners) {
      listener.alert(alert);
    }
  }

  @Override
  public void feeds(int count) {
    for (EngineListener listener : listeners) {
      listener.feeds(count);
    }
  }
}
