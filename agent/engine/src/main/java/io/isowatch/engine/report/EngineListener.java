package io.isowatch.engine.report;

import io.isowatch.core.alert.Alert;
import io.isowatch.core.feed.Rejection;
import io.isowatch.core.monitor.MonitorSignal;
import io.isowatch.core.monitor.WindowVerdict;
import java.util.Map;

/**
 * What an engine reports as it works, the same on every engine: metrics hang off this ({@link
 * MetricNames} names them), tests observe through it. Called from the thread that does the work
 * (the pipeline's worker, a stream thread, an operator subtask). Every method has a no-op default.
 */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  /** An observation was accepted by its feed's windower (each record is accepted or rejected). */
  default void observed(String feedId) {}

  /**
   * A record was set aside (it has also gone to the dead letters), or, for a {@code gap} rejection,
   * a window restarted before an accepted record.
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

  /** An alert was produced (it has also gone to the engine's alert output). */
  default void alert(Alert alert) {}

  /** Number of feeds currently tracked. */
  default void feeds(int count) {}
}
