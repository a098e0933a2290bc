package io.isowatch.flink;

import io.isowatch.core.feed.WindowSpec;
import io.isowatch.core.monitor.MonitorSettings;
import io.isowatch.core.predict.HeadSettings;
import io.isowatch.core.trust.TrustSettings;
import io.isowatch.engine.batch.BatchSettings;
import io.isowatch.engine.model.AgentModel;
import io.isowatch.engine.model.EncoderSettings;
import io.isowatch.engine.model.ModelChoice;
import io.isowatch.model.embed.BundledModels;
import io.isowatch.model.embed.Device;
import io.isowatch.model.embed.OnnxEmbedder;
import io.isowatch.model.encode.NumberFormat;
import io.isowatch.model.encode.Scaling;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Flink job's functions need to build their core objects on the task managers: the model,
 * how windows are cut, written, measured and judged, and how the embedder batches. Flink ships
 * functions to the task managers as Java-serialized objects and the core's settings are plain
 * records, so this keeps their fields in serializable form and rebuilds them in {@code open()}.
 *
 * <pre>{@code
 * JobSettings settings =
 *     JobSettings.builder()
 *         .window(WindowSpec.builder().length(64).stride(8).build())
 *         .batch(new BatchSettings(32, Duration.ofMillis(50)))
 *         .build();
 * }</pre>
 */
public final class JobSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ModelChoice model;
  private final Device device;
  private final int intraOpThreads;
  private final EncoderSettings encoder;
  private final int windowLength;
  private final int stride;
  private final Duration allowedLateness;
  private final Duration maxGap;
  private final int maxPending;
  private final Duration maxAhead;
  private final int windowCloudCapacity;
  private final int evaluateEvery;
  private final int horizon;
  private final double intervalLevel;
  private final TrustSettings trust;
  private final HeadSettings head;
  private final BatchSettings batch;

  private JobSettings(Builder builder) {
    WindowSpec window = builder.window;
    this.model = Objects.requireNonNull(builder.model, "model");
    this.device = Objects.requireNonNull(builder.device, "device");
    this.intraOpThreads = builder.intraOpThreads;
    this.encoder =
        new EncoderSettings(
            Objects.requireNonNull(builder.numberFormat, "numberFormat"),
            Objects.requireNonNull(builder.separator, "separator"),
            Objects.requireNonNull(builder.scaling, "scaling"),
            builder.encoder.trailingSeparator(),
            builder.encoder.chronos());
    this.windowLength = window.length();
    this.stride = window.stride();
    this.allowedLateness = window.allowedLateness();
    this.maxGap = window.maxGap().orElse(null);
    this.maxPending = window.maxPending();
    this.maxAhead = window.maxAhead();
    this.windowCloudCapacity = builder.windowCloudCapacity;
    this.evaluateEvery = builder.evaluateEvery;
    this.horizon = builder.horizon;
    this.intervalLevel = builder.intervalLevel;
    this.trust = Objects.requireNonNull(builder.trust, "trust");
    this.head = Objects.requireNonNull(builder.head, "head");
    this.batch = Objects.requireNonNull(builder.batch, "batch");
    model(); // checks the model's own fields, with its own messages
    monitorSettings(); // checks the monitor's own fields, with its own messages
  }

  public static JobSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The model and how windows become its input: the factory of each subtask's encoder, embedder and
   * forecast source.
   */
  public AgentModel model() {
    return AgentModel.bundled(model, device, intraOpThreads, encoder);
  }

  public Device device() {
    return device;
  }

  /** How windows are batched for the embedder. */
  public BatchSettings batch() {
    return batch;
  }

  /** How each feed is cut into windows. */
  public WindowSpec window() {
    return new WindowSpec(
        windowLength, stride, allowedLateness, Optional.ofNullable(maxGap), maxPending, maxAhead);
  }

  /**
   * The monitor settings, for the model's output width. The drift windows and the bound on pending
   * forecasts keep the core's defaults; the job sets the window, the window cloud, the evaluation
   * stride, the online head, the forecast horizon and interval, and the trust calibration.
   */
  public MonitorSettings monitorSettings() {
    return MonitorSettings.builder()
        .window(window())
        .width(model.manifest().hiddenWidth().orElse(BundledModels.HIDDEN_WIDTH))
        .windowCloudCapacity(windowCloudCapacity)
        .evaluateEvery(evaluateEvery)
        .head(head)
        .horizon(horizon)
        .intervalLevel(intervalLevel)
        .maxEmbeddingLag(MonitorSettings.embeddingLagFor(batch.maxBatch()))
        .trust(trust)
        .build();
  }

  /** The trust calibration and alert policy of every feed. */
  public TrustSettings trust() {
    return trust;
  }

  /** Builds {@link JobSettings}; every field starts at the default of the class that uses it. */
  public static final class Builder {
    private ModelChoice model = ModelChoice.DEFAULT;
    private final EncoderSettings encoder = EncoderSettings.defaults();
    private Device device = OnnxEmbedder.DEFAULT_DEVICE;
    private int intraOpThreads = OnnxEmbedder.DEFAULT_INTRA_OP_THREADS;
    private NumberFormat numberFormat = encoder.numberFormat();
    private String separator = encoder.separator();
    private Scaling scaling = encoder.scaling();
    private WindowSpec window = WindowSpec.defaults();
    private int windowCloudCapacity = MonitorSettings.DEFAULT_WINDOW_CLOUD_CAPACITY;
    private int evaluateEvery = MonitorSettings.DEFAULT_EVALUATE_EVERY;
    private int horizon = MonitorSettings.DEFAULT_HORIZON;
    private double intervalLevel = MonitorSettings.DEFAULT_INTERVAL_LEVEL;
    private TrustSettings trust = TrustSettings.defaults();
    private HeadSettings head = HeadSettings.defaults();
    private BatchSettings batch = BatchSettings.defaults();

    private Builder() {}

    /** The bundled model; each brings its own encoder and forecast source. */
    public Builder model(ModelChoice model) {
      this.model = model;
      return this;
    }

    public Builder device(Device device) {
      this.device = device;
      return this;
    }

    /** ONNX Runtime threads per session (one session per subtask); 0 lets it choose. */
    public Builder intraOpThreads(int intraOpThreads) {
      this.intraOpThreads = intraOpThreads;
      return this;
    }

    public Builder numberFormat(NumberFormat numberFormat) {
      this.numberFormat = numberFormat;
      return this;
    }

    public Builder separator(String separator) {
      this.separator = separator;
      return this;
    }

    public Builder scaling(Scaling scaling) {
      this.scaling = scaling;
      return this;
    }

    public Builder window(WindowSpec window) {
      this.window = Objects.requireNonNull(window, "window");
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

    /** The online softmax head the agent forecasts with. */
    public Builder head(HeadSettings head) {
      this.head = Objects.requireNonNull(head, "head");
      return this;
    }

    /** Which value after a window the agent forecasts (1 = the next one). */
    public Builder horizon(int horizon) {
      this.horizon = horizon;
      return this;
    }

    /** Central mass of the agent's forecast intervals, e.g. 0.9 for 5%..95%. */
    public Builder intervalLevel(double intervalLevel) {
      this.intervalLevel = intervalLevel;
      return this;
    }

    /**
     * Calibration of the trust score and its alert policy, e.g. {@link
     * TrustSettings#forFalseAlarmRate(double)}.
     */
    public Builder trust(TrustSettings trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** How windows are batched for the embedder. */
    public Builder batch(BatchSettings batch) {
      this.batch = batch;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first field out of range
     */
    public JobSettings build() {
      return new JobSettings(this);
    }
  }
}
