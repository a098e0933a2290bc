package io.isowatch.runtime.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The agent's Prometheus endpoint: {@code GET http://host:port/metrics} serves the pipeline's
 * metrics and the JVM's. It listens on loopback unless given another address ({@code 0.0.0.0} for
 * every interface): the metrics name feeds and counts, which need not leave the machine unless the
 * operator says so. Port 0 picks a free port ({@link #port()} tells which).
 */
public final class MetricsEndpoint implements AutoCloseable {
  /** Loopback: Prometheus on the same machine (or a sidecar) scrapes it. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  private final PrometheusRegistry registry;
  private final String host;
  private final HTTPServer server;

  private MetricsEndpoint(PrometheusRegistry registry, String host, HTTPServer server) {
    this.registry = registry;
    this.host = host;
    this.server = server;
  }

  /** Starts serving {@code registry} (plus JVM metrics) on loopback, {@code port}. */
  public static MetricsEndpoint start(PrometheusRegistry registry, int port) {
    return start(registry, DEFAULT_HOST, port);
  }

  /** Starts serving {@code registry} (plus JVM metrics) on {@code host}, {@code port}. */
  public static MetricsEndpoint start(PrometheusRegistry registry, String host, int port) {
    JvmMetrics.builder().register(registry);
    try {
      return new MetricsEndpoint(
          registry,
          host,
          HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on "
              + host
              + ":"
              + port
              + " (in use? choose another with --metrics-port)",
          e);
    }
  }

  /** The address listened on. */
  public String host() {
    return host;
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
