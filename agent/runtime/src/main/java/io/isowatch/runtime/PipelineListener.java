package io.isowatch.runtime;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import java.util.Map;

/**
 * What the pipeline reports as it works: metrics hang off this, tests observe through it. Called
 * from the worker thread only. Every method has a no-op default.
 */
public interface PipelineListener {
  PipelineListener NONE = new PipelineListener() {};

  /** An observation was accepted by its feed's windower (each record is accepted or rejected). */
  default void observed(String feedId) {}

  /**
   * A record was set aside (it has also gone to the dead-letter sink), or, for a {@code gap}
   * rejection, a window restarted before an accepted record.
   */
  default void rejected(Rejection rejection) {}

  /** One embedding call: its batch size and how long it took. */
  default void embedded(int batchSize, long nanos) {}

  /** A window of {@code feedId} was embedded and measured. */
  default void windowMeasured(String feedId) {}

  /** What the monitor made of one embedded window: its forecast, trust and realized error. */
  default void verdict(WindowVerdict verdict) {}

  /** New signal values of a feed (only when the monitor evaluated). */
  default void signals(String feedId, Map<MonitorSignal, Double> values) {}

  /** An alert was produced (it has also gone to every alert sink). */
  default void alert(Alert alert) {}

  /** Number of feeds currently tracked. */
  default void feeds(int count) {}
}
