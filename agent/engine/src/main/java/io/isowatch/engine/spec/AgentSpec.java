package io.isowatch.engine.spec;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.risk.RiskModel;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.ModelManifest;
import io.isowatch.model.embed.OnnxEmbedder;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent every engine runs, specified once: the model and where it runs, how windows are cut,
 * written, measured and judged, and how they are batched for the embedder. The in-process engine,
 * Kafka Streams and the Flink job all build their model and monitors from it; {@link
 * AgentSpecReader} reads it from a configuration file, the same file for every engine.
 *
 * <pre>{@code
 * AgentSpec spec =
 *     AgentSpec.builder()
 *         .model(ModelChoice.MINILM_INT8.manifest())
 *         .window(WindowSpec.builder().length(64).stride(4).build())
 *         .build();
 * MonitorSettings monitor = spec.monitorSettings(embedder.dimension());
 * }</pre>
 *
 * <p>The ranges are the core's: each field is checked by the settings type it feeds ({@link
 * WindowSpec}, {@link MonitorSettings}, {@link HeadSettings}, {@link TrustSettings}, {@link
 * BatchSettings}), with that type's message. The monitor's width is not a field: it is the
 * embedder's output width, known once the model is loaded.
 *
 * <p>Java-serializable for an engine that ships it to its workers (Flink): a bundled model travels
 * by its name, a user's own export by its manifest (the engine ships its files), and a risk model
 * other than the bundled one as its artifact's text.
 *
 * @param model the model to embed windows with
 * @param device where to run it
 * @param intraOpThreads ONNX Runtime threads per session; 0 lets it choose
 * @param encoder how windows are written as model input
 * @param window how each feed is cut into windows
 * @param windowCloudCapacity recent window vectors the window-cloud measures describe
 * @param evaluateEvery windows between evaluations of the signals and the trust policy
 * @param horizon which value after a window the agent forecasts; with a model trained for forecast
 *     queries (the numeric LM when its export's manifest.json names them), at most the steps they
 *     answer (48), as it is asked in one pass
 * @param intervalLevel central mass of the forecast intervals, e.g. 0.9 for 5%..95%
 * @param head the online softmax head the agent forecasts with
 * @param trust calibration of the trust score and its alert policy
 * @param riskModel the trained model whose risk the trust score calibrates: the bundled one, or one
 *     that {@code isowatch train-risk} wrote (it travels to other processes as its text)
 * @param batch how windows are batched for the embedder
 */
public record AgentSpec(
    ModelManifest model,
    Device device,
    int intraOpThreads,
    EncoderSettings encoder,
    WindowSpec window,
    int windowCloudCapacity,
    int evaluateEvery,
    int horizon,
    double intervalLevel,
    HeadSettings head,
    TrustSettings trust,
    RiskModel riskModel,
    BatchSettings batch)
    implements Serializable {

  public AgentSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(riskModel, "riskModel");
    Objects.requireNonNull(batch, "batch");
    // The model and the monitor check their own fields; the width is a stand-in for the embedder's.
    new AgentModel(model, device, intraOpThreads, encoder, Optional.empty());
    monitorSettings(
        MonitorSettings.DEFAULT_WIDTH,
        window,
        windowCloudCapacity,
        evaluateEvery,
        horizon,
        intervalLevel,
        head,
        trust,
        batch);
    // a model asked with forecast queries answers only so far ahead: refused here, at start-up
    agentModel(model, device, intraOpThreads, encoder, horizon);
    // an operator's own risk model read other signals than these: refused; the bundled one is
    // the default under every model and only gets a note (riskModelNote)
    if (!riskModel.equals(RiskModel.bundled())) {
      RiskModelFit.problem(riskModel, model, horizon)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException("riskModel " + problem);
              });
    }
  }

  /**
   * A line for the start-up output when the bundled risk model judges signals of another kind than
   * it was trained on (another model, another horizon), saying how to train one for them; empty
   * when it fits, or when the risk model is the operator's own (which must fit, or the spec is
   * refused).
   */
  public Optional<String> riskModelNote() {
    if (!riskModel.equals(RiskModel.bundled())) {
      return Optional.empty();
    }
    return RiskModelFit.problem(riskModel, model, horizon)
        .map(
            problem ->
                "note: the bundled risk model "
                    + problem
                    + ", and give DIR as trust.risk-model or --risk-model");
  }

  /** Every field at the default of the class that uses it. */
  public static AgentSpec defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this spec. */
  public Builder toBuilder() {
    return new Builder()
        .model(model)
        .device(device)
        .intraOpThreads(intraOpThreads)
        .encoder(encoder)
        .window(window)
        .windowCloudCapacity(windowCloudCapacity)
        .evaluateEvery(evaluateEvery)
        .horizon(horizon)
        .intervalLevel(intervalLevel)
        .head(head)
        .trust(trust)
        .riskModel(riskModel)
        .batch(batch);
  }

  /** The bundled model this spec runs, if it runs one (not a user's export). */
  public Optional<ModelChoice> bundledModel() {
    return ModelChoice.of(model);
  }

  /**
   * The factory of the model's encoder, embedder and forecast source, the same on every engine,
   * forecasting {@code horizon} steps ahead.
   */
  public AgentModel agentModel() {
    return agentModel(model, device, intraOpThreads, encoder, horizon);
  }

  private static AgentModel agentModel(
      ModelManifest model,
      Device device,
      int intraOpThreads,
      EncoderSettings encoder,
      int horizon) {
    return AgentModel.of(model, device, intraOpThreads, encoder).withHorizon(horizon);
  }

  /** The monitor settings for an embedder of output width {@code width}. */
  public MonitorSettings monitorSettings(int width) {
    return monitorSettings(
        width,
        window,
        windowCloudCapacity,
        evaluateEvery,
        horizon,
        intervalLevel,
        head,
        trust,
        batch);
  }

  /**
   * The monitor settings for the width the model's manifest names (the bundled MiniLM's when it
   * names none): for an engine that builds its monitors before it loads the model.
   */
  public MonitorSettings monitorSettings() {
    return monitorSettings(model.hiddenWidth().orElse(BundledModels.HIDDEN_WIDTH));
  }

  private static MonitorSettings monitorSettings(
      int width,
      WindowSpec window,
      int windowCloudCapacity,
      int evaluateEvery,
      int horizon,
      double intervalLevel,
      HeadSettings head,
      TrustSettings trust,
      BatchSettings batch) {
    return MonitorSettings.builder()
        .window(window)
        .width(width)
        .windowCloudCapacity(windowCloudCapacity)
        .evaluateEvery(evaluateEvery)
        .horizon(horizon)
        .intervalLevel(intervalLevel)
        .head(head)
        .trust(trust)
        // an engine batches up to maxBatch windows of a feed before embedding them
        .maxEmbeddingLag(MonitorSettings.embeddingLagFor(batch.maxBatch()))
        .build();
  }

  /** What Java serialization writes in place of this spec (see the class comment). */
  private Object writeReplace() {
    return SerializedAgentSpec.of(this);
  }

  /**
   * Builds an {@link AgentSpec}; each field starts at the default of the class that uses it (the
   * bundled {@link ModelChoice#DEFAULT} model on {@link OnnxEmbedder#DEFAULT_DEVICE}, {@link
   * EncoderSettings#defaults()}, {@link WindowSpec#defaults()}, the {@link MonitorSettings}
   * constants, {@link HeadSettings#defaults()}, {@link TrustSettings#defaults()}, {@link
   * RiskModel#bundled()}, {@link BatchSettings#defaults()}).
   */
  public static final class Builder {
    private ModelManifest model = ModelChoice.DEFAULT.manifest();
    private Device device = OnnxEmbedder.DEFAULT_DEVICE;
    private int intraOpThreads = OnnxEmbedder.DEFAULT_INTRA_OP_THREADS;
    private EncoderSettings encoder = EncoderSettings.defaults();
    private WindowSpec window = WindowSpec.defaults();
    private int windowCloudCapacity = MonitorSettings.DEFAULT_WINDOW_CLOUD_CAPACITY;
    private int evaluateEvery = MonitorSettings.DEFAULT_EVALUATE_EVERY;
    private int horizon = MonitorSettings.DEFAULT_HORIZON;
    private double intervalLevel = MonitorSettings.DEFAULT_INTERVAL_LEVEL;
    private HeadSettings head = HeadSettings.defaults();
    private TrustSettings trust = TrustSettings.defaults();
    private RiskModel riskModel = RiskModel.bundled();
    private BatchSettings batch = BatchSettings.defaults();

    private Builder() {}

    public Builder model(ModelManifest model) {
      this.model = model;
      return this;
    }

    /** A bundled model; each brings its own encoder and forecast source. */
    public Builder model(ModelChoice model) {
      return model(model.manifest());
    }

    public Builder device(Device device) {
      this.device = device;
      return this;
    }

    /** ONNX Runtime threads per session; 0 lets it choose. */
    public Builder intraOpThreads(int intraOpThreads) {
      this.intraOpThreads = intraOpThreads;
      return this;
    }

    public Builder encoder(EncoderSettings encoder) {
      this.encoder = encoder;
      return this;
    }

    public Builder window(WindowSpec window) {
      this.window = window;
      return this;
    }

    public Builder windowCloudCapacity(int windowCloudCapacity) {
      this.windowCloudCapacity = windowCloudCapacity;
      return this;
    }

    public Builder evaluateEvery(int evaluateEvery) {
      this.evaluateEvery = evaluateEvery;
      return this;
    }

    /** Which value after a window the agent forecasts (1 = the next one). */
    public Builder horizon(int horizon) {
      this.horizon = horizon;
      return this;
    }

    public Builder intervalLevel(double intervalLevel) {
      this.intervalLevel = intervalLevel;
      return this;
    }

    public Builder head(HeadSettings head) {
      this.head = head;
      return this;
    }

    /**
     * Calibration of the trust score and its alert policy, e.g. {@link
     * TrustSettings#forFalseAlarmRate(double)}.
     */
    public Builder trust(TrustSettings trust) {
      this.trust = trust;
      return this;
    }

    /** The risk model, e.g. {@code RiskModel.load(dir)} of what {@code train-risk} wrote. */
    public Builder riskModel(RiskModel riskModel) {
      this.riskModel = riskModel;
      return this;
    }

    public Builder batch(BatchSettings batch) {
      this.batch = batch;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first field that is out of range, in the words of
     *     the settings type that checks it
     */
    public AgentSpec build() {
      return new AgentSpec(
          model,
          device,
          intraOpThreads,
          encoder,
          window,
          windowCloudCapacity,
          evaluateEvery,
          horizon,
          intervalLevel,
          head,
          trust,
          riskModel,
          batch);
    }
  }
}
