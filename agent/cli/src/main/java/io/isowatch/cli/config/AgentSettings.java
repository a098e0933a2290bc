package io.isowatch.cli.config;

import io.isowatch.cli.run.AgentAssembly;
import io.isowatch.engine.spec.AgentSpec;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.runtime.PipelineLimits;
import io.isowatch.runtime.PipelineSettings;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import java.util.Objects;

/**
 * Everything {@link AgentAssembly} needs to wire an agent, except its sources: the agent every
 * engine runs ({@link AgentSpec}: the model, how windows are cut, written, measured, judged and
 * batched), the in-process engine's queue and feed limits, the metrics endpoint and the sinks.
 * {@code demo} and {@code replay} fill it from their options, {@code run} from a configuration
 * file.
 *
 * <pre>{@code
 * AgentSettings settings =
 *     AgentSettings.builder()
 *         .spec(AgentSpec.builder().window(WindowSpec.builder().length(64).stride(4).build()).build())
 *         .metricsPort(0)
 *         .build();
 * }</pre>
 *
 * @param spec the agent every engine runs
 * @param limits the in-process engine's queue and feed limits
 * @param metricsPort port of the Prometheus endpoint; 0 picks a free one
 * @param metricsHost address the Prometheus endpoint listens on; {@code 0.0.0.0} for every
 *     interface
 * @param sinks where alerts and rejected records go
 */
public record AgentSettings(
    AgentSpec spec,
    PipelineLimits limits,
    int metricsPort,
    String metricsHost,
    SinkSettings sinks) {
  public static final int DEFAULT_METRICS_PORT = 9464;
  public static final int MAX_PORT = 65_535;

  public AgentSettings {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(sinks, "sinks");
    if (metricsHost == null || metricsHost.isBlank()) {
      throw new IllegalArgumentException("metricsHost must name an address, got " + metricsHost);
    }
    if (metricsPort < 0 || metricsPort > MAX_PORT) {
      throw new IllegalArgumentException(
          "metricsPort must be between 0 and " + MAX_PORT + ", got " + metricsPort);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How the in-process engine moves records: the spec's batching and this run's limits. */
  public PipelineSettings pipeline() {
    return new PipelineSettings(spec.batch(), limits);
  }

  /** These settings with the Prometheus endpoint on {@code port} ({@code run --metrics-port}). */
  public AgentSettings withMetricsPort(int port) {
    return new AgentSettings(spec, limits, port, metricsHost, sinks);
  }

  /** These settings with another model ({@code run --model}). */
  public AgentSettings withModel(ModelManifest other) {
    return new AgentSettings(
        spec.toBuilder().model(other).build(), limits, metricsPort, metricsHost, sinks);
  }

  /** These settings with the Prometheus endpoint on {@code host} ({@code run --metrics-host}). */
  public AgentSettings withMetricsHost(String host) {
    return new AgentSettings(spec, limits, metricsPort, host, sinks);
  }

  /**
   * Builds {@link AgentSettings}; each field starts at the default of the class that uses it
   * ({@link AgentSpec#defaults()}, {@link PipelineLimits#defaults()}, {@link
   * #DEFAULT_METRICS_PORT}, {@link MetricsEndpoint#DEFAULT_HOST}, {@link SinkSettings#defaults()}).
   */
  public static final class Builder {
    private AgentSpec spec = AgentSpec.defaults();
    private PipelineLimits limits = PipelineLimits.defaults();
    private int metricsPort = DEFAULT_METRICS_PORT;
    private String metricsHost = MetricsEndpoint.DEFAULT_HOST;
    private SinkSettings sinks = SinkSettings.defaults();

    private Builder() {}

    public Builder spec(AgentSpec spec) {
      this.spec = spec;
      return this;
    }

    public Builder limits(PipelineLimits limits) {
      this.limits = limits;
      return this;
    }

    public Builder metricsPort(int metricsPort) {
      this.metricsPort = metricsPort;
      return this;
    }

    public Builder metricsHost(String metricsHost) {
      this.metricsHost = metricsHost;
      return this;
    }

    public Builder sinks(SinkSettings sinks) {
      this.sinks = sinks;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first field that is missing or out of range
     */
    public AgentSettings build() {
      return new AgentSettings(spec, limits, metricsPort, metricsHost, sinks);
    }
  }
}
