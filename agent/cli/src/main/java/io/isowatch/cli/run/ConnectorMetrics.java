package io.isowatch.cli.run;

import io.isowatch.connectors.http.HttpPushSource;
import io.isowatch.connectors.sink.DeadLetterFileSink;
import io.isowatch.core.io.ObservationSource;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Counters the connectors keep themselves, read at each scrape: refused pushes and dead letters
 * over their budget. An operator sees a brute-forced token or a flood of bad records here, where
 * the pipeline's own metrics never see them.
 */
public final class ConnectorMetrics {
  private ConnectorMetrics() {}

  public static void register(
      PrometheusRegistry registry,
      List<? extends ObservationSource> sources,
      DeadLetterFileSink deadLetters) {
    List<HttpPushSource> pushes =
        sources.stream()
            .filter(HttpPushSource.class::isInstance)
            .map(HttpPushSource.class::cast)
            .toList();
    if (!pushes.isEmpty()) {
      pushCounter(
          registry,
          pushes,
          "isowatch_push_auth_failures_total",
          "Push requests refused with 401 for a missing or wrong bearer token",
          HttpPushSource.Stats::unauthorized);
      pushCounter(
          registry,
          pushes,
          "isowatch_push_busy_total",
          "Push requests answered 503 because the engine was behind",
          HttpPushSource.Stats::busy);
      pushCounter(
          registry,
          pushes,
          "isowatch_push_slow_connections_dropped_total",
          "Push connections closed for not authenticating or sending their body in time",
          HttpPushSource.Stats::slowConnectionsDropped);
    }
    CounterWithCallback.builder()
        .name("isowatch_dead_letters_dropped_total")
        .help("Dead letters not written because the dead-letter file's byte budget was spent")
        .callback(callback -> callback.call(deadLetters.stats().dropped()))
        .register(registry);
  }

  private static void pushCounter(
      PrometheusRegistry registry,
      List<HttpPushSource> pushes,
      String name,
      String help,
      ToLongFunction<HttpPushSource.Stats> count) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(
            callback ->
                callback.call(pushes.stream().mapToLong(p -> count.applyAsLong(p.stats())).sum()))
        .register(registry);
  }
}
