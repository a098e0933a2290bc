package io.isowatch.cli;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.runtime.PipelineSettings;
import io.isowatch.runtime.metrics.MetricsEndpoint;
import java.util.Objects;

/**
 * Everything {@link AgentAssembly} needs to wire an agent, except its sources: the model and where
 * it runs, how windows are cut, written, measured and judged, how the engine batches, the metrics
 * port and the sinks. {@code demo} and {@code replay} fill it from their options, {@code run} from
 * a configuration file.
 *
 * <pre>{@code
 * AgentSettings settings =
 *     AgentSettings.builder()
 *         .model(ModelChoice.MINILM_INT8.manifest())
 *         .window(WindowSpec.builder().length(64).stride(4).build())
 *         .metricsPort(0)
 *         .build();
 * }</pre>
 *
 * <p>The monitor's width is not a setting: it is the embedder's output width, known once the model
 * is loaded.
 *
 * @param model the model to embed windows with
 * @param device where to run it
 * @param encoder how windows are written as text
 * @param window how each feed is cut into windows
 * @param windowCloudCapacity recent window vectors the window-cloud measures describe
 * @param evaluateEvery windows between evaluations of the signals and the trust policy
 * @param horizon which value after a window the agent forecasts
 * @param head the online softmax head the agent forecasts with
 * @param trust calibration of the trust score and its alert policy
 * @param pipeline batching, queue and feed limits of the in-process engine
 * @param metricsPort port of the Prometheus endpoint; 0 picks a free one
 * @param metricsHost address the Prometheus endpoint listens on; {@code 0.0.0.0} for every
 *     interface
 * @param sinks where alerts and rejected records go
 */
