package io.isowatch.model.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.TensorInfo;
import io.isowatch.core.embed.Embedder;
import io.isowatch.core.embed.Embedding;
import io.isowatch.core.encode.EncodedWindow;
import io.isowatch.model.encode.ResourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an ONNX model described by a {@link ModelManifest} with ONNX Runtime: one session, on CPU or
 * CUDA, one run per batch.
 *
 * <pre>{@code
 * try (OnnxEmbedder embedder =
 *         OnnxEmbedder.builder().manifest(BundledModels.INT8.manifest()).intraOpThreads(2).build();
 *     TextSerializationEncoder encoder =
 *         TextSerializationEncoder.builder()
 *             .tokenizer(embedder.manifest().tokenizer())
 *             .maxTokens(embedder.manifest().maxTokens())
 *             .build()) {
 *   List<Embedding> out = embedder.embed(List.of(encoder.encode(window1), encoder.encode(window2)));
 *   float[] vector = out.get(0).pooled(); // 384 values
 * }
 * }</pre>
 *
 * <p><b>Start.</b> {@link Builder#build()} loads the graph, picks the device and checks the
 * manifest against the graph; a missing file, a mismatched name or an unknown width fails here,
 * with a message that names the path or lists the graph's real input and output names.
 *
 * <p><b>Device.</b> {@link Device#CUDA} and {@link Device#AUTO} add ONNX Runtime's CUDA provider.
 * When that fails (the default build carries the CPU-only runtime; CUDA needs the {@code
 * onnxruntime_gpu} artifact and CUDA libraries), the session runs on CPU: after one warning when
 * CUDA was asked for, after one INFO line for AUTO. {@link #device()} and {@link #describe()} say
 * which device is used.
 *
 * <p><b>Batches.</b> Windows are padded to the longest in the batch (pad id 0, mask 0, type 0) and
 * run at once. Each window's result holds only its real tokens (mask 1). With the FP32 model a
 * window's token states and pooled vector are the same alone and in any batch; the bundled INT8
 * export quantizes activations with one scale per batch tensor, so its vectors move with the other
 * windows of the batch (up to ~0.05 in the pooled vector).
 *
 * <p><b>Forecast queries.</b> A window that ends in {@link EncodedWindow#queries()} forecast
 * queries (a model whose manifest names {@link ModelManifest#forecastQueries()}) is one question:
 * its token states and pooled vector cover the context before the queries, which a causal model
 * computes as it would for the context alone, and its logits are the last query's, the answer. A
 * window without queries is read as before.
 *
 * <p><b>Outputs.</b> When the graph declares every output dimension but batch and tokens (both
 * bundled models do) and the session runs on CPU, ONNX Runtime writes the hidden states and logits
 * into direct buffers that the embedder keeps for its next batch, grown to the largest batch seen
 * (32 windows: about 1.2 MB for the numeric LM's 64 tokens and next-token logits, 12.6 MB for
 * MiniLM's 256 tokens); only the rows each window keeps are copied to the heap. Otherwise the
 * outputs are copied out of ONNX Runtime's own buffers.
 *
 * <p>Not thread-safe: {@link #embed} reuses its output buffers from batch to batch, so give each
 * embedding thread its own instance, as every engine does (ONNX Runtime sessions are large: one per
 * core pool, not one per feed). The ONNX Runtime environment is process-wide and stays open.
 */
public final class OnnxEmbedder implements Embedder {
  private static final System.Logger LOG = System.getLogger(OnnxEmbedder.class.getName());

  public static final Device DEFAULT_DEVICE = Device.CPU;

  /** 0: ONNX Runtime picks, one thread per physical core. */
  public static final int DEFAULT_INTRA_OP_THREADS = 0;

  public static final GraphOptimization DEFAULT_OPTIMIZATION = GraphOptimization.ALL;

  /**
   * Whether ONNX Runtime's intra-op threads spin between runs (ONNX Runtime's own default is to
   * spin). Off: between two batches the agent encodes and judges windows on the calling thread, and
   * a spinning pool thread takes a core from that work without shortening the next run much.
   */
  public static final boolean DEFAULT_SPINNING = false;

  private static final int CUDA_DEVICE_ID = 0;

  /** ONNX Runtime's session config key for spinning intra-op threads. */
  private static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

  private final ModelManifest manifest;
  private final OrtEnvironment environment;
  private final SessionOptions options;
  private final OrtSession session;
  private final Device requestedDevice;
  private final Device device;
  private final int width;
  private final Set<String> outputNames;

  /**
   * The logits' last dimension when every output's shape is known before a run but for batch and
   * tokens, so that ONNX Runtime can write them straight into {@link #spare} buffers; 0 with no
   * logits output; -1 when the outputs are copied out of ONNX Runtime's own buffers instead.
   */
  private final int pinnedVocab;

  private final boolean perTokenLogits;

  /**
   * Output buffers of a finished batch, taken by the next one (each concurrent run has its own).
   */
  private final AtomicReference<PinnedOutputs> spare = new AtomicReference<>();

  private boolean closed;

  private OnnxEmbedder(
      ModelManifest manifest,
      OrtEnvironment environment,
      SessionOptions options,
      OrtSession session,
      Device requestedDevice,
      Device device,
      int width,
      int pinnedVocab,
      boolean perTokenLogits) {
    this.manifest = manifest;
    this.environment = environment;
    this.options = options;
    this.session = session;
    this.requestedDevice = requestedDevice;
    this.device = device;
    this.width = width;
    this.pinnedVocab = pinnedVocab;
    this.perTokenLogits = perTokenLogits;
    Set<String> names = new LinkedHashSet<>();
    names.add(manifest.hiddenStateOutput());
    manifest.logitsOutput().ifPresent(names::add);
    this.outputNames = Set.copyOf(names);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * One {@link Embedding} per window, in order, from one run of the model.
   *
   * @throws IllegalArgumentException if a window has no real token (before its queries), more than
   *     the manifest's {@code maxTokens}, or forecast queries the model was not trained to answer
   * @throws IllegalStateException if the embedder is closed or the run fails
   */
  @Override
  public List<Embedding> embed(List<EncodedWindow> batch) {
    if (closed) {
      throw new IllegalStateException("embedder " + describe() + " is closed");
    }
    if (batch.isEmpty()) {
      return List.of();
    }
    int size = batch.size();
    int length = longest(batch);
    long[] ids = new long[size * length];
    long[] mask = new long[size * length];
    long[] types = new long[size * length];
    for (int i = 0; i < size; i++) {
      EncodedWindow window = batch.get(i);
      System.arraycopy(window.inputIds(), 0, ids, i * length, window.length());
      System.arraycopy(window.attentionMask(), 0, mask, i * length, window.length());
      System.arraycopy(window.tokenTypeIds(), 0, types, i * length, window.length());
    }
    long[] shape = {size, length};
    Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    try {
      inputs.put(manifest.inputIdsName(), tensor(ids, shape));
      inputs.put(manifest.attentionMaskName(), tensor(mask, shape));
      if (manifest.tokenTypeIdsName().isPresent()) {
        inputs.put(manifest.tokenTypeIdsName().get(), tensor(types, shape));
      }
      if (pinnedVocab >= 0) {
        return runPinned(batch, inputs, size, length);
      }
      try (OrtSession.Result result = session.run(inputs, outputNames)) {
        FloatBuffer hidden = floats(result, manifest.hiddenStateOutput(), size, length, width);
        Optional<Logits> logits =
            manifest.logitsOutput().map(name -> Logits.of((OnnxTensor) output(result, name)));
        return windows(batch, length, hidden, logits);
      }
    } catch (OrtException e) {
      throw new IllegalStateException(
          "running " + describe() + " on a batch of " + size + " x " + length + " failed: " + e, e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * One run whose outputs ONNX Runtime writes into direct buffers of this embedder, read in place:
   * only the rows the windows keep are copied to the heap (with a [batch, tokens, vocab] logits
   * output that is one row of each window instead of all of them).
   */
  private List<Embedding> runPinned(
      List<EncodedWindow> batch, Map<String, OnnxTensor> inputs, int size, int length)
      throws OrtException {
    int hiddenValues = size * length * width;
    int logitsValues = perTokenLogits ? size * length * pinnedVocab : size * pinnedVocab;
    PinnedOutputs buffers = spare.getAndSet(null);
    if (buffers == null || !buffers.fits(hiddenValues, logitsValues)) {
      buffers = new PinnedOutputs(hiddenValues, logitsValues);
    }
    Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
    try {
      FloatBuffer hidden = buffers.hidden(hiddenValues);
      pinned.put(
          manifest.hiddenStateOutput(),
          OnnxTensor.createTensor(environment, hidden, new long[] {size, length, width}));
      Optional<Logits> logits = Optional.empty();
      if (manifest.logitsOutput().isPresent()) {
        FloatBuffer values = buffers.logits(logitsValues);
        long[] shape =
            perTokenLogits
                ? new long[] {size, length, pinnedVocab}
                : new long[] {size, pinnedVocab};
        pinned.put(
            manifest.logitsOutput().get(), OnnxTensor.createTensor(environment, values, shape));
        logits = Optional.of(new Logits(values, perTokenLogits, pinnedVocab));
      }
      try (OrtSession.Result result = session.run(inputs, pinned)) {
        return windows(batch, length, hidden, logits);
      }
    } finally {
      pinned.values().forEach(OnnxTensor::close);
      spare.set(buffers);
    }
  }

  private List<Embedding> windows(
      List<EncodedWindow> batch, int length, FloatBuffer hidden, Optional<Logits> logits) {
    List<Embedding> embeddings = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      embeddings.add(window(batch.get(i), i, length, hidden, logits));
    }
    return embeddings;
  }

  @Override
  public int dimension() {
    return width;
  }

  /** For example {@code "all-minilm-l6-v2 int8 on cpu"}. */
  @Override
  public String describe() {
    String described = manifest.label() + " on " + device.label();
    return requestedDevice == Device.CUDA && device != Device.CUDA
        ? described + " (cuda unavailable)"
        : described;
  }

  /** The device the session runs on: {@link Device#CPU} or {@link Device#CUDA}, never AUTO. */
  public Device device() {
    return device;
  }

  /** The device the builder asked for. */
  public Device requestedDevice() {
    return requestedDevice;
  }

  public ModelManifest manifest() {
    return manifest;
  }

  /** Frees the session's native memory; later calls to {@link #embed} fail. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      LOG.log(Level.WARNING, "closing the session of " + describe() + " failed: " + e);
    } finally {
      options.close();
    }
  }

  private int longest(List<EncodedWindow> batch) {
    int longest = 0;
    for (int i = 0; i < batch.size(); i++) {
      EncodedWindow window = batch.get(i);
      if (window.length() > manifest.maxTokens()) {
        throw new IllegalArgumentException(
            "batch["
                + i
                + "] has "
                + window.length()
                + " tokens, more than the "
                + manifest.maxTokens()
                + " (maxTokens) of "
                + manifest.label()
                + "; encode with maxTokens("
                + manifest.maxTokens()
                + ")");
      }
      if (realTokens(window) == 0) {
        throw new IllegalArgumentException(
            "batch["
                + i
                + "] has no real token"
                + (window.queries() > 0 ? " before its forecast queries" : "")
                + " (mask all 0)");
      }
      requireAnswerable(window, i);
      longest = Math.max(longest, window.length());
    }
    return longest;
  }

  /** Queries only go to a model trained to answer them, and no further ahead than it was. */
  private void requireAnswerable(EncodedWindow window, int index) {
    if (window.queries() == 0) {
      return;
    }
    if (manifest.forecastQueries().isEmpty()) {
      throw new IllegalArgumentException(
          "batch["
              + index
              + "] asks "
              + window.queries()
              + " forecast queries, but "
              + manifest.label()
              + " was not trained to answer them (its manifest names no forecastQueries)");
    }
    int most = manifest.forecastQueries().get().maxSteps() - 1;
    if (window.queries() > most) {
      throw new IllegalArgumentException(
          "batch["
              + index
              + "] asks "
              + window.queries()
              + " forecast queries, more than the "
              + most
              + " "
              + manifest.label()
              + " was trained to answer");
    }
  }

  /** The real tokens of the window's context (before any forecast query). */
  private static int realTokens(EncodedWindow window) {
    long[] mask = window.attentionMask();
    int real = 0;
    for (int position = 0; position < window.contextLength(); position++) {
      if (mask[position] != 0) {
        real++;
      }
    }
    return real;
  }

  /** The last real position: the last query's when the window asks any. */
  private static int lastRealPosition(EncodedWindow window) {
    long[] mask = window.attentionMask();
    for (int position = window.length() - 1; position >= 0; position--) {
      if (mask[position] != 0) {
        return position;
      }
    }
    return -1;
  }

  private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
    return OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
  }

  private static OnnxValue output(OrtSession.Result result, String name) {
    return result
        .get(name)
        .orElseThrow(() -> new IllegalStateException("the model gave no output \"" + name + "\""));
  }

  /** The hidden states as one flat buffer, after checking the shape is [size, length, width]. */
  private static FloatBuffer floats(
      OrtSession.Result result, String name, int size, int length, int width) {
    OnnxTensor tensor = (OnnxTensor) output(result, name);
    long[] shape = tensor.getInfo().getShape();
    if (shape.length != 3 || shape[0] != size || shape[1] != length || shape[2] != width) {
      throw new IllegalStateException(
          "output \""
              + name
              + "\" has shape "
              + Arrays.toString(shape)
              + ", expected ["
              + size
              + ", "
              + length
              + ", "
              + width
              + "]");
    }
    return tensor.getFloatBuffer();
  }

  private Embedding window(
      EncodedWindow window, int row, int length, FloatBuffer hidden, Optional<Logits> logits) {
    long[] mask = window.attentionMask();
    float[][] states = new float[realTokens(window)][];
    int next = 0;
    for (int position = 0; position < window.contextLength(); position++) {
      if (mask[position] != 0) {
        float[] state = new float[width];
        hidden.get((row * length + position) * width, state);
        states[next++] = state;
      }
    }
    float[] pooled = manifest.pooling().pool(states);
    int lastPosition = lastRealPosition(window);
    return new Embedding(pooled, states, logits.map(all -> all.row(row, length, lastPosition)));
  }

  /** A logits output, [batch, tokens, vocab] or [batch, vocab] (the rank is checked at start). */
  private static final class Logits {
    private final FloatBuffer values;
    private final boolean perToken;
    private final int vocab;

    Logits(FloatBuffer values, boolean perToken, int vocab) {
      this.values = values;
      this.perToken = perToken;
      this.vocab = vocab;
    }

    static Logits of(OnnxTensor tensor) {
      long[] shape = tensor.getInfo().getShape();
      return new Logits(tensor.getFloatBuffer(), shape.length == 3, (int) shape[shape.length - 1]);
    }

    /** The row of one window: its last real token's logits, or its own row. */
    float[] row(int row, int length, int lastPosition) {
      int offset = perToken ? (row * length + lastPosition) * vocab : row * vocab;
      float[] logits = new float[vocab];
      values.get(offset, logits);
      return logits;
    }
  }

  /**
   * Direct buffers, in native order, that ONNX Runtime writes a batch's hidden states and logits
   * into; grown when a batch needs more.
   */
  private static final class PinnedOutputs {
    private final FloatBuffer hidden;
    private final FloatBuffer logits;

    PinnedOutputs(int hiddenValues, int logitsValues) {
      this.hidden = direct(hiddenValues);
      this.logits = direct(logitsValues);
    }

    boolean fits(int hiddenValues, int logitsValues) {
      return hidden.capacity() >= hiddenValues && logits.capacity() >= logitsValues;
    }

    /** The first {@code values} floats, as a buffer of exactly that many. */
    FloatBuffer hidden(int values) {
      return hidden.duplicate().position(0).limit(values);
    }

    FloatBuffer logits(int values) {
      return logits.duplicate().position(0).limit(values);
    }

    private static FloatBuffer direct(int values) {
      return ByteBuffer.allocateDirect(Float.BYTES * values)
          .order(ByteOrder.nativeOrder())
          .asFloatBuffer();
    }
  }

  /**
   * Builds an {@link OnnxEmbedder}: {@link #manifest} is required, the rest start at their {@code
   * DEFAULT_} constants.
   */
  public static final class Builder {
    private ModelManifest manifest;
    private Device device = DEFAULT_DEVICE;
    private int intraOpThreads = DEFAULT_INTRA_OP_THREADS;
    private GraphOptimization optimization = DEFAULT_OPTIMIZATION;
    private boolean spinning = DEFAULT_SPINNING;

    private Builder() {}

    public Builder manifest(ModelManifest manifest) {
      this.manifest = manifest;
      return this;
    }

    public Builder device(Device device) {
      this.device = device;
      return this;
    }

    /** Threads of one run (0: ONNX Runtime's default, one per physical core). */
    public Builder intraOpThreads(int intraOpThreads) {
      this.intraOpThreads = intraOpThreads;
      return this;
    }

    public Builder optimization(GraphOptimization optimization) {
      this.optimization = optimization;
      return this;
    }

    /**
     * Whether the intra-op threads spin while waiting for work (default off); see {@link
     * OnnxEmbedder#DEFAULT_SPINNING}.
     */
    public Builder spinning(boolean spinning) {
      this.spinning = spinning;
      return this;
    }

    /**
     * Loads the model, picks the device and checks the manifest against the graph.
     *
     * @throws IllegalArgumentException naming the builder option that is missing or out of range
     * @throws ModelLoadException naming a missing model or tokenizer, or listing every mismatch
     *     between the manifest and the graph's inputs and outputs
     */
    public OnnxEmbedder build() {
      if (manifest == null) {
        throw new IllegalArgumentException("manifest must be set");
      }
      if (device == null) {
        throw new IllegalArgumentException("device must be set");
      }
      if (optimization == null) {
        throw new IllegalArgumentException("optimization must be set");
      }
      if (intraOpThreads < 0) {
        throw new IllegalArgumentException(
            "intraOpThreads must be at least 0 (0: ONNX Runtime's default), got " + intraOpThreads);
      }
      if (manifest.textTokenizer().isPresent() && !manifest.tokenizer().exists()) {
        throw new ModelLoadException(
            "tokenizer not found: " + manifest.tokenizer() + " (manifest field tokenizer)");
      }
      long start = System.nanoTime();
      ModelBytes model = ModelBytes.of(manifest.model());
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      SessionOptions options = null;
      OrtSession session = null;
      try {
        options = options();
        Device resolved = Device.CPU;
        if (device != Device.CPU) {
          try {
            options.addCUDA(CUDA_DEVICE_ID);
            resolved = Device.CUDA;
          } catch (OrtException | RuntimeException e) {
            fallBackToCpu(e);
            options.close();
            options = options();
          }
        }
        try {
          session = model.open(environment, options);
        } catch (OrtException e) {
          if (resolved != Device.CUDA) {
            throw e;
          }
          fallBackToCpu(e);
          options.close();
          options = options();
          resolved = Device.CPU;
          session = model.open(environment, options);
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        int width = GraphCheck.check(manifest, session.getInputInfo(), outputs);
        Optional<long[]> logitsShape =
            manifest.logitsOutput().map(name -> shape(outputs.get(name)));
        OnnxEmbedder embedder =
            new OnnxEmbedder(
                manifest,
                environment,
                options,
                session,
                device,
                resolved,
                width,
                pinnedVocab(resolved, width, outputs, logitsShape),
                logitsShape.map(shape -> shape.length == 3).orElse(false));
        LOG.log(
            Level.INFO,
            () ->
                "started "
                    + embedder.describe()
                    + " in "
                    + (System.nanoTime() - start) / 1_000_000
                    + " ms (width "
                    + width
                    + ", pooling "
                    + manifest.pooling()
                    + ", at most "
                    + manifest.maxTokens()
                    + " tokens)");
        return embedder;
      } catch (OrtException e) {
        closeQuietly(session, options);
        throw new ModelLoadException(
            "ONNX Runtime cannot load " + manifest.label() + " from " + manifest.model() + ": " + e,
            e);
      } catch (RuntimeException e) {
        closeQuietly(session, options);
        throw e;
      }
    }

    /**
     * The logits' width (0 without logits) when ONNX Runtime can write the outputs into buffers of
     * ours: on CPU, with the graph declaring every dimension but batch and tokens (the width as the
     * one checked at start). Otherwise -1: the outputs are copied out whole, and their shapes
     * checked after the run.
     */
    private int pinnedVocab(
        Device resolved, int width, Map<String, NodeInfo> outputs, Optional<long[]> logitsShape) {
      long[] hidden = shape(outputs.get(manifest.hiddenStateOutput()));
      if (resolved != Device.CPU || hidden[2] != width) {
        return -1;
      }
      if (logitsShape.isEmpty()) {
        return 0;
      }
      long vocab = logitsShape.get()[logitsShape.get().length - 1];
      boolean distinct = !manifest.logitsOutput().get().equals(manifest.hiddenStateOutput());
      return distinct && vocab > 0 && vocab <= Integer.MAX_VALUE ? (int) vocab : -1;
    }

    private static long[] shape(NodeInfo output) {
      return ((TensorInfo) output.getInfo()).getShape();
    }

    private SessionOptions options() throws OrtException {
      SessionOptions options = new SessionOptions();
      try {
        options.setIntraOpNumThreads(intraOpThreads);
        options.setOptimizationLevel(optLevel(optimization));
        options.addConfigEntry(ALLOW_SPINNING, spinning ? "1" : "0");
        return options;
      } catch (OrtException | RuntimeException e) {
        options.close();
        throw e;
      }
    }

    private void fallBackToCpu(Exception cause) {
      if (device == Device.CUDA) {
        LOG.log(
            Level.WARNING,
            "CUDA requested but not available (" + cause.getMessage() + "); running on CPU");
      } else {
        LOG.log(Level.INFO, "CUDA not available (" + cause.getMessage() + "); running on CPU");
      }
    }

    private static OptLevel optLevel(GraphOptimization optimization) {
      switch (optimization) {
        case NONE:
          return OptLevel.NO_OPT;
        case BASIC:
          return OptLevel.BASIC_OPT;
        case EXTENDED:
          return OptLevel.EXTENDED_OPT;
        case ALL:
          return OptLevel.ALL_OPT;
        default:
          throw new AssertionError(optimization);
      }
    }

    private static void closeQuietly(OrtSession session, SessionOptions options) {
      if (session != null) {
        try {
          session.close();
        } catch (OrtException e) {
          LOG.log(Level.DEBUG, "closing a half-started session failed: " + e);
        }
      }
      if (options != null) {
        options.close();
      }
    }
  }

  /**
   * The graph, as a file ONNX Runtime reads itself, or as the bytes of a classpath resource (which
   * may sit inside a jar).
   */
  private static final class ModelBytes {
    private final String path;
    private final byte[] bytes;

    private ModelBytes(String path, byte[] bytes) {
      this.path = path;
      this.bytes = bytes;
    }

    static ModelBytes of(ResourceLocation location) {
      if (location instanceof ResourceLocation.File) {
        if (!location.exists()) {
          throw new ModelLoadException("model not found: " + location + " (manifest field model)");
        }
        return new ModelBytes(((ResourceLocation.File) location).path().toString(), null);
      }
      try (InputStream in = location.open()) {
        return new ModelBytes(null, in.readAllBytes());
      } catch (NoSuchFileException e) {
        throw new ModelLoadException("model not found: " + location + " (manifest field model)", e);
      } catch (IOException e) {
        throw new ModelLoadException("cannot read model " + location + ": " + e, e);
      }
    }

    OrtSession open(OrtEnvironment environment, SessionOptions options) throws OrtException {
      return path != null
          ? environment.createSession(path, options)
          : environment.createSession(bytes, options);
    }
  }
}
