package io.isowatch.runtime.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The agent's Prometheus endpoint: {@code GET http://host:port/metrics} serves the pipeline's
 * metrics and the JVM's. Port 0 picks a free port ({@link #port()} tells which).
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final PrometheusRegistry registry;
  private final HTTPServer server;

  private MetricsEndpoint(PrometheusRegistry registry, HTTPServer server) {
    this.registry = registry;
    this.server = server;
  }

  /** Starts serving {@code registry} (plus JVM metrics) on {@code port}. */
  public static MetricsEndpoint start(PrometheusRegistry registry, int port) {
    JvmMetrics.builder().register(registry);
    try {
      return new MetricsEndpoint(
          registry, HTTPServer.builder().port(port).registry(registry).buildAndStart());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on port " + port + " (in use? choose another with --metrics-port)",
          e);
    }
  }

  public int port() {
    return server.getPort();
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    server.close();
  }
}