record AgentSettings(
    ModelManifest model,
    Device device,
    EncoderSettings encoder,
    WindowSpec window,
    int windowCloudCapacity,
    int evaluateEvery,
    int horizon,
    HeadSettings head,
    TrustSettings trust,
    PipelineSettings pipeline,
    int metricsPort,
    String metricsHost,
    SinkSettings sinks) {
  static final int DEFAULT_METRICS_PORT = 9464;
  static final int MAX_PORT = 65_535;

  AgentSettings {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(sinks, "sinks");
    if (metricsHost == null || metricsHost.isBlank()) {
      throw new IllegalArgumentException("metricsHost must name an address, got " + metricsHost);
    }
    if (metricsPort < 0 || metricsPort > MAX_PORT) {
      throw new IllegalArgumentException(
          "metricsPort must be between 0 and " + MAX_PORT + ", got " + metricsPort);
    }
    // The monitor checks its own fields; the width here is a stand-in for the embedder's.
    monitorSettings(
        window,
        MonitorSettings.DEFAULT_WIDTH,
        windowCloudCapacity,
        evaluateEvery,
        horizon,
        head,
        trust);
  }

  static Builder builder() {
    return new Builder();
  }

  /** These settings with the Prometheus endpoint on {@code port} ({@code run --metrics-port}). */
  AgentSettings withMetricsPort(int port) {
    return withMetricsEndpoint(port, metricsHost);
  }

  /** These settings with another model ({@code run --model}). */
  AgentSettings withModel(ModelManifest other) {
    return with(other, metricsPort, metricsHost);
  }

  /** These settings with the Prometheus endpoint on {@code host} ({@code run --metrics-host}). */
  AgentSettings withMetricsHost(String host) {
    return withMetricsEndpoint(metricsPort, host);
  }

  private AgentSettings withMetricsEndpoint(int port, String host) {
    return with(model, port, host);
  }

  private AgentSettings with(ModelManifest otherModel, int port, String host) {
    return new AgentSettings(
        otherModel,
        device,
        encoder,
        window,
        windowCloudCapacity,
        evaluateEvery,
        horizon,
        head,
        trust,
        pipeline,
        port,
        host,
        sinks);
  }

  /** The factory of the model's encoder, embedder and forecast source, the same on every engine. */
  AgentModel agentModel() {
    return AgentModel.of(model, device, OnnxEmbedder.DEFAULT_INTRA_OP_THREADS, encoder);
  }

  /** The monitor settings for an embedder of output width {@code width}. */
  MonitorSettings monitorSettings(int width) {
    return monitorSettings(window, width, windowCloudCapacity, evaluateEvery, horizon, head, trust)
        .toBuilder()
        // the engine batches up to maxBatch windows of a feed before embedding them
        .maxEmbeddingLag(MonitorSettings.embeddingLagFor(pipeline.batch().maxBatch()))
        .build();
  }

  private static MonitorSettings monitorSettings(
      WindowSpec window,
      int width,
      int windowCloudCapacity,
      int evaluateEvery,
      int horizon,
      HeadSettings head,
      TrustSettings trust) {
    return MonitorSettings.builder()
        .window(window)
        .width(width)
        .windowCloudCapacity(windowCloudCapacity)
        .evaluateEvery(evaluateEvery)
        .horizon(horizon)
        .head(head)
        .trust(trust)
        .build();
  }

  /**
   * Builds {@link AgentSettings}; each field starts at the default of the class that uses it (the
   * bundled {@link ModelChoice#DEFAULT} model on {@link OnnxEmbedder#DEFAULT_DEVICE}, {@link
   * EncoderSettings#defaults()}, {@link WindowSpec#defaults()}, the {@link MonitorSettings}
   * constants, {@link HeadSettings#defaults()}, {@link TrustSettings#defaults()}, {@link
   * PipelineSettings#defaults()}, {@link #DEFAULT_METRICS_PORT}, {@link SinkSettings#defaults()}).
   */
  static final class Builder {
    private ModelManifest model = ModelChoice.DEFAULT.manifest();
    private Device device = OnnxEmbedder.DEFAULT_DEVICE;
    private EncoderSettings encoder = EncoderSettings.defaults();
    private WindowSpec window = WindowSpec.defaults();
    private int windowCloudCapacity = MonitorSettings.DEFAULT_WINDOW_CLOUD_CAPACITY;
    private int evaluateEvery = MonitorSettings.DEFAULT_EVALUATE_EVERY;
    private int horizon = MonitorSettings.DEFAULT_HORIZON;
    private HeadSettings head = HeadSettings.defaults();
    private TrustSettings trust = TrustSettings.defaults();
    private PipelineSettings pipeline = PipelineSettings.defaults();
    private int metricsPort = DEFAULT_METRICS_PORT;
    private String metricsHost = MetricsEndpoint.DEFAULT_HOST;
    private SinkSettings sinks = SinkSettings.defaults();

    private Builder() {}

    Builder model(ModelManifest model) {
      this.model = model;
      return this;
    }

    Builder device(Device device) {
      this.device = device;
      return this;
    }

    Builder encoder(EncoderSettings encoder) {
      this.encoder = encoder;
      return this;
    }

    Builder window(WindowSpec window) {
      this.window = window;
      return this;
    }

    Builder windowCloudCapacity(int windowCloudCapacity) {
      this.windowCloudCapacity = windowCloudCapacity;
      return this;
    }

    Builder evaluateEvery(int evaluateEvery) {
      this.evaluateEvery = evaluateEvery;
      return this;
    }

    Builder horizon(int horizon) {
      this.horizon = horizon;
      return this;
    }

    Builder head(HeadSettings head) {
      this.head = head;
      return this;
    }

    Builder trust(TrustSettings trust) {
      this.trust = trust;
      return this;
    }

    Builder pipeline(PipelineSettings pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    Builder metricsPort(int metricsPort) {
      this.metricsPort = metricsPort;
      return this;
    }

    Builder metricsHost(String metricsHost) {
      this.metricsHost = metricsHost;
      return this;
    }

    Builder sinks(SinkSettings sinks) {
      this.sinks = sinks;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first field that is missing or out of range
     */
    AgentSettings build() {
      return new AgentSettings(
          model,
          device,
          encoder,
          window,
          windowCloudCapacity,
          evaluateEvery,
          horizon,
          head,
          trust,
          pipeline,
          metricsPort,
          metricsHost,
          sinks);
    }
  }
}
